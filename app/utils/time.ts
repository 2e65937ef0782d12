/** The municipality's time zone: every wall-clock time in the hub is meant in it. */
export const TIME_ZONE = "Europe/Berlin";

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

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

/** Offset of Europe/Berlin from UTC at the given instant, in milliseconds. */
export function zoneOffsetMs(instant: number): number {
  const parts = Object.fromEntries(
    partsFormatter.formatToParts(new Date(instant)).map((p) => [p.type, p.value]),
  );
  const asUtc = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return asUtc - Math.floor(instant / 1000) * 1000;
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
