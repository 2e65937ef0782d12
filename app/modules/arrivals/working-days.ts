/**
 * Working days in North Rhine-Westphalia: Monday to Friday, except the public holidays of NRW (authorities,
 * schools, Kitas and doctors are closed). Calendar arithmetic on ISO dates only, so daylight saving plays
 * no part. Pure: used by the plan and its tests.
 */
import { addDays, isoWeekday } from "~/modules/dashboard/periods";

/** Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm, "Meeus/Jones/Butcher"). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

const holidayCache = new Map<number, ReadonlySet<string>>();

/**
 * The public holidays of NRW in a year: New Year, Good Friday, Easter Monday, Labour Day, Ascension,
 * Whit Monday, Corpus Christi, German Unity Day, All Saints' Day, Christmas Day and Boxing Day.
 */
export function nrwHolidays(year: number): ReadonlySet<string> {
  const cached = holidayCache.get(year);
  if (cached) return cached;
  const easter = easterSunday(year);
  const fixed = ["01-01", "05-01", "10-03", "11-01", "12-25", "12-26"].map((md) => `${year}-${md}`);
  const movable = [-2, 1, 39, 50, 60].map((offset) => addDays(easter, offset));
  const set = new Set([...fixed, ...movable]);
  holidayCache.set(year, set);
  return set;
}

export function isWorkingDay(iso: string): boolean {
  return isoWeekday(iso) < 5 && !nrwHolidays(Number(iso.slice(0, 4))).has(iso);
}

/** The latest working day in [from, to], or null when there is none. */
export function lastWorkingDayBetween(from: string, to: string): string | null {
  for (let day = to; day >= from; day = addDays(day, -1)) if (isWorkingDay(day)) return day;
  return null;
}

/** The first working day on or after `from`. */
export function firstWorkingDayFrom(from: string): string {
  let day = from;
  while (!isWorkingDay(day)) day = addDays(day, 1);
  return day;
}
