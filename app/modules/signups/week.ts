import { startOfZonedDay, zonedIsoDate } from "~/utils/time";

const DAY_MS = 24 * 60 * 60 * 1000;

/** Monday 00:00 to next Monday 00:00 (Europe/Berlin) of the ISO week containing `instant`. */
export function isoWeekBounds(instant: number): { start: number; end: number } {
  const isoDate = zonedIsoDate(instant);
  const weekday = (new Date(`${isoDate}T12:00:00Z`).getUTCDay() + 6) % 7; // 0 = Monday
  const monday = new Date(Date.parse(`${isoDate}T12:00:00Z`) - weekday * DAY_MS).toISOString().slice(0, 10);
  const nextMonday = new Date(Date.parse(`${monday}T12:00:00Z`) + 7 * DAY_MS).toISOString().slice(0, 10);
  return { start: startOfZonedDay(monday), end: startOfZonedDay(nextMonday) };
}
