/** The municipality's time zone: every wall-clock time in the hub is meant in it. */
export const TIME_ZONE = "Europe/Berlin";

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

const partsFormatter = new Intl.DateTimeFormat("en-GB", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

// Berlin's offset changes only on whole UTC hours, so one Intl call per hour of time is enough;
// formatToParts is by far the slowest step when thousands of needs are prepared for matching.
const offsetByHour = new Map<number, number>();

/** Offset of Europe/Berlin from UTC at the instant, in ms (3_600_000 in winter, 7_200_000 in summer). */
export function zoneOffsetMs(instant: number): number {
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

/**
 * The Berlin date, weekday and minute of day of an instant. Availability slots are wall-clock times, so
 * a 15:00 appointment reads as 15:00 in winter and in summer. Pure (Intl only): the matching engine uses it.
 */
export function zonedWallClock(instant: number): WallClock {
  const local = instant + zoneOffsetMs(instant);
  const days = Math.floor(local / DAY_MS);
  const minute = Math.floor((local - days * DAY_MS) / 60_000);
  // 1970-01-01 was a Thursday (weekday 3 when Monday is 0).
  const weekday = (((days + 3) % 7) + 7) % 7;
  return { date: new Date(days * DAY_MS).toISOString().slice(0, 10), weekday, minute };
}

/** The instant of a wall-clock time in Europe/Berlin. */
export function zonedTimeToInstant(year: number, month: number, day: number, hour = 0, minute = 0): number {
  const guess = Date.UTC(year, month - 1, day, hour, minute);
  const first = guess - zoneOffsetMs(guess);
  // A second pass settles instants near a daylight-saving switch.
  return guess - zoneOffsetMs(first);
}

/** Start of the given ISO date (YYYY-MM-DD) in Europe/Berlin. */
export function startOfZonedDay(isoDate: string): number {
  const [y, m, d] = isoDate.split("-").map(Number) as [number, number, number];
  return zonedTimeToInstant(y, m, d);
}

/** The ISO date (YYYY-MM-DD) of an instant in Europe/Berlin. */
export function zonedIsoDate(instant: number): string {
  return new Date(instant + zoneOffsetMs(instant)).toISOString().slice(0, 10);
}

/**
 * The first occurrence of a weekly series that ends at or after `from`, keeping the wall-clock time
 * across daylight-saving switches. Returns null when the series is over.
 */
export function nextWeeklyOccurrence(
  startsAt: number,
  endsAt: number,
  from: number,
  until: string | null,
): { startsAt: number; endsAt: number } | null {
  const duration = endsAt - startsAt;
  let weeks = endsAt >= from ? 0 : Math.ceil((from - endsAt) / WEEK_MS);
  for (;;) {
    const naive = startsAt + weeks * WEEK_MS;
    const start = naive + (zoneOffsetMs(startsAt) - zoneOffsetMs(naive));
    if (until && zonedIsoDate(start) > until) return null;
    if (start + duration >= from) return { startsAt: start, endsAt: start + duration };
    weeks += 1;
  }
}
