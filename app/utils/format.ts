import { TIME_ZONE } from "./time";

const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, ...options });
    cache.set(key, f);
  }
  return f;
}

const numberFormats = new Map<string, Intl.NumberFormat>();

/** One Intl.NumberFormat per locale and options: making one costs more than formatting a hundred numbers. */
export function numberFormatter(locale: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, options);
    numberFormats.set(key, f);
  }
  return f;
}

export function formatDate(value: number | Date, locale: string): string {
  return formatter(locale, { weekday: "short", day: "numeric", month: "long", year: "numeric" }).format(
    value,
  );
}

/** A calendar day or month as stored ("2027-03-17", "2026-11"), in words of the locale; noon UTC is the same day in Berlin. */
export function formatIsoDay(iso: string, locale: string): string {
  return formatDate(Date.parse(`${iso}T12:00:00Z`), locale);
}

/** "November 2026" for "2026-11". */
export function formatIsoMonth(isoMonth: string, locale: string): string {
  return formatter(locale, { month: "long", year: "numeric" }).format(Date.parse(`${isoMonth}-15T12:00:00Z`));
}

export function formatTime(value: number | Date, locale: string): string {
  return formatter(locale, { hour: "2-digit", minute: "2-digit" }).format(value);
}

/** "07.12.26, 06:11": date and time where space is short (a table on a phone). */
export function formatShortDateTime(value: number | Date, locale: string): string {
  return formatter(locale, { dateStyle: "short", timeStyle: "short" }).format(value);
}

export function formatWeekday(value: number | Date, locale: string): string {
  return formatter(locale, { weekday: "long" }).format(value);
}

/** "Di., 24. November 2026, 17:00–19:00" (or with two dates when it spans days). */
export function formatRange(start: number, end: number, locale: string): string {
  const f = formatter(locale, {
    weekday: "short",
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  });
  return f.formatRange(start, end);
}

export function formatMoney(cents: number, locale: string): string {
  return numberFormatter(locale, { style: "currency", currency: "EUR" }).format(cents / 100);
}

export function formatNumber(value: number, locale: string): string {
  return numberFormatter(locale).format(value);
}

const lists = new Map<string, Intl.ListFormat>();

/** "Arabisch, Deutsch und Türkisch", "العربية والألمانية والتركية": a list as the language writes it. */
export function formatList(items: readonly string[], locale: string): string {
  let f = lists.get(locale);
  if (!f) {
    f = new Intl.ListFormat(locale, { type: "conjunction", style: "long" });
    lists.set(locale, f);
  }
  return f.format(items);
}

/**
 * A value set into a sentence (an e-mail address, a password, a file name, a folder) as a unit of its own
 * direction, like `<bdi>`: in an Arabic sentence "person-ar-1@example.org" or "/var/lib/x" otherwise loses
 * its hyphen or slash to the wrong side and reads in pieces where the line wraps. Unicode's first-strong
 * isolate (U+2068 … U+2069), for text inside a translation.
 */
export function isolate(value: string): string {
  return `\u2068${value}\u2069`;
}

/** "1,4 MB", "812 kB": file sizes in the reader's language (decimal units, as file managers show them). */
export function formatBytes(bytes: number, locale: string): string {
  const units = ["byte", "kilobyte", "megabyte", "gigabyte", "terabyte"] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return numberFormatter(locale, {
    style: "unit",
    unit: units[unit],
    unitDisplay: "short",
    maximumFractionDigits: unit === 0 ? 0 : 1,
  }).format(value);
}

/**
 * "3 Tage, 4 Std.": a duration in days and hours, hours and minutes when shorter than a day, seconds
 * when shorter than a minute ("1,4 Sek.").
 */
export function formatDuration(seconds: number, locale: string): string {
  const part = (value: number, unit: "day" | "hour" | "minute" | "second") =>
    numberFormatter(locale, {
      style: "unit",
      unit,
      unitDisplay: "short",
      maximumFractionDigits: unit === "second" && value < 10 ? 1 : 0,
    }).format(value);
  if (seconds < 60) return part(Math.max(0, seconds), "second");
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3_600);
  const minutes = Math.floor((seconds % 3_600) / 60);
  const parts =
    days > 0 ? [part(days, "day"), part(hours, "hour")] : [part(hours, "hour"), part(minutes, "minute")];
  return new Intl.ListFormat(locale, { type: "unit", style: "narrow" }).format(parts);
}

/** "Montag, 7. Dezember": a day as the heading of a calendar column. */
export function formatDayHeading(value: number | Date, locale: string): string {
  return formatter(locale, { weekday: "long", day: "numeric", month: "long" }).format(value);
}

/** "7.–13. Dezember 2026": a range of days without times. */
export function formatDayRange(start: number, end: number, locale: string): string {
  return formatter(locale, { day: "numeric", month: "long", year: "numeric" }).formatRange(start, end);
}
