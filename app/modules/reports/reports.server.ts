/**
 * Reports for a period, in the reader's scope: needs, matches and confirmed hours per organisation,
 * category and month. Each report is one aggregated statement; the CSV files carry the same numbers as
 * the page (the summaries) or the rows behind them (needs and matches, one line each).
 *
 * Definitions:
 *  - a need belongs to the period it was recorded in (created_at, Berlin days, both ends included);
 *  - a match belongs to the period it was proposed in;
 *  - hours count when confirmed (confirmed_at set) and their date lies in the period; they belong to
 *    the neighbourhood of their match's need or of their shift's activity.
 * Personal data stays out: no free text of needs, no names of volunteers.
 */
import { sql, type SQL } from "drizzle-orm";
import { SQLiteSyncDialect } from "drizzle-orm/sqlite-core";
import { type Db, type DbOrTx } from "@db/client";
import type { MatchStatus, NeedStatus, NeedUrgency } from "@db/schema/enums";
import { FILLING_MATCH_SQL, OPEN_NEED_SQL } from "~/modules/dashboard/dashboard.server";
import type { Period } from "~/modules/dashboard/periods";
import { inScope, type NeighbourhoodScope } from "~/modules/dashboard/scope.server";

import { HOURS_GROUPING, type HoursGrouping } from "./report-period";

export { HOURS_GROUPING, type HoursGrouping };

export interface NeedsSummaryRow {
  categoryId: number;
  categorySlug: string;
  categoryName: string;
  recorded: number;
  /** With at least one accepted, active or completed match. */
  covered: number;
  /** Still open or partly matched today. */
  open: number;
  closed: number;
  cancelled: number;
  helpersNeeded: number;
  helpersFound: number;
}

export interface MatchesSummaryRow {
  status: MatchStatus;
  matches: number;
}

export interface HoursRow {
  /** Organisation or category id, or the month (YYYY-MM); null = without organisation / category. */
  key: string | null;
  label: string | null;
  slug: string | null;
  entries: number;
  hours: number;
  volunteers: number;
}

const needsInPeriod = (scope: NeighbourhoodScope, period: Period) =>
  sql`n.created_at >= ${period.fromMs} and n.created_at < ${period.toMs} and ${inScope("n.neighbourhood_id", scope)}`;

const filledPerNeed = sql`(select need_id, count(*) as filled, min(responded_at) as first_at from matches
  where status in ${sql.raw(FILLING_MATCH_SQL)} group by need_id)`;

/** Needs recorded in the period, per category. */
export function summariseNeeds(db: DbOrTx, scope: NeighbourhoodScope, period: Period): NeedsSummaryRow[] {
  return db.all<NeedsSummaryRow>(sql`
    select c.id as categoryId, c.slug as categorySlug, c.name as categoryName,
      count(*) as recorded,
      count(f.need_id) as covered,
      sum(n.status in ${sql.raw(OPEN_NEED_SQL)}) as open,
      sum(n.status = 'closed') as closed,
      sum(n.status = 'cancelled') as cancelled,
      sum(n.helpers_needed) as helpersNeeded,
      coalesce(sum(min(coalesce(f.filled, 0), n.helpers_needed)), 0) as helpersFound
    from needs n
    join categories c on c.id = n.category_id
    left join ${filledPerNeed} f on f.need_id = n.id
    where ${needsInPeriod(scope, period)}
    group by c.id
    order by c.sort_order, c.name`);
}

/** Matches proposed in the period, per current status. */
export function summariseMatches(db: DbOrTx, scope: NeighbourhoodScope, period: Period): MatchesSummaryRow[] {
  return db.all<MatchesSummaryRow>(sql`
    select m.status, count(*) as matches
    from matches m join needs n on n.id = m.need_id
    where m.proposed_at >= ${period.fromMs} and m.proposed_at < ${period.toMs} and ${inScope("n.neighbourhood_id", scope)}
    group by m.status
    order by case m.status when 'proposed' then 0 when 'accepted' then 1 when 'active' then 2
      when 'completed' then 3 when 'declined' then 4 else 5 end`);
}

/** Where an hours entry happened: its match's need, or its shift's activity. */
const hoursNeighbourhood = sql`coalesce(
  (select n.neighbourhood_id from matches m join needs n on n.id = m.need_id where m.id = h.match_id),
  (select e.neighbourhood_id from signups s join shifts sh on sh.id = s.shift_id join events e on e.id = sh.event_id where s.id = h.signup_id))`;

function hoursInScope(scope: NeighbourhoodScope) {
  if (scope.neighbourhoodIds === null) return sql`1`;
  return sql`${hoursNeighbourhood} in (select value from json_each(${JSON.stringify(scope.neighbourhoodIds)}))`;
}

/** Confirmed hours dated in the period, grouped by organisation, category or month. */
export function summariseHours(
  db: DbOrTx,
  scope: NeighbourhoodScope,
  period: Period,
  by: HoursGrouping,
): HoursRow[] {
  return db.all<HoursRow>(hoursQuery(scope, period, by));
}

/** The same rows one at a time, as the CSV download writes them. */
export function iterateHours(
  db: Db,
  scope: NeighbourhoodScope,
  period: Period,
  by: HoursGrouping,
): IterableIterator<HoursRow> {
  return iterate<HoursRow>(db, hoursQuery(scope, period, by));
}

function hoursQuery(scope: NeighbourhoodScope, period: Period, by: HoursGrouping): SQL {
  const where = sql`h.confirmed_at is not null and h.date >= ${period.from} and h.date <= ${period.to} and ${hoursInScope(scope)}`;
  const totals = sql`count(*) as entries, sum(h.hours) as hours, count(distinct h.volunteer_id) as volunteers`;
  if (by === "organisation") {
    return sql`
      select cast(o.id as text) as key, o.name as label, null as slug, ${totals}
      from hours_log h left join organisations o on o.id = h.organisation_id
      where ${where}
      group by o.id order by o.id is null, o.name, o.id`;
  }
  if (by === "category") {
    return sql`
      select cast(c.id as text) as key, c.name as label, c.slug as slug, ${totals}
      from hours_log h left join categories c on c.id = h.category_id
      where ${where}
      group by c.id order by c.id is null, c.sort_order, c.name`;
  }
  return sql`
    select substr(h.date, 1, 7) as key, substr(h.date, 1, 7) as label, null as slug, ${totals}
    from hours_log h
    where ${where}
    group by substr(h.date, 1, 7) order by key`;
}

/** The hours summaries for several groupings (the reports page shows all three). */
export function summariseHoursBy<B extends HoursGrouping>(
  db: DbOrTx,
  scope: NeighbourhoodScope,
  period: Period,
  groupings: readonly B[],
): Record<B, HoursRow[]> {
  return Object.fromEntries(groupings.map((by) => [by, summariseHours(db, scope, period, by)])) as Record<
    B,
    HoursRow[]
  >;
}

export interface NeedReportRow {
  id: number;
  createdAt: number;
  neighbourhood: string;
  categorySlug: string;
  categoryName: string;
  organisation: string | null;
  status: NeedStatus;
  urgency: NeedUrgency;
  helpersNeeded: number;
  helpersFound: number;
  firstAcceptedAt: number | null;
  closedAt: number | null;
}

/** One line per need recorded in the period (no free text: titles and descriptions stay out). */
export function listNeedsForReport(db: DbOrTx, scope: NeighbourhoodScope, period: Period): NeedReportRow[] {
  return db.all<NeedReportRow>(needsReportQuery(scope, period));
}

/** The same rows one at a time, as the CSV download writes them (see report-csv.server.ts). */
export function iterateNeedsForReport(
  db: Db,
  scope: NeighbourhoodScope,
  period: Period,
): IterableIterator<NeedReportRow> {
  return iterate<NeedReportRow>(db, needsReportQuery(scope, period));
}

function needsReportQuery(scope: NeighbourhoodScope, period: Period): SQL {
  return sql`
    select n.id, n.created_at as createdAt, nb.name as neighbourhood, c.slug as categorySlug, c.name as categoryName,
      o.name as organisation, n.status, n.urgency, n.helpers_needed as helpersNeeded,
      min(coalesce(f.filled, 0), n.helpers_needed) as helpersFound, f.first_at as firstAcceptedAt, n.closed_at as closedAt
    from needs n
    join neighbourhoods nb on nb.id = n.neighbourhood_id
    join categories c on c.id = n.category_id
    left join organisations o on o.id = n.organisation_id
    left join ${filledPerNeed} f on f.need_id = n.id
    where ${needsInPeriod(scope, period)}
    order by n.created_at, n.id`;
}

export interface MatchReportRow {
  id: number;
  needId: number;
  proposedAt: number;
  respondedAt: number | null;
  status: MatchStatus;
  neighbourhood: string;
  categorySlug: string;
  categoryName: string;
  /** The offering organisation; null when a volunteer offered (or the offer is gone). */
  organisation: string | null;
  offeredBy: "volunteer" | "organisation" | "unknown";
  score: number;
  hoursConfirmed: number;
}

/** One line per match proposed in the period. */
export function listMatchesForReport(
  db: DbOrTx,
  scope: NeighbourhoodScope,
  period: Period,
): MatchReportRow[] {
  return db.all<MatchReportRow>(matchesReportQuery(scope, period));
}

/** The same rows one at a time, as the CSV download writes them. */
export function iterateMatchesForReport(
  db: Db,
  scope: NeighbourhoodScope,
  period: Period,
): IterableIterator<MatchReportRow> {
  return iterate<MatchReportRow>(db, matchesReportQuery(scope, period));
}

function matchesReportQuery(scope: NeighbourhoodScope, period: Period): SQL {
  return sql`
    select m.id, m.need_id as needId, m.proposed_at as proposedAt, m.responded_at as respondedAt, m.status,
      nb.name as neighbourhood, c.slug as categorySlug, c.name as categoryName, org.name as organisation,
      case when o.id is null then 'unknown' when o.organisation_id is null then 'volunteer' else 'organisation' end as offeredBy,
      m.score,
      (select coalesce(sum(h.hours), 0) from hours_log h where h.match_id = m.id and h.confirmed_at is not null) as hoursConfirmed
    from matches m
    join needs n on n.id = m.need_id
    join neighbourhoods nb on nb.id = n.neighbourhood_id
    join categories c on c.id = n.category_id
    left join offers o on o.id = m.offer_id
    left join organisations org on org.id = o.organisation_id
    where m.proposed_at >= ${period.fromMs} and m.proposed_at < ${period.toMs} and ${inScope("n.neighbourhood_id", scope)}
    order by m.proposed_at, m.id`;
}

const dialect = new SQLiteSyncDialect();

/** A statement's rows one at a time (better-sqlite3's iterator): nothing is held but the current row. */
function iterate<T>(db: Db, query: SQL): IterableIterator<T> {
  const { sql: text, params } = dialect.sqlToQuery(query);
  return db.$client.prepare(text).iterate(...params) as IterableIterator<T>;
}
