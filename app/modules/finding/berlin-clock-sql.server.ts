/**
 * Europe/Berlin wall-clock time inside SQL. SQLite knows only UTC and the server's own zone, but the
 * finder sorts by local day and compares shifts with weekly availability in local minutes, in one
 * query. The EU rule (summer time from the last Sunday of March to the last Sunday of October, both at
 * 01:00 UTC) becomes a CASE over a few years around now; outside them winter time is assumed, which
 * only matters for items years away.
 */
import { sql, type SQL } from "drizzle-orm";

export const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

function lastSundayAt1Utc(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month + 1, 0));
  return Date.UTC(year, month, lastDay.getUTCDate() - lastDay.getUTCDay(), 1, 0);
}

/** Summer-time periods [start, end) in epoch ms for the given years. */
export function berlinSummerPeriods(fromYear: number, toYear: number): Array<[number, number]> {
  const periods: Array<[number, number]> = [];
  for (let year = fromYear; year <= toYear; year++)
    periods.push([lastSundayAt1Utc(year, 2), lastSundayAt1Utc(year, 9)]);
  return periods;
}

/** The offset in JS from the same periods (for tests against Intl). */
export function berlinOffsetFromPeriods(instant: number, periods: Array<[number, number]>): number {
  return periods.some(([start, end]) => instant >= start && instant < end) ? 2 * HOUR_MS : HOUR_MS;
}

/** SQL: the Berlin offset (ms) at the instant `column` (epoch ms), for years around `now`. */
export function berlinOffsetSql(column: SQL, now: number): SQL {
  const year = new Date(now).getUTCFullYear();
  const periods = berlinSummerPeriods(year - 1, year + 3);
  // Literals, not bound parameters: better-sqlite3 binds JS numbers as REAL, and the day and minute
  // maths below needs SQLite's integer division. The values are our own integers.
  const whens = periods.map(
    ([start, end]) =>
      sql`when ${column} >= ${int(start)} and ${column} < ${int(end)} then ${int(2 * HOUR_MS)}`,
  );
  return sql`(case ${sql.join(whens, sql` `)} else ${int(HOUR_MS)} end)`;
}

/** The local day number (days since 1970-01-01, Berlin) that `(berlinLocalSql(x, now)) / DAY_MS` gives in SQL. */
export function berlinLocalDay(instant: number, now: number): number {
  const year = new Date(now).getUTCFullYear();
  const periods = berlinSummerPeriods(year - 1, year + 3);
  return Math.floor((instant + berlinOffsetFromPeriods(instant, periods)) / DAY_MS);
}

/** SQL: local wall-clock instant (epoch ms shifted by the offset, an integer), for day, weekday and minute maths. */
export function berlinLocalSql(column: SQL, now: number): SQL {
  const instant = sql`cast(${column} as integer)`;
  return sql`(${instant} + ${berlinOffsetSql(instant, now)})`;
}

/** An integer literal (never a bound parameter, which better-sqlite3 would send as REAL). */
export function int(value: number): SQL {
  if (!Number.isSafeInteger(value)) throw new Error(`not an integer: ${value}`);
  return sql.raw(String(value));
}

/** SQL: weekday 0 = Monday … 6 = Sunday of a local instant (1970-01-01 was a Thursday). */
export function weekdaySql(local: SQL): SQL {
  return sql`(((${local}) / ${int(DAY_MS)} + 3) % 7)`;
}

/** SQL: minutes since local midnight of a local instant. */
export function minuteOfDaySql(local: SQL): SQL {
  return sql`(((${local}) % ${int(DAY_MS)}) / 60000)`;
}
