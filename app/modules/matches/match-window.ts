import { zonedIsoDate } from "~/utils/time";

/**
 * The days hours of a match can be for: the appointment's day, or the days of a recurring need's period
 * on its weekdays (Berlin dates), never after today. Pure: the forms use it for their default and
 * limits, the commands to refuse other dates (issue 13, seam 6: 7 December was accepted for an
 * appointment on 10 December).
 */
export interface MatchWindow {
  /** First day (ISO). */
  first: string;
  /** Last day (ISO), at most today. */
  last: string;
  /** A recurring need's weekdays (0 = Monday … 6 = Sunday); empty for a one-off appointment. */
  weekdays: number[];
  /**
   * The first day hours can be for (ISO): the appointment's day, or a recurring need's first time
   * (a period from a Sunday that meets on Saturdays opens on the Saturday).
   */
  opens: string;
  /** That day is still to come: no hours can be logged yet. */
  notYet: boolean;
}

const DAY_MS = 86_400_000;

/** 0 = Monday … 6 = Sunday, for an ISO date. */
function weekdayOf(iso: string): number {
  return (new Date(`${iso}T12:00:00Z`).getUTCDay() + 6) % 7;
}

function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T12:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function matchWindow(
  need: { startsAt: number; endsAt: number; slots?: readonly { weekday: number }[] },
  today: string,
): MatchWindow {
  const first = zonedIsoDate(need.startsAt);
  // The period is [startsAt, endsAt): its last day is that of the instant just before the end.
  const end = zonedIsoDate(need.endsAt - 1);
  const last = end < today ? end : today;
  const weekdays = [...new Set((need.slots ?? []).map((s) => s.weekday))].sort();
  const opens = firstTime(first, end, weekdays);
  return { first, last: last < first ? first : last, weekdays, opens, notYet: opens > today };
}

/** The first day from `first` to `end` on one of the weekdays; `first` when there is none. */
function firstTime(first: string, end: string, weekdays: readonly number[]): string {
  if (weekdays.length === 0) return first;
  for (let i = 0, day = first; i < 7 && day <= end; i += 1, day = addDays(day, 1)) {
    if (weekdays.includes(weekdayOf(day))) return day;
  }
  return first;
}

export function isInWindow(date: string, window: MatchWindow): boolean {
  if (window.notYet || date < window.first || date > window.last) return false;
  return window.weekdays.length === 0 || window.weekdays.includes(weekdayOf(date));
}

/** The day a form suggests: the appointment's day, or the latest day of the recurring need so far. */
export function defaultHoursDate(window: MatchWindow): string {
  for (let day = window.last; day >= window.first; day = addDays(day, -1)) {
    if (isInWindow(day, window)) return day;
  }
  return window.last;
}
