import { zonedIsoDate } from "~/utils/time";

/**
 * The days hours of a match can be for: the appointment's day, or the days of a recurring need's period
 * (Berlin dates), never after today. Pure: the forms use it for their default and limits, the commands to
 * refuse other dates (issue 13, seam 6: 7 December was accepted for an appointment on 10 December).
 */
export interface MatchWindow {
  /** First day (ISO). */
  first: string;
  /** Last day (ISO), at most today. */
  last: string;
  /** The appointment or the period has not begun yet: no hours can be logged. */
  notYet: boolean;
}

export function matchWindow(need: { startsAt: number; endsAt: number }, today: string): MatchWindow {
  const first = zonedIsoDate(need.startsAt);
  // The period is [startsAt, endsAt): its last day is that of the instant just before the end.
  const end = zonedIsoDate(need.endsAt - 1);
  const last = end < today ? end : today;
  return { first, last: last < first ? first : last, notYet: first > today };
}

/** The day a form suggests: the appointment's day (or the last day of the period so far). */
export function defaultHoursDate(window: MatchWindow): string {
  return window.last;
}

export function isInWindow(date: string, window: MatchWindow): boolean {
  return !window.notYet && date >= window.first && date <= window.last;
}
