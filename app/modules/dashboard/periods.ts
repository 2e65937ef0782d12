/**
 * Calendar arithmetic for the dashboard and the reports, on ISO dates (YYYY-MM-DD) as Berlin sees them.
 * Pure: safe for tests and the browser. Instants come from ~/utils/time (Europe/Berlin).
 */
import { startOfZonedDay } from "~/utils/time";

const DAY_MS = 86_400_000;

/** The ISO date `days` after (or before, when negative) `iso`. Calendar days: DST plays no part. */
export function addDays(iso: string, days: number): string {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) + days * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Monday … 6 = Sunday. */
export function isoWeekday(iso: string): number {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
}

/** The Monday of the week that contains `iso`. */
export function mondayOf(iso: string): string {
  return addDays(iso, -isoWeekday(iso));
}

/** Whole calendar days from `from` to `to` (to − from). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

export interface Week {
  /** Monday, ISO date. */
  start: string;
  /** Sunday, ISO date (inclusive). */
  end: string;
  /** Monday 00:00 Berlin, and the next Monday 00:00 Berlin (exclusive), in ms. */
  startMs: number;
  endMs: number;
}

/** The last `count` calendar weeks (Monday–Sunday, Berlin), oldest first; the last one contains `today`. */
export function lastWeeks(today: string, count: number): Week[] {
  const current = mondayOf(today);
  return Array.from({ length: count }, (_, i) => {
    const start = addDays(current, (i - count + 1) * 7);
    const next = addDays(start, 7);
    return { start, end: addDays(start, 6), startMs: startOfZonedDay(start), endMs: startOfZonedDay(next) };
  });
}

/** A period of whole days, both ends inclusive, with its instants (Berlin midnight to Berlin midnight). */
export interface Period {
  from: string;
  to: string;
  fromMs: number;
  /** Exclusive: the midnight after `to`. */
  toMs: number;
}

export function periodOf(from: string, to: string): Period {
  return { from, to, fromMs: startOfZonedDay(from), toMs: startOfZonedDay(addDays(to, 1)) };
}

/** True for a real calendar date in YYYY-MM-DD form. */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [y, m, d] = value.split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}
