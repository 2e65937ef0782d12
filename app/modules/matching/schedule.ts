import { zonedWallClock } from "~/utils/time";
import type { MatchNeed, WeeklySlot } from "./types";

const MINUTES_PER_DAY = 1440;

export const DAYPARTS = ["night", "morning", "afternoon", "evening"] as const;
export type Daypart = (typeof DAYPARTS)[number];

/** Morning 05–12, afternoon 12–17, evening 17–22, night otherwise: how people say when they have time. */
export function daypartOf(minute: number): Daypart {
  if (minute >= 300 && minute < 720) return "morning";
  if (minute >= 720 && minute < 1020) return "afternoon";
  if (minute >= 1020 && minute < 1320) return "evening";
  return "night";
}

const DAYPART_BOUNDS: ReadonlyArray<readonly [number, number, number]> = [
  // [start, end, daypart index in DAYPARTS]
  [0, 300, 0],
  [300, 720, 1],
  [720, 1020, 2],
  [1020, 1320, 3],
  [1320, 1440, 0],
];

/**
 * A 28-bit mask of the (weekday, daypart) pieces the intervals touch: bit weekday·4 + daypart. Two
 * interval sets can only overlap if their masks share a bit, so the index tests the mask before it
 * touches an offer at all.
 */
export function weekMask(intervals: WeekIntervals): number {
  let mask = 0;
  for (let d = 0; d < 7; d++) {
    for (const [start, end] of intervals[d] ?? []) {
      for (const [from, to, part] of DAYPART_BOUNDS) {
        if (start < to && end > from) mask |= 1 << (d * 4 + part);
      }
    }
  }
  return mask;
}

/** The mask bit of one minute of a weekday. */
export function minuteMask(weekday: number, minute: number): number {
  return 1 << (weekday * 4 + DAYPARTS.indexOf(daypartOf(minute)));
}

/** Per weekday (0 = Monday), sorted, non-overlapping [start, end) minute intervals. */
export type WeekIntervals = Array<Array<[number, number]>>;

/** Merges slots per weekday so overlapping or touching slots never count twice. */
export function toWeekIntervals(slots: readonly WeeklySlot[]): WeekIntervals {
  const days: WeekIntervals = [[], [], [], [], [], [], []];
  for (const slot of slots) {
    const start = Math.max(0, slot.startMinute);
    const end = Math.min(MINUTES_PER_DAY, slot.endMinute);
    if (end > start && slot.weekday >= 0 && slot.weekday <= 6) days[slot.weekday]?.push([start, end]);
  }
  for (let d = 0; d < 7; d++) {
    const sorted = (days[d] ?? []).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const merged: Array<[number, number]> = [];
    for (const [start, end] of sorted) {
      const last = merged[merged.length - 1];
      if (last && start <= last[1]) last[1] = Math.max(last[1], end);
      else merged.push([start, end]);
    }
    days[d] = merged;
  }
  return days;
}

/** A need's time requirement in weekly wall-clock terms, computed once per need. */
export interface NeedWindow {
  kind: "one_off" | "recurring";
  /** The intervals a helper must cover (one-off: the appointment on its weekday). */
  intervals: WeekIntervals;
  /** Total minutes of `intervals`. */
  minutes: number;
  /** Hours per week the need asks of one helper (one-off: the appointment's length). */
  weeklyHours: number;
  /** Pieces of the week a candidate's availability must touch (see weekMask). */
  mask: number;
  /** One-off: weekday and minute the appointment starts, which a helper's slot must contain. */
  start: { weekday: number; minute: number } | null;
  /**
   * The Berlin date validity and certificates are judged on: the appointment's day, or for a
   * recurring need the later of its first day and today (a need that started last year still needs
   * a helper who is valid now).
   */
  date: string;
}

export function needWindow(need: MatchNeed, referenceTime: number): NeedWindow {
  const schedule = need.schedule;
  if (schedule.kind === "one_off") {
    const start = zonedWallClock(schedule.startsAt);
    const durationMinutes = Math.max(1, Math.round((schedule.endsAt - schedule.startsAt) / 60_000));
    // Appointments past midnight are rare (a night at a hospital); the evening part is what counts.
    const end = Math.min(MINUTES_PER_DAY, start.minute + durationMinutes);
    const intervals: WeekIntervals = [[], [], [], [], [], [], []];
    intervals[start.weekday] = [[start.minute, Math.max(end, start.minute + 1)]];
    return {
      kind: "one_off",
      intervals,
      minutes: Math.max(1, end - start.minute),
      weeklyHours: durationMinutes / 60,
      mask: minuteMask(start.weekday, start.minute),
      start: { weekday: start.weekday, minute: start.minute },
      date: start.date,
    };
  }
  const intervals = toWeekIntervals(schedule.slots);
  const minutes = totalMinutes(intervals);
  return {
    kind: "recurring",
    intervals,
    minutes,
    weeklyHours: minutes / 60,
    mask: weekMask(intervals),
    start: null,
    date: zonedWallClock(Math.max(schedule.startsAt, referenceTime)).date,
  };
}

export function totalMinutes(intervals: WeekIntervals): number {
  let sum = 0;
  for (const day of intervals) for (const [start, end] of day) sum += end - start;
  return sum;
}

export interface Overlap {
  minutes: number;
  /** Overlapping pieces as (weekday, daypart of their middle), in week order, without repeats. */
  when: Array<{ weekday: number; daypart: Daypart }>;
}

/** Minutes in which both interval sets are free, and when in the week that is. */
export function overlapOf(a: WeekIntervals, b: WeekIntervals): Overlap {
  let minutes = 0;
  const when: Overlap["when"] = [];
  for (let d = 0; d < 7; d++) {
    const x = a[d] ?? [];
    const y = b[d] ?? [];
    let i = 0;
    let j = 0;
    while (i < x.length && j < y.length) {
      const [xs, xe] = x[i] as [number, number];
      const [ys, ye] = y[j] as [number, number];
      const start = Math.max(xs, ys);
      const end = Math.min(xe, ye);
      if (end > start) {
        minutes += end - start;
        const daypart = daypartOf(Math.floor((start + end) / 2));
        if (!when.some((w) => w.weekday === d && w.daypart === daypart)) when.push({ weekday: d, daypart });
      }
      if (xe < ye) i++;
      else j++;
    }
  }
  return { minutes, when };
}

/** Just the overlapping minutes (no allocation): the hot path of constraints and scores. */
export function overlapMinutes(a: WeekIntervals, b: WeekIntervals): number {
  let minutes = 0;
  for (let d = 0; d < 7; d++) {
    const x = a[d] as Array<[number, number]>;
    const y = b[d] as Array<[number, number]>;
    if (x.length === 0 || y.length === 0) continue;
    let i = 0;
    let j = 0;
    while (i < x.length && j < y.length) {
      const xi = x[i] as [number, number];
      const yj = y[j] as [number, number];
      const start = xi[0] > yj[0] ? xi[0] : yj[0];
      const end = xi[1] < yj[1] ? xi[1] : yj[1];
      if (end > start) minutes += end - start;
      if (xi[1] < yj[1]) i++;
      else j++;
    }
  }
  return minutes;
}

/** Whether a minute of a weekday lies inside one of the intervals. */
export function containsMinute(intervals: WeekIntervals, weekday: number, minute: number): boolean {
  for (const [start, end] of intervals[weekday] ?? []) {
    if (minute >= start && minute < end) return true;
  }
  return false;
}
