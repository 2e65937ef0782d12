/**
 * The coordinator dashboard: every figure is aggregated in SQL, in a fixed number of statements (ten)
 * whatever the size of the scope. Each figure's definition lives next to its query, and the filtered
 * lists behind the figures (dashboard-lists.server.ts) use the same definitions.
 */
import type { DbOrTx } from "@db/client";
import {
  AGREED_MATCH_STATUSES,
  LIVE_MATCH_STATUSES,
  OPEN_NEED_STATUSES,
  sqlValueList,
} from "@db/schema/enums";
import { sql } from "drizzle-orm";
import { zonedIsoDate } from "~/utils/time";
import {
  ACTIVITY_DROP_MIN_BASE_HOURS,
  ACTIVITY_DROP_SHARE,
  CERTIFICATE_HORIZON_DAYS,
  DASHBOARD_LIST_LIMIT,
  DASHBOARD_WEEKS,
  SHIFT_HORIZON_HOURS,
} from "./definitions";
import { addDays, lastWeeks, type Week } from "./periods";
import { inScope, volunteerInScope, type NeighbourhoodScope } from "./scope.server";

/** Needs still looking for helpers: the coordinator's working list ("active" in the needs list). */
export const OPEN_NEED_SQL = sqlValueList(OPEN_NEED_STATUSES);
/** Matches that fill a helper place (the offerer said yes). */
export const FILLING_MATCH_SQL = sqlValueList(AGREED_MATCH_STATUSES);
/** Matches that hold a place in the offer's capacity. */
export const LIVE_MATCH_SQL = sqlValueList(LIVE_MATCH_STATUSES);

const HOUR_MS = 3_600_000;

export interface HeatCell {
  neighbourhoodId: number;
  categoryId: number;
  openNeeds: number;
  /** Helper places the open needs still lack: helpers needed minus accepted matches. */
  missingHelpers: number;
  offers: number;
  /** Free places in active, valid offers serving the neighbourhood: capacity minus live matches. */
  freeCapacity: number;
}

export interface WeekPoint {
  start: string;
  end: string;
  needs: number;
  proposed: number;
  accepted: number;
}

export interface ShiftAlert {
  shiftId: number;
  title: string;
  startsAt: number;
  neededCount: number;
  confirmedCount: number;
  eventId: number;
  eventTitle: string;
  organisationId: number | null;
  neighbourhoodName: string;
}

export interface CertificateAlert {
  userId: string;
  displayName: string;
  validUntil: string;
}

export interface LoadAlert {
  userId: string;
  displayName: string;
  capPerWeek: number;
  lastWeekHours: number;
  recentWeeklyAverage: number;
  previousWeeklyAverage: number;
}

export interface DashboardData {
  today: string;
  generatedAt: number;
  neighbourhoods: { id: number; name: string }[];
  categories: { id: number; slug: string; name: string }[];
  openNeeds: number;
  openByCategory: { categoryId: number; openNeeds: number; missingHelpers: number }[];
  coverage: { needs: number; covered: number; ratio: number | null };
  /** Median of (first acceptance − need recorded) over the needs that have an accepted match. */
  medianMsToMatch: number | null;
  heat: HeatCell[];
  weeks: WeekPoint[];
  shifts: { total: number; items: ShiftAlert[] };
  certificates: { total: number; items: CertificateAlert[] };
  overCap: { total: number; items: LoadAlert[] };
  activityDrop: { total: number; items: LoadAlert[] };
}

/** The dates the load figures look at, relative to `today`. */
export function loadWindows(today: string) {
  return {
    /** The last 7 days including today. */
    weekFrom: addDays(today, -6),
    /** The last 4 weeks including today. */
    recentFrom: addDays(today, -27),
    /** The 12 weeks before those. */
    previousFrom: addDays(today, -111),
  };
}

/**
 * Everything the dashboard shows for a scope, at `now`. Ten statements: neighbourhoods, categories,
 * open needs per neighbourhood × category, supply per neighbourhood × category, coverage with the
 * median, the weekly series, shifts, certificates, load — and nothing per row.
 */
export function loadDashboard(
  db: DbOrTx,
  scope: NeighbourhoodScope,
  now: number = Date.now(),
): DashboardData {
  const today = zonedIsoDate(now);

  const neighbourhoods = db.all<{ id: number; name: string }>(
    sql`select id, name from neighbourhoods where ${inScope("id", scope)} order by name, id`,
  );
  // The categories offered, and one no longer offered while open needs or active offers still have it
  // (an admin took it out of the choices, /admin/categories): those needs still count.
  const categories = db.all<{ id: number; slug: string; name: string }>(sql`
    select c.id, c.slug, c.name from categories c
    where c.active = 1
      or exists (select 1 from needs n where n.category_id = c.id and n.status in ${sql.raw(OPEN_NEED_SQL)})
      or exists (select 1 from offers o where o.category_id = c.id and o.status = 'active')
    order by c.sort_order, c.name`);

  // Per-need counts are aggregated once (a GROUP BY over the matches) and joined, rather than a
  // correlated subquery per need: ~3x less work on the city-scale seed.
  const demand = db.all<{ nb: number; cat: number; open_needs: number; missing: number }>(sql`
    with filled as materialized (
      select need_id, count(*) as n from matches where status in ${sql.raw(FILLING_MATCH_SQL)} group by need_id
    )
    select n.neighbourhood_id as nb, n.category_id as cat, count(*) as open_needs,
      sum(max(n.helpers_needed - coalesce(f.n, 0), 0)) as missing
    from needs n left join filled f on f.need_id = n.id
    where n.status in ${sql.raw(OPEN_NEED_SQL)} and ${inScope("n.neighbourhood_id", scope)}
    group by n.neighbourhood_id, n.category_id`);

  // Offers with free places first, then their neighbourhoods by key (CROSS JOIN keeps that order, the
  // unary + keeps SQLite from probing the neighbourhood index once per offer and scope entry): a
  // third of the work of probing the free capacities from the neighbourhood side.
  const supply = db.all<{ nb: number; cat: number; offers: number; free: number }>(sql`
    with used as materialized (
      select offer_id, count(*) as n from matches
      where status in ${sql.raw(LIVE_MATCH_SQL)} and offer_id is not null group by offer_id
    ),
    free as materialized (
      select o.id, o.category_id, o.capacity - coalesce(u.n, 0) as free
      from offers o left join used u on u.offer_id = o.id
      where o.status = 'active' and (o.valid_until is null or o.valid_until >= ${today})
    )
    select onb.neighbourhood_id as nb, f.category_id as cat, count(*) as offers, sum(f.free) as free
    from free f cross join offer_neighbourhoods onb on onb.offer_id = f.id
    where f.free > 0 and ${inScope("+onb.neighbourhood_id", scope)}
    group by onb.neighbourhood_id, f.category_id`);

  const coverageRow = db.get<{ total: number; covered: number; median_ms: number | null }>(sql`
    with firsts as materialized (
      select need_id, min(responded_at) as first_at from matches
      where status in ${sql.raw(FILLING_MATCH_SQL)} group by need_id
    ),
    covered as materialized (
      select n.created_at, f.first_at
      from firsts f join needs n on n.id = f.need_id
      where ${inScope("n.neighbourhood_id", scope)}
    ),
    ordered as (
      select first_at - created_at as d,
        row_number() over (order by first_at - created_at) as rn,
        count(*) over () as cnt
      from covered where first_at is not null
    )
    select (select count(*) from needs n where ${inScope("n.neighbourhood_id", scope)}) as total,
      (select count(*) from covered) as covered,
      (select avg(d) from ordered where rn in ((cnt + 1) / 2, (cnt + 2) / 2)) as median_ms`);

  const weeks = lastWeeks(today, DASHBOARD_WEEKS);
  const weekRows = db.all<{ i: number; needs: number; proposed: number; accepted: number }>(sql`
    with weeks as (
      select cast(key as integer) as i, json_extract(value, '$[0]') as s, json_extract(value, '$[1]') as e
      from json_each(${JSON.stringify(weeks.map((w) => [w.startMs, w.endMs]))})
    )
    select w.i,
      (select count(*) from needs n
        where n.created_at >= w.s and n.created_at < w.e and ${inScope("n.neighbourhood_id", scope)}) as needs,
      (select count(*) from matches m join needs n on n.id = m.need_id
        where m.proposed_at >= w.s and m.proposed_at < w.e and ${inScope("n.neighbourhood_id", scope)}) as proposed,
      (select count(*) from matches m join needs n on n.id = m.need_id
        where m.status in ${sql.raw(FILLING_MATCH_SQL)} and m.responded_at >= w.s and m.responded_at < w.e
          and ${inScope("n.neighbourhood_id", scope)}) as accepted
    from weeks w order by w.i`);

  const shiftRows = db.all<ShiftRow>(sql`
    select s.id as shiftId, s.title, s.starts_at as startsAt, s.needed_count as neededCount,
      s.confirmed_count as confirmedCount, e.id as eventId, e.title as eventTitle, e.organisation_id as organisationId,
      nb.name as neighbourhoodName, count(*) over () as total
    from shifts s
    join events e on e.id = s.event_id
    join neighbourhoods nb on nb.id = e.neighbourhood_id
    where ${understaffedShiftCondition(scope, now)}
    order by s.starts_at, s.id
    limit ${DASHBOARD_LIST_LIMIT}`);

  const certificateRows = db.all<CertificateAlert & { total: number }>(sql`
    select vp.user_id as userId, u.display_name as displayName, vp.certificate_valid_until as validUntil,
      count(*) over () as total
    from volunteer_profiles vp join users u on u.id = vp.user_id
    where ${expiringCertificateCondition(scope, today)}
    order by vp.certificate_valid_until, u.display_name, vp.user_id
    limit ${DASHBOARD_LIST_LIMIT}`);

  const loadRows = db.all<LoadRow>(sql`
    with flagged as (${loadAlertsQuery(scope, today)}),
    ranked as (
      select f.*,
        sum(over_cap) over () as over_cap_total,
        sum(dropped) over () as dropped_total,
        case when over_cap = 1 then row_number() over (partition by over_cap order by last_week - cap desc, display_name) end as over_cap_rank,
        case when dropped = 1 then row_number() over (partition by dropped order by recent_avg / previous_avg, display_name) end as dropped_rank
      from flagged f
    )
    select * from ranked
    where over_cap_rank <= ${DASHBOARD_LIST_LIMIT} or dropped_rank <= ${DASHBOARD_LIST_LIMIT}`);

  const openByCategory = new Map<number, { categoryId: number; openNeeds: number; missingHelpers: number }>();
  let openNeeds = 0;
  for (const d of demand) {
    openNeeds += d.open_needs;
    const entry = openByCategory.get(d.cat) ?? { categoryId: d.cat, openNeeds: 0, missingHelpers: 0 };
    entry.openNeeds += d.open_needs;
    entry.missingHelpers += d.missing;
    openByCategory.set(d.cat, entry);
  }

  const heat = new Map<string, HeatCell>();
  const cell = (nb: number, cat: number) => {
    const key = `${nb}:${cat}`;
    let c = heat.get(key);
    if (!c) {
      c = {
        neighbourhoodId: nb,
        categoryId: cat,
        openNeeds: 0,
        missingHelpers: 0,
        offers: 0,
        freeCapacity: 0,
      };
      heat.set(key, c);
    }
    return c;
  };
  for (const d of demand)
    Object.assign(cell(d.nb, d.cat), { openNeeds: d.open_needs, missingHelpers: d.missing });
  for (const s of supply) Object.assign(cell(s.nb, s.cat), { offers: s.offers, freeCapacity: s.free });

  const total = coverageRow?.total ?? 0;
  const covered = coverageRow?.covered ?? 0;
  const toAlert = (r: LoadRow): LoadAlert => ({
    userId: r.user_id,
    displayName: r.display_name,
    capPerWeek: r.cap,
    lastWeekHours: r.last_week,
    recentWeeklyAverage: r.recent_avg,
    previousWeeklyAverage: r.previous_avg,
  });

  return {
    today,
    generatedAt: now,
    neighbourhoods,
    categories,
    openNeeds,
    openByCategory: [...openByCategory.values()].sort(
      (a, b) => b.openNeeds - a.openNeeds || a.categoryId - b.categoryId,
    ),
    coverage: { needs: total, covered, ratio: total > 0 ? covered / total : null },
    medianMsToMatch: coverageRow?.median_ms ?? null,
    heat: [...heat.values()],
    weeks: weeks.map((w: Week, i) => {
      const row = weekRows.find((r) => r.i === i);
      return {
        start: w.start,
        end: w.end,
        needs: row?.needs ?? 0,
        proposed: row?.proposed ?? 0,
        accepted: row?.accepted ?? 0,
      };
    }),
    shifts: {
      total: shiftRows[0]?.total ?? 0,
      items: shiftRows.map(({ total: _total, ...s }) => s),
    },
    certificates: {
      total: certificateRows[0]?.total ?? 0,
      items: certificateRows.map(({ total: _total, ...c }) => c),
    },
    overCap: {
      total: loadRows[0]?.over_cap_total ?? 0,
      items: loadRows
        .filter((r) => r.over_cap_rank !== null && r.over_cap_rank <= DASHBOARD_LIST_LIMIT)
        .sort((a, b) => a.over_cap_rank! - b.over_cap_rank!)
        .map(toAlert),
    },
    activityDrop: {
      total: loadRows[0]?.dropped_total ?? 0,
      items: loadRows
        .filter((r) => r.dropped_rank !== null && r.dropped_rank <= DASHBOARD_LIST_LIMIT)
        .sort((a, b) => a.dropped_rank! - b.dropped_rank!)
        .map(toAlert),
    },
  };
}

type ShiftRow = ShiftAlert & { total: number };

interface LoadRow {
  user_id: string;
  display_name: string;
  cap: number;
  last_week: number;
  recent_avg: number;
  previous_avg: number;
  over_cap: 0 | 1;
  dropped: 0 | 1;
  over_cap_total: number;
  dropped_total: number;
  over_cap_rank: number | null;
  dropped_rank: number | null;
}

/** Shifts of published activities in scope that start within 72 hours and have places left. */
export function understaffedShiftCondition(scope: NeighbourhoodScope, now: number) {
  // `+` keeps SQLite from driving the query from the events' status index (every published activity, then
  // its shifts): at state scale it chose that plan, 2 s against 0.3 s through the shifts' start times.
  return sql`s.starts_at >= ${now} and s.starts_at < ${now + SHIFT_HORIZON_HOURS * HOUR_MS}
    and s.confirmed_count < s.needed_count and +e.status = 'published' and ${inScope("e.neighbourhood_id", scope)}`;
}

/** Verified certificates that are still valid today and end within 60 days (both days included). */
export function expiringCertificateCondition(scope: NeighbourhoodScope, today: string) {
  return sql`vp.certificate_valid_until >= ${today} and vp.certificate_valid_until <= ${addDays(today, CERTIFICATE_HORIZON_DAYS)}
    and ${volunteerInScope("vp.user_id", "vp.home_neighbourhood_id", scope)}`;
}

/**
 * Volunteers in scope flagged for load, with the numbers behind the flags. Every logged hour counts,
 * confirmed or not: the work was done either way.
 *  - over_cap: hours in the last 7 days (today included) above the weekly cap of the profile;
 *  - dropped: the last 4 weeks' weekly average is below 30 % of the 12 weeks before, and those 12
 *    weeks held at least 12 hours (people who rarely help are not "dropping").
 */
export function loadAlertsQuery(scope: NeighbourhoodScope, today: string) {
  const w = loadWindows(today);
  return sql`
    select r.user_id, u.display_name, vp.hours_cap_per_week as cap, r.last_week,
      r.recent / 4.0 as recent_avg, r.previous / 12.0 as previous_avg,
      (r.last_week > vp.hours_cap_per_week) as over_cap,
      (r.previous >= ${ACTIVITY_DROP_MIN_BASE_HOURS} and r.recent / 4.0 < ${ACTIVITY_DROP_SHARE} * r.previous / 12.0) as dropped
    from (
      select h.volunteer_id as user_id,
        sum(case when h.date >= ${w.weekFrom} then h.hours else 0 end) as last_week,
        sum(case when h.date >= ${w.recentFrom} then h.hours else 0 end) as recent,
        sum(case when h.date < ${w.recentFrom} then h.hours else 0 end) as previous
      from hours_log h
      where h.date >= ${w.previousFrom} and h.date <= ${today} and h.volunteer_id is not null
      group by h.volunteer_id
    ) r
    join volunteer_profiles vp on vp.user_id = r.user_id
    join users u on u.id = r.user_id
    where (r.last_week > vp.hours_cap_per_week
        or (r.previous >= ${ACTIVITY_DROP_MIN_BASE_HOURS} and r.recent / 4.0 < ${ACTIVITY_DROP_SHARE} * r.previous / 12.0))
      and ${volunteerInScope("vp.user_id", "vp.home_neighbourhood_id", scope)}`;
}
