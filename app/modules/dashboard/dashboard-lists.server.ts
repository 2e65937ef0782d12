/**
 * The lists behind the dashboard's figures. Each uses the very condition its figure counts with, so
 * the list's total is the number the coordinator clicked. Two statements per list: the count and one
 * page (LIST_PAGE_SIZE rows), whatever the size of the scope.
 */
import type { DbOrTx } from "@db/client";
import { sql, type SQL } from "drizzle-orm";
import type { MatchStatus, NeedStatus } from "@db/schema/enums";
import { zonedIsoDate } from "~/utils/time";
import {
  expiringCertificateCondition,
  FILLING_MATCH_SQL,
  LIVE_MATCH_SQL,
  loadAlertsQuery,
  OPEN_NEED_SQL,
  understaffedShiftCondition,
  type CertificateAlert,
  type LoadAlert,
  type ShiftAlert,
} from "./dashboard.server";
import { LIST_PAGE_SIZE, type FigureFilter } from "./dashboard-filter";
import { periodOf } from "./periods";
import { inScope, type NeighbourhoodScope } from "./scope.server";

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageCount: number;
}

function paged<T>(
  db: DbOrTx,
  countQuery: SQL | number,
  pageQuery: (limit: number, offset: number) => SQL,
  requested: number,
): Page<T> {
  const total = typeof countQuery === "number" ? countQuery : (db.get<{ n: number }>(countQuery)?.n ?? 0);
  const pageCount = Math.max(1, Math.ceil(total / LIST_PAGE_SIZE));
  const page = Math.min(Math.max(1, requested), pageCount);
  const items = total === 0 ? [] : db.all<T>(pageQuery(LIST_PAGE_SIZE, (page - 1) * LIST_PAGE_SIZE));
  return { items, total, page, pageCount };
}

const and = (parts: SQL[]) => sql.join(parts, sql` and `);

function optionalEq(column: string, value: number | undefined): SQL {
  return value === undefined ? sql`1` : sql`${sql.raw(column)} = ${value}`;
}

// ---- needs ------------------------------------------------------------------------------------------

export interface FigureNeedItem {
  id: number;
  title: string;
  status: NeedStatus;
  helpersNeeded: number;
  filled: number;
  neighbourhoodName: string;
  categorySlug: string;
  categoryName: string;
  createdAt: number;
  /** First acceptance of a filling match, if any. */
  firstAcceptedAt: number | null;
}

/**
 * Needs in scope, filtered like the figures: `covered` (has an accepted, active or completed match),
 * created within [from, to] (Berlin days), still open, neighbourhood, category. Sorted by time to the
 * first acceptance when listing covered needs (the median's list), newest first otherwise.
 */
export function listFigureNeeds(
  db: DbOrTx,
  scope: NeighbourhoodScope,
  filter: FigureFilter,
): Page<FigureNeedItem> {
  const parts: SQL[] = [
    inScope("n.neighbourhood_id", scope),
    optionalEq("n.neighbourhood_id", filter.neighbourhood),
    optionalEq("n.category_id", filter.category),
  ];
  if (filter.open) parts.push(sql.raw(`n.status in ${OPEN_NEED_SQL}`));
  if (filter.covered === "yes") parts.push(sql`f.need_id is not null`);
  if (filter.covered === "no") parts.push(sql`f.need_id is null`);
  if (filter.from) parts.push(sql`n.created_at >= ${periodOf(filter.from, filter.from).fromMs}`);
  if (filter.to) parts.push(sql`n.created_at < ${periodOf(filter.to, filter.to).toMs}`);
  const from = sql`
    from needs n
    left join (select need_id, count(*) as filled, min(responded_at) as first_at from matches
      where status in ${sql.raw(FILLING_MATCH_SQL)} group by need_id) f on f.need_id = n.id
    where ${and(parts)}`;
  const order =
    filter.covered === "yes"
      ? sql`order by (f.first_at - n.created_at) is null, f.first_at - n.created_at, n.id`
      : sql`order by n.created_at desc, n.id desc`;
  // Names are joined to the page only, so the count statement stays lean.
  return paged<FigureNeedItem>(
    db,
    sql`select count(*) as n ${from}`,
    (limit, offset) => sql`
      select x.id, x.title, x.status, x.helpersNeeded, x.filled, x.createdAt, x.firstAcceptedAt,
        nb.name as neighbourhoodName, c.slug as categorySlug, c.name as categoryName
      from (select n.id, n.title, n.status, n.helpers_needed as helpersNeeded, coalesce(f.filled, 0) as filled,
          n.created_at as createdAt, f.first_at as firstAcceptedAt, n.neighbourhood_id as nbId, n.category_id as catId
        ${from} ${order} limit ${limit} offset ${offset}) x
      join neighbourhoods nb on nb.id = x.nbId
      join categories c on c.id = x.catId`,
    filter.page,
  );
}

// ---- matches ----------------------------------------------------------------------------------------

export interface FigureMatchItem {
  id: number;
  needId: number;
  needTitle: string;
  status: MatchStatus;
  neighbourhoodName: string;
  categorySlug: string;
  categoryName: string;
  proposedAt: number;
  respondedAt: number | null;
}

/** Matches proposed (or accepted: still accepted, active or completed) within [from, to], in scope. */
export function listFigureMatches(
  db: DbOrTx,
  scope: NeighbourhoodScope,
  filter: FigureFilter,
): Page<FigureMatchItem> {
  const column = filter.matchKind === "accepted" ? "m.responded_at" : "m.proposed_at";
  const parts: SQL[] = [
    inScope("n.neighbourhood_id", scope),
    optionalEq("n.neighbourhood_id", filter.neighbourhood),
    optionalEq("n.category_id", filter.category),
  ];
  if (filter.matchKind === "accepted")
    parts.push(sql.raw(`m.status in ${FILLING_MATCH_SQL} and m.responded_at is not null`));
  if (filter.matchKind === "waiting") parts.push(sql.raw(`m.status = 'proposed'`));
  if (filter.from) parts.push(sql`${sql.raw(column)} >= ${periodOf(filter.from, filter.from).fromMs}`);
  if (filter.to) parts.push(sql`${sql.raw(column)} < ${periodOf(filter.to, filter.to).toMs}`);
  const from = sql`from matches m join needs n on n.id = m.need_id where ${and(parts)}`;
  return paged<FigureMatchItem>(
    db,
    sql`select count(*) as n ${from}`,
    (limit, offset) => sql`
      select m.id, n.id as needId, n.title as needTitle, m.status, nb.name as neighbourhoodName,
        c.slug as categorySlug, c.name as categoryName, m.proposed_at as proposedAt, m.responded_at as respondedAt
      from matches m join needs n on n.id = m.need_id
      join neighbourhoods nb on nb.id = n.neighbourhood_id join categories c on c.id = n.category_id
      where ${and(parts)}
      order by ${sql.raw(column)} desc, m.id desc limit ${limit} offset ${offset}`,
    filter.page,
  );
}

// ---- offers (supply) ---------------------------------------------------------------------------------

export interface FigureOfferItem {
  id: number;
  title: string;
  capacity: number;
  free: number;
  ownerName: string;
  ownerKind: "volunteer" | "organisation";
  categorySlug: string;
  categoryName: string;
  validUntil: string | null;
}

/** Active, valid offers with free places that serve a neighbourhood in scope (the heat map's supply). */
export function listFigureOffers(
  db: DbOrTx,
  scope: NeighbourhoodScope,
  filter: FigureFilter,
  now = Date.now(),
): Page<FigureOfferItem> & { freeCapacity: number } {
  const today = zonedIsoDate(now);
  const base = sql`
    from offers o
    left join (select offer_id, count(*) as n from matches where status in ${sql.raw(LIVE_MATCH_SQL)} and offer_id is not null group by offer_id) u
      on u.offer_id = o.id
    where o.status = 'active' and (o.valid_until is null or o.valid_until >= ${today})
      and o.capacity - coalesce(u.n, 0) > 0 and ${optionalEq("o.category_id", filter.category)}
      and exists (select 1 from offer_neighbourhoods onb where onb.offer_id = o.id
        and ${inScope("+onb.neighbourhood_id", scope)} and ${optionalEq("onb.neighbourhood_id", filter.neighbourhood)})`;
  // The count and the free places in one pass over the offers (each pass groups every live match).
  const totals = db.get<{ n: number; free: number }>(
    sql`select count(*) as n, coalesce(sum(o.capacity - coalesce(u.n, 0)), 0) as free ${base}`,
  );
  const page = paged<FigureOfferItem>(
    db,
    totals?.n ?? 0,
    (limit, offset) => sql`
      select x.id, x.title, x.capacity, x.free, coalesce(org.name, vu.display_name, '') as ownerName,
        case when x.organisation_id is null then 'volunteer' else 'organisation' end as ownerKind,
        c.slug as categorySlug, c.name as categoryName, x.validUntil
      from (select o.id, o.title, o.capacity, o.capacity - coalesce(u.n, 0) as free, o.organisation_id,
          o.volunteer_id, o.category_id, o.valid_until as validUntil
        ${base} order by free desc, o.id limit ${limit} offset ${offset}) x
      join categories c on c.id = x.category_id
      left join organisations org on org.id = x.organisation_id
      left join users vu on vu.id = x.volunteer_id
      order by x.free desc, x.id`,
    filter.page,
  );
  return { ...page, freeCapacity: totals?.free ?? 0 };
}

// ---- shifts, certificates, load ---------------------------------------------------------------------

export function listFigureShifts(
  db: DbOrTx,
  scope: NeighbourhoodScope,
  filter: FigureFilter,
  now = Date.now(),
): Page<ShiftAlert> {
  const from = sql`from shifts s join events e on e.id = s.event_id where ${understaffedShiftCondition(scope, now)}`;
  return paged<ShiftAlert>(
    db,
    sql`select count(*) as n ${from}`,
    (limit, offset) => sql`
      select s.id as shiftId, s.title, s.starts_at as startsAt, s.needed_count as neededCount,
        s.confirmed_count as confirmedCount, e.id as eventId, e.title as eventTitle, e.organisation_id as organisationId,
        nb.name as neighbourhoodName
      from shifts s join events e on e.id = s.event_id join neighbourhoods nb on nb.id = e.neighbourhood_id
      where ${understaffedShiftCondition(scope, now)}
      order by s.starts_at, s.id limit ${limit} offset ${offset}`,
    filter.page,
  );
}

export function listFigureCertificates(
  db: DbOrTx,
  scope: NeighbourhoodScope,
  filter: FigureFilter,
  now = Date.now(),
): Page<CertificateAlert> {
  const today = zonedIsoDate(now);
  const from = sql`from volunteer_profiles vp join users u on u.id = vp.user_id where ${expiringCertificateCondition(scope, today)}`;
  return paged<CertificateAlert>(
    db,
    sql`select count(*) as n ${from}`,
    (limit, offset) => sql`
      select vp.user_id as userId, u.display_name as displayName, vp.certificate_valid_until as validUntil
      ${from} order by vp.certificate_valid_until, u.display_name, vp.user_id limit ${limit} offset ${offset}`,
    filter.page,
  );
}

export function listFigureLoad(
  db: DbOrTx,
  scope: NeighbourhoodScope,
  filter: FigureFilter,
  now = Date.now(),
): Page<LoadAlert> {
  const today = zonedIsoDate(now);
  const flag = filter.loadKind === "drop" ? sql`dropped = 1` : sql`over_cap = 1`;
  const order =
    filter.loadKind === "drop"
      ? sql`recent_avg / previous_avg, display_name`
      : sql`last_week - cap desc, display_name`;
  const from = sql`from (${loadAlertsQuery(scope, today)}) f where ${flag}`;
  // The flags aggregate every volunteer's hours: the page and its total in one pass (a window count),
  // and a second pass only for a page past the end.
  const pageAt = (page: number) =>
    db.all<LoadAlert & { total: number }>(sql`
      select user_id as userId, display_name as displayName, cap as capPerWeek, last_week as lastWeekHours,
        recent_avg as recentWeeklyAverage, previous_avg as previousWeeklyAverage, count(*) over () as total
      ${from} order by ${order}, user_id limit ${LIST_PAGE_SIZE} offset ${(page - 1) * LIST_PAGE_SIZE}`);
  const requested = Math.max(1, filter.page);
  let rows = pageAt(requested);
  let total = rows[0]?.total;
  if (total === undefined) {
    total = db.get<{ n: number }>(sql`select count(*) as n ${from}`)?.n ?? 0;
    const last = Math.max(1, Math.ceil(total / LIST_PAGE_SIZE));
    if (total > 0 && requested > last) rows = pageAt(last);
  }
  const pageCount = Math.max(1, Math.ceil(total / LIST_PAGE_SIZE));
  return {
    items: rows.map(({ total: _total, ...item }) => item),
    total,
    page: Math.min(requested, pageCount),
    pageCount,
  };
}
