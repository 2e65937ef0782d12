/**
 * Progress of arrivals, read from their steps' needs and matches: the checklist of one arrival, the
 * overview of a coordinator's arrivals sorted by what is most urgent, the home page's "next step without
 * a helper", and the rows the Lagebild aggregates. One definition of a step's state (STEP_STATE_SQL) for
 * all of them; each reader runs a fixed number of statements whatever the number of arrivals.
 */
import type { DbOrTx } from "@db/client";
import { sql, type SQL } from "drizzle-orm";
import { AGREED_MATCH_STATUSES, sqlValueList, type NeedStatus, type NeedUrgency } from "@db/schema/enums";
import { inScope, type NeighbourhoodScope } from "~/modules/dashboard/scope.server";
import type { ArrivalFilter } from "./arrival-filter";
import type { ArrivalUrgency, StepState } from "./step-state";

/** Matches someone said yes to, as an SQL list for the hand-written queries below. */
const AGREED_MATCHES = sql.raw(sqlValueList(AGREED_MATCH_STATUSES));

/** Rows of the overview per page. */
export const ARRIVALS_PAGE_SIZE = 25;

/**
 * A step's state from its need (n), the counts of its matches (m) and its due day (s.due_on) against
 * today (Berlin, ISO). See step-state.ts for the words.
 */
function stepStateSql(today: string): SQL {
  return sql`case
    when n.status = 'cancelled' then 'cancelled'
    when n.status = 'closed' or coalesce(m.completed, 0) >= n.helpers_needed then 'done'
    when st.due_on < ${today} then 'overdue'
    when coalesce(m.filling, 0) >= n.helpers_needed then 'matched'
    when coalesce(m.proposed, 0) > 0 then 'proposed'
    else 'open' end`;
}

/**
 * When a done step was done: the need's closing, or the completion of its last helper, but never after
 * its appointment ended. Recording a step done later than it happened leaves the appointment on the day
 * it was done (markStepDone moves it there, and a helper's hours go on that day), so that day counts.
 */
const DONE_AT_SQL = sql`min(case
    when n.status = 'closed' then n.closed_at
    when n.status <> 'cancelled' and coalesce(m.completed, 0) >= n.helpers_needed then m.last_completed
    end, n.ends_at)`;

/**
 * `with facts as (…)`: one row per step of the arrivals `a` for which `arrivalWhere` holds, with its
 * need's facts, its match counts and its state. The match counts are grouped for these steps' needs
 * only, not for the whole table.
 */
function withFacts(arrivalWhere: SQL, today: string): SQL {
  return sql`with st as (
      select s.id, s.arrival_id, s.template_id, s.need_id, s.person_number, s.due_on, s.lead_days,
        a.neighbourhood_id, a.arrival_date, a.code, a.household_size
      from arrival_steps s join arrivals a on a.id = s.arrival_id
      where ${arrivalWhere}
    ),
    m as (
      select need_id,
        sum(status in ${AGREED_MATCHES}) as filling,
        sum(status = 'proposed') as proposed,
        sum(status = 'completed') as completed,
        max(completed_at) as last_completed
      from matches where need_id in (select need_id from st) group by need_id
    ),
    facts as (
      select st.*, n.status as need_status, n.helpers_needed, n.starts_at, n.ends_at, n.urgency,
        n.category_id, n.closed_at,
        coalesce(m.filling, 0) as filling, coalesce(m.proposed, 0) as proposed,
        coalesce(m.completed, 0) as completed,
        ${stepStateSql(today)} as state,
        ${DONE_AT_SQL} as done_at
      from st join needs n on n.id = st.need_id left join m on m.need_id = st.need_id
    )`;
}

export interface StepFact {
  stepId: number;
  arrivalId: number;
  templateId: number;
  needId: number;
  personNumber: number | null;
  dueOn: string;
  leadDays: number;
  neighbourhoodId: number;
  arrivalDate: string;
  needStatus: NeedStatus;
  helpersNeeded: number;
  startsAt: number;
  endsAt: number;
  urgency: NeedUrgency;
  categoryId: number;
  filling: number;
  proposed: number;
  completed: number;
  state: StepState;
  doneAt: number | null;
}

const FACT_COLUMNS = sql`id as stepId, arrival_id as arrivalId, template_id as templateId, need_id as needId,
  person_number as personNumber, due_on as dueOn, lead_days as leadDays, neighbourhood_id as neighbourhoodId,
  arrival_date as arrivalDate, need_status as needStatus, helpers_needed as helpersNeeded,
  starts_at as startsAt, ends_at as endsAt, urgency, category_id as categoryId, filling, proposed,
  completed, state, done_at as doneAt`;

/** The steps of one arrival with their state, in the order of their appointments. */
export function listStepFacts(db: DbOrTx, arrivalId: number, today: string): StepFact[] {
  return db.all<StepFact>(sql`${withFacts(sql`a.id = ${arrivalId}`, today)}
    select ${FACT_COLUMNS} from facts order by starts_at, template_id, person_number, id`);
}

/** The steps of several arrivals (the ids as one JSON parameter: the statement is the same for any list). */
export function stepFactsOfArrivals(db: DbOrTx, arrivalIds: readonly number[], today: string): StepFact[] {
  if (arrivalIds.length === 0) return [];
  return db.all<StepFact>(sql`${withFacts(
    sql`a.id in (select value from json_each(${JSON.stringify(arrivalIds)}))`,
    today,
  )}
    select ${FACT_COLUMNS} from facts order by arrival_id, starts_at, id`);
}

/** Steps of the arrivals in scope that arrived in [from, to] (ISO dates): what the Lagebild counts. */
export function stepFactsForPeriod(
  db: DbOrTx,
  scope: NeighbourhoodScope,
  from: string,
  to: string,
  today: string,
): StepFact[] {
  return db.all<StepFact>(sql`${withFacts(
    sql`${inScope("a.neighbourhood_id", scope)} and a.arrival_date between ${from} and ${to}`,
    today,
  )}
    select ${FACT_COLUMNS} from facts order by arrival_date, arrival_id, starts_at, id`);
}

// ---- the overview ---------------------------------------------------------------------------------

export interface ArrivalListItem {
  id: number;
  code: string;
  neighbourhoodId: number;
  neighbourhoodName: string;
  arrivalDate: string;
  householdSize: number;
  steps: number;
  done: number;
  cancelled: number;
  overdue: number;
  /** Live steps without every helper place taken. */
  unstaffed: number;
  /** The earliest appointment among live steps, and among live steps without a helper. */
  nextAt: number | null;
  nextUnstaffedAt: number | null;
  urgency: ArrivalUrgency;
}

/** Per arrival: counts of its steps by state and its next appointments; the urgency rank in SQL. */
function perArrival(): SQL {
  return sql`per_arrival as (
      select arrival_id,
        count(*) as steps,
        sum(state = 'done') as done,
        sum(state = 'cancelled') as cancelled,
        sum(state = 'overdue') as overdue,
        sum(state in ('open', 'proposed', 'overdue') and filling < helpers_needed) as unstaffed,
        min(case when state in ('open', 'proposed', 'matched', 'overdue') then starts_at end) as next_at,
        min(case when state in ('open', 'proposed', 'overdue') and filling < helpers_needed then starts_at end)
          as next_unstaffed_at,
        min(case when state = 'overdue' then due_on end) as oldest_due
      from facts group by arrival_id
    ),
    ranked as (
      select a.id, a.code, a.neighbourhood_id, nb.name as neighbourhood_name, a.arrival_date,
        a.household_size, p.steps, p.done, p.cancelled, p.overdue, p.unstaffed, p.next_at,
        p.next_unstaffed_at, p.oldest_due,
        case when p.overdue > 0 then 0 when p.unstaffed > 0 then 1
          when p.done + p.cancelled < p.steps then 2 else 3 end as rank
      from arrivals a
      join per_arrival p on p.arrival_id = a.id
      join neighbourhoods nb on nb.id = a.neighbourhood_id
    )`;
}

const URGENCY_OF_RANK: readonly ArrivalUrgency[] = ["overdue", "unstaffed", "staffed", "finished"];

interface RankedRow {
  id: number;
  code: string;
  neighbourhoodId: number;
  neighbourhoodName: string;
  arrivalDate: string;
  householdSize: number;
  steps: number;
  done: number;
  cancelled: number;
  overdue: number;
  unstaffed: number;
  nextAt: number | null;
  nextUnstaffedAt: number | null;
  rank: number;
  total: number;
}

function toItem(r: RankedRow): ArrivalListItem {
  return {
    id: r.id,
    code: r.code,
    neighbourhoodId: r.neighbourhoodId,
    neighbourhoodName: r.neighbourhoodName,
    arrivalDate: r.arrivalDate,
    householdSize: r.householdSize,
    steps: r.steps,
    done: r.done,
    cancelled: r.cancelled,
    overdue: r.overdue,
    unstaffed: r.unstaffed,
    nextAt: r.nextAt,
    nextUnstaffedAt: r.nextUnstaffedAt,
    urgency: URGENCY_OF_RANK[r.rank] ?? "finished",
  };
}

const RANKED_COLUMNS = sql`id, code, neighbourhood_id as neighbourhoodId, neighbourhood_name as neighbourhoodName,
  arrival_date as arrivalDate, household_size as householdSize, steps, done, cancelled, overdue, unstaffed,
  next_at as nextAt, next_unstaffed_at as nextUnstaffedAt, rank, count(*) over () as total`;

/**
 * The arrivals in scope, most urgent first: those with an overdue step (the longest overdue first), then
 * those with a step that has no helper (the soonest first), then those whose live steps all have helpers
 * (the soonest appointment first), then finished ones (the latest arrival first). One statement.
 */
export function listArrivals(
  db: DbOrTx,
  scope: NeighbourhoodScope,
  filter: ArrivalFilter,
  today: string,
): { items: ArrivalListItem[]; total: number; page: number; pageCount: number } {
  const where = sql`${inScope("a.neighbourhood_id", scope)} and ${
    filter.neighbourhood === undefined ? sql`1` : sql`a.neighbourhood_id = ${filter.neighbourhood}`
  }`;
  const status =
    filter.status === "active" ? sql`rank < 3` : filter.status === "finished" ? sql`rank = 3` : sql`1`;
  const query = (limit: number, offset: number) => sql`${withFacts(where, today)}, ${perArrival()}
    select ${RANKED_COLUMNS} from ranked where ${status}
    order by rank,
      case rank when 0 then oldest_due when 1 then next_unstaffed_at when 2 then next_at end,
      case when rank = 3 then arrival_date end desc,
      id desc
    limit ${limit} offset ${offset}`;
  let page = Math.max(1, filter.page);
  let rows = db.all<RankedRow>(query(ARRIVALS_PAGE_SIZE, (page - 1) * ARRIVALS_PAGE_SIZE));
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && page > 1) {
    // A page past the end (the list shrank): show the last one.
    const count = db.all<RankedRow>(query(1, 0))[0]?.total ?? 0;
    page = Math.max(1, Math.ceil(count / ARRIVALS_PAGE_SIZE));
    rows = count > 0 ? db.all<RankedRow>(query(ARRIVALS_PAGE_SIZE, (page - 1) * ARRIVALS_PAGE_SIZE)) : [];
    total = count;
  }
  return {
    items: rows.map(toItem),
    total,
    page,
    pageCount: Math.max(1, Math.ceil(total / ARRIVALS_PAGE_SIZE)),
  };
}

export interface WaitingArrival {
  arrivalId: number;
  code: string;
  neighbourhoodName: string;
  arrivalDate: string;
  /** The arrival's next step, which has no helper yet. */
  stepId: number;
  templateId: number;
  needId: number;
  startsAt: number;
  dueOn: string;
  state: StepState;
}

/**
 * Arrivals in scope whose next step (the live step with the earliest appointment) has no helper yet, the
 * soonest first: the coordinator's home shows them. One statement; `limit` rows and the total.
 */
export function arrivalsWaitingForHelpers(
  db: DbOrTx,
  scope: NeighbourhoodScope,
  today: string,
  limit: number,
): { items: WaitingArrival[]; total: number } {
  const rows = db.all<WaitingArrival & { total: number }>(sql`${withFacts(
    inScope("a.neighbourhood_id", scope),
    today,
  )},
    next_steps as (
      select facts.*, row_number() over (partition by arrival_id order by starts_at, id) as position
      from facts where state in ('open', 'proposed', 'matched', 'overdue')
    )
    select ns.arrival_id as arrivalId, ns.code, nb.name as neighbourhoodName, ns.arrival_date as arrivalDate,
      ns.id as stepId, ns.template_id as templateId, ns.need_id as needId, ns.starts_at as startsAt,
      ns.due_on as dueOn, ns.state, count(*) over () as total
    from next_steps ns join neighbourhoods nb on nb.id = ns.neighbourhood_id
    where ns.position = 1 and ns.filling < ns.helpers_needed
    order by ns.starts_at, ns.arrival_id
    limit ${limit}`);
  return {
    items: rows.map(({ total: _total, ...item }) => item),
    total: rows[0]?.total ?? 0,
  };
}
