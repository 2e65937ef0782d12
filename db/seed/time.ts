/**
 * Dates of the seed, all computed from one anchor (the seed's "now"). Local times are Europe/Berlin,
 * computed by hand (EU summer time rule) so that the rows don't depend on the machine's time zone data.
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** Monday 00:00 UTC of the ISO week containing `now`: the demo shows upcoming weeks, stable within a week. */
export function defaultAnchor(now: Date = new Date()): Date {
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const daysSinceMonday = (now.getUTCDay() + 6) % 7;
  return new Date(midnight - daysSinceMonday * DAY_MS);
}

/** UTC instant of the last Sunday of a month at 01:00 UTC (when EU summer time starts or ends). */
function lastSundayAt0100Utc(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month + 1, 0));
  const sunday = lastDay.getTime() - lastDay.getUTCDay() * DAY_MS;
  return sunday + HOUR_MS;
}

/** Offset of Europe/Berlin from UTC at a UTC instant, in minutes (60 in winter, 120 in summer). */
export function berlinOffsetMinutes(utcMs: number): number {
  const year = new Date(utcMs).getUTCFullYear();
  const summer = utcMs >= lastSundayAt0100Utc(year, 2) && utcMs < lastSundayAt0100Utc(year, 9);
  return summer ? 120 : 60;
}

/**
 * The UTC instant of a Berlin wall-clock time: `dayOffset` days after the anchor's calendar date, at
 * `minuteOfDay` local minutes. (The anchor is a UTC midnight, so its UTC date is the calendar date.)
 */
export function berlinTime(anchorMs: number, dayOffset: number, minuteOfDay: number): number {
  const wallClockAsUtc = anchorMs + dayOffset * DAY_MS + minuteOfDay * MINUTE_MS;
  const guess = wallClockAsUtc - berlinOffsetMinutes(wallClockAsUtc) * MINUTE_MS;
  return wallClockAsUtc - berlinOffsetMinutes(guess) * MINUTE_MS;
}

/** Berlin calendar date of a UTC instant, as YYYY-MM-DD. */
export function berlinIsoDate(utcMs: number): string {
  return new Date(utcMs + berlinOffsetMinutes(utcMs) * MINUTE_MS).toISOString().slice(0, 10);
}

/** Berlin weekday (0 = Monday … 6 = Sunday) and minute of the day of a UTC instant. */
export function berlinWeekdayMinute(utcMs: number): { weekday: number; minute: number } {
  const local = new Date(utcMs + berlinOffsetMinutes(utcMs) * MINUTE_MS);
  return {
    weekday: (local.getUTCDay() + 6) % 7,
    minute: local.getUTCHours() * 60 + local.getUTCMinutes(),
  };
}

/** UTC calendar date (YYYY-MM-DD) `days` after the anchor. */
export function isoDateAfter(anchorMs: number, days: number): string {
  return new Date(anchorMs + days * DAY_MS).toISOString().slice(0, 10);
}

/** Formats a duration for the CLI. */
export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}
