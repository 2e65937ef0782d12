/**
 * Europe/Berlin wall-clock time of an instant, with Intl only (no date library: the engine has no
 * dependencies). Availability slots are wall-clock times, so a 15:00 appointment must read as 15:00
 * in winter and in summer.
 */

export const MATCHING_TIME_ZONE = "Europe/Berlin";

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

const partsFormatter = new Intl.DateTimeFormat("en-GB", {
  timeZone: MATCHING_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

// Berlin's offset changes only on whole UTC hours, so one Intl call per hour of time is enough;
// formatToParts is by far the slowest step when thousands of needs are prepared.
const offsetByHour = new Map<number, number>();

/** Offset of Europe/Berlin from UTC at the instant, in ms (3_600_000 in winter, 7_200_000 in summer). */
export function berlinOffsetMs(instant: number): number {
  const hour = Math.floor(instant / HOUR_MS);
  const cached = offsetByHour.get(hour);
  if (cached !== undefined) return cached;
  const at = hour * HOUR_MS;
  const parts: Record<string, number> = {};
  for (const part of partsFormatter.formatToParts(new Date(at))) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  const asUtc = Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  const offset = asUtc - at;
  if (offsetByHour.size > 100_000) offsetByHour.clear();
  offsetByHour.set(hour, offset);
  return offset;
}

export interface WallClock {
  /** ISO date YYYY-MM-DD in Berlin. */
  date: string;
  /** 0 = Monday … 6 = Sunday. */
  weekday: number;
  /** Minutes since Berlin midnight, 0–1439. */
  minute: number;
}

/** The Berlin date, weekday and minute of day of an instant. */
export function berlinWallClock(instant: number): WallClock {
  const local = instant + berlinOffsetMs(instant);
  const days = Math.floor(local / DAY_MS);
  const minute = Math.floor((local - days * DAY_MS) / 60_000);
  // 1970-01-01 was a Thursday (weekday 3 when Monday is 0).
  const weekday = (((days + 3) % 7) + 7) % 7;
  return { date: new Date(days * DAY_MS).toISOString().slice(0, 10), weekday, minute };
}
