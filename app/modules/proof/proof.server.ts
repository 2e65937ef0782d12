/**
 * Proof of volunteering (Engagementnachweis): a volunteer's CONFIRMED hours in a period, by
 * organisation and activity and by month, and the progress towards the NRW Ehrenamtskarte.
 * Ownership lives in the `where`: every statement reads `volunteer_id = <the signed-in volunteer>`.
 */
import type { DbOrTx } from "@db/client";
import { sql } from "drizzle-orm";
import { addDays, daysBetween, type Period } from "~/modules/dashboard/periods";
import { EHRENAMTSKARTE_HOURS_PER_WEEK, EHRENAMTSKARTE_HOURS_PER_YEAR } from "./ehrenamtskarte";

export interface ProofActivityRow {
  organisation: string | null;
  activity: string;
  categorySlug: string | null;
  categoryName: string | null;
  entries: number;
  hours: number;
  firstDate: string;
  lastDate: string;
}

export interface ProofData {
  volunteerName: string;
  period: { from: string; to: string };
  activities: ProofActivityRow[];
  months: { month: string; hours: number; entries: number }[];
  totalHours: number;
  totalEntries: number;
  /** Logged in the period but not (yet) confirmed: not part of the proof. */
  pendingHours: number;
  ehrenamtskarte: EhrenamtskarteProgress;
}

/**
 * Two ways to reach the NRW Ehrenamtskarte threshold, both computed from confirmed hours only:
 *  - year: the hours of the 365 days that end on the period's last day, against 250;
 *  - week: the average per week over the chosen period (hours ÷ (days ÷ 7)), against 5.
 * The issuing office decides; the page says so.
 */
export interface EhrenamtskarteProgress {
  yearFrom: string;
  yearTo: string;
  yearHours: number;
  yearThreshold: number;
  yearReached: boolean;
  periodDays: number;
  weeklyAverage: number;
  weeklyThreshold: number;
  weeklyReached: boolean;
}

export function loadProof(db: DbOrTx, volunteerId: string, period: Period): ProofData | null {
  const person = db.get<{ name: string }>(
    sql`select display_name as name from users where id = ${volunteerId}`,
  );
  if (!person) return null;
  const inPeriod = sql`h.volunteer_id = ${volunteerId} and h.confirmed_at is not null and h.date >= ${period.from} and h.date <= ${period.to}`;

  // What was done, as the volunteer knows it: the activity and its shift, or the need a match helped
  // with (its title while it is kept), else what was recorded with the hours.
  const activities = db.all<ProofActivityRow>(sql`
    select organisation, activity, categorySlug, categoryName, count(*) as entries, sum(hours) as hours,
      min(date) as firstDate, max(date) as lastDate
    from (
      select o.name as organisation, h.organisation_id as organisationId, h.category_id as categoryId,
        c.slug as categorySlug, c.name as categoryName, h.hours, h.date,
        coalesce(e.title || ': ' || s.title, nullif(n.title, ''), h.activity) as activity
      from hours_log h
      left join organisations o on o.id = h.organisation_id
      left join categories c on c.id = h.category_id
      left join signups su on su.id = h.signup_id
      left join shifts s on s.id = su.shift_id
      left join events e on e.id = s.event_id
      left join matches m on m.id = h.match_id
      left join needs n on n.id = m.need_id and n.text_erased_at is null
      where ${inPeriod}
    )
    group by organisationId, activity, categoryId
    order by organisation is null, organisation, activity, categoryName`);

  const months = db.all<{ month: string; hours: number; entries: number }>(sql`
    select substr(h.date, 1, 7) as month, sum(h.hours) as hours, count(*) as entries
    from hours_log h where ${inPeriod}
    group by substr(h.date, 1, 7) order by month`);

  const yearFrom = addDays(period.to, -364);
  const totals = db.get<{ total: number; entries: number; pending: number; year: number }>(sql`
    select
      (select coalesce(sum(h.hours), 0) from hours_log h where ${inPeriod}) as total,
      (select count(*) from hours_log h where ${inPeriod}) as entries,
      (select coalesce(sum(h.hours), 0) from hours_log h
        where h.volunteer_id = ${volunteerId} and h.confirmed_at is null and h.date >= ${period.from} and h.date <= ${period.to}) as pending,
      (select coalesce(sum(h.hours), 0) from hours_log h
        where h.volunteer_id = ${volunteerId} and h.confirmed_at is not null and h.date >= ${yearFrom} and h.date <= ${period.to}) as year`);

  const totalHours = totals?.total ?? 0;
  const periodDays = daysBetween(period.from, period.to) + 1;
  const weeklyAverage = totalHours / (periodDays / 7);
  const yearHours = totals?.year ?? 0;
  return {
    volunteerName: person.name,
    period: { from: period.from, to: period.to },
    activities,
    months,
    totalHours,
    totalEntries: totals?.entries ?? 0,
    pendingHours: totals?.pending ?? 0,
    ehrenamtskarte: {
      yearFrom,
      yearTo: period.to,
      yearHours,
      yearThreshold: EHRENAMTSKARTE_HOURS_PER_YEAR,
      yearReached: yearHours >= EHRENAMTSKARTE_HOURS_PER_YEAR,
      periodDays,
      weeklyAverage,
      weeklyThreshold: EHRENAMTSKARTE_HOURS_PER_WEEK,
      weeklyReached: weeklyAverage >= EHRENAMTSKARTE_HOURS_PER_WEEK,
    },
  };
}
