import { sql, type SQL } from "drizzle-orm";
import { events } from "@db/schema";

const WEEK_MS = 7 * 24 * 3_600_000;

/**
 * The start of an activity's next occurrence from `from` on, as a sort key: a weekly series that has
 * begun sorts by its next week, not by its first date (approximated in SQL: daylight-saving shifts of an
 * hour do not change the order of days; the exact wall-clock time is computed in JS for display). The
 * week count is cast to an integer — better-sqlite3 binds JS numbers as REAL, and a REAL division would
 * not round down, which put every running series a week late (issue 13, seam 9).
 */
export function nextOccurrenceKey(from: number): SQL<number> {
  return sql<number>`case when ${events.recurrence} = 'weekly' and ${events.endsAt} < ${from}
    then ${events.startsAt} + cast((${from} - ${events.endsAt} + ${WEEK_MS - 1}) / ${WEEK_MS} as integer) * ${WEEK_MS}
    else ${events.startsAt} end`;
}
