/**
 * iCalendar (RFC 5545) output: CRLF line endings, lines folded at 75 octets without splitting a
 * UTF-8 character, TEXT values escaped, times in Europe/Berlin with its VTIMEZONE (so a weekly RRULE
 * keeps the wall-clock time across daylight-saving switches) and UNTIL in UTC, as §3.3.10 requires
 * when DTSTART carries a TZID. Pure: no database, no framework.
 */
import { startOfZonedDay, TIME_ZONE, zoneOffsetMs } from "~/utils/time";

export interface IcalEvent {
  /** Globally unique and stable across feed refreshes (e.g. `event-12@miteinander.example`). */
  uid: string;
  summary: string;
  description?: string;
  location?: string;
  url?: string;
  startsAt: number;
  endsAt: number;
  /** When this version of the object was last changed: DTSTAMP and LAST-MODIFIED. */
  updatedAt: number;
  createdAt?: number;
  /** Weekly series: repeats every week until this ISO date (inclusive, in Europe/Berlin); null = open-ended. */
  weeklyUntil?: string | null;
  weekly?: boolean;
  status?: "CONFIRMED" | "TENTATIVE" | "CANCELLED";
  categories?: readonly string[];
}

export interface IcalCalendar {
  /** Shown by calendar apps as the calendar's name (X-WR-CALNAME). */
  name: string;
  description?: string;
  events: readonly IcalEvent[];
  /** How often subscribers should refresh, in hours. */
  refreshHours?: number;
}

const CRLF = "\r\n";
const MAX_OCTETS = 75;
const encoder = new TextEncoder();

/** Escapes a TEXT value (§3.3.11): backslash, semicolon, comma and line breaks. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n");
}

/**
 * Folds one content line (§3.1): no physical line longer than 75 octets; continuation lines start
 * with a single space, which counts towards their 75. A multi-byte character is never split.
 */
export function foldLine(line: string): string {
  if (encoder.encode(line).length <= MAX_OCTETS) return line;
  const parts: string[] = [];
  let current = "";
  let currentOctets = 0;
  let limit = MAX_OCTETS;
  for (const char of line) {
    const octets = encoder.encode(char).length;
    if (currentOctets + octets > limit) {
      parts.push(current);
      current = "";
      currentOctets = 0;
      limit = MAX_OCTETS - 1;
    }
    current += char;
    currentOctets += octets;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

function pad(value: number, length = 2): string {
  return String(value).padStart(length, "0");
}

/** `20261201T170000Z` */
export function formatUtc(instant: number): string {
  const d = new Date(instant);
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`;
}

/** Wall-clock time in Europe/Berlin, `20261201T170000`, for use with `;TZID=Europe/Berlin`. */
export function formatBerlinLocal(instant: number): string {
  return formatUtc(instant + zoneOffsetMs(instant)).slice(0, -1);
}

/** The last instant of an ISO date in Europe/Berlin, as a UTC UNTIL value. */
export function untilOfDate(isoDate: string): string {
  const next = new Date(Date.parse(`${isoDate}T12:00:00Z`) + 24 * 3_600_000).toISOString().slice(0, 10);
  return formatUtc(startOfZonedDay(next) - 1000);
}

/** Europe/Berlin since 1996 (EU rules): last Sunday of March and of October. */
const VTIMEZONE_BERLIN = [
  "BEGIN:VTIMEZONE",
  `TZID:${TIME_ZONE}`,
  "BEGIN:DAYLIGHT",
  "TZOFFSETFROM:+0100",
  "TZOFFSETTO:+0200",
  "TZNAME:CEST",
  "DTSTART:19700329T020000",
  "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
  "END:DAYLIGHT",
  "BEGIN:STANDARD",
  "TZOFFSETFROM:+0200",
  "TZOFFSETTO:+0100",
  "TZNAME:CET",
  "DTSTART:19701025T030000",
  "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
  "END:STANDARD",
  "END:VTIMEZONE",
];

function eventLines(event: IcalEvent): string[] {
  const lines = [
    "BEGIN:VEVENT",
    `UID:${event.uid}`,
    `DTSTAMP:${formatUtc(event.updatedAt)}`,
    `LAST-MODIFIED:${formatUtc(event.updatedAt)}`,
  ];
  if (event.createdAt !== undefined) lines.push(`CREATED:${formatUtc(event.createdAt)}`);
  lines.push(
    `DTSTART;TZID=${TIME_ZONE}:${formatBerlinLocal(event.startsAt)}`,
    `DTEND;TZID=${TIME_ZONE}:${formatBerlinLocal(event.endsAt)}`,
  );
  if (event.weekly) {
    lines.push(
      event.weeklyUntil ? `RRULE:FREQ=WEEKLY;UNTIL=${untilOfDate(event.weeklyUntil)}` : "RRULE:FREQ=WEEKLY",
    );
  }
  lines.push(`SUMMARY:${escapeText(event.summary)}`);
  if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
  if (event.location) lines.push(`LOCATION:${escapeText(event.location)}`);
  if (event.url) lines.push(`URL;VALUE=URI:${event.url}`);
  if (event.categories?.length) lines.push(`CATEGORIES:${event.categories.map(escapeText).join(",")}`);
  lines.push(`STATUS:${event.status ?? "CONFIRMED"}`, "TRANSP:OPAQUE", "END:VEVENT");
  return lines;
}

/** A whole VCALENDAR document, ready to send as `text/calendar; charset=utf-8`. */
export function buildCalendar(calendar: IcalCalendar): string {
  const refresh = calendar.refreshHours ?? 6;
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//miteinander//Aktivitaeten//DE",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${escapeText(calendar.name)}`,
    `X-WR-TIMEZONE:${TIME_ZONE}`,
    `REFRESH-INTERVAL;VALUE=DURATION:PT${refresh}H`,
    `X-PUBLISHED-TTL:PT${refresh}H`,
  ];
  if (calendar.description) lines.push(`X-WR-CALDESC:${escapeText(calendar.description)}`);
  lines.push(...VTIMEZONE_BERLIN);
  for (const event of calendar.events) lines.push(...eventLines(event));
  lines.push("END:VCALENDAR");
  return lines.map(foldLine).join(CRLF) + CRLF;
}
