/**
 * The details of an audit event in words: each field named in the reader's language, numbers, days and
 * times written the reader's way, states and roles as words, lists as the language writes them. Before,
 * the log read `categoryId: 3 · startsAt: 1765465200000 · components: {"language":1,…}` in every language.
 * Every key the app records is listed here and typed in recordAudit, and the log's component names each
 * one through a typed translation key, so a new detail without a name does not compile. Pure.
 */
import {
  GENDER_PREFERENCE,
  MATCH_STATUS,
  NEED_SCHEDULE,
  NEED_STATUS,
  NEED_URGENCY,
  URGENT_ANSWER,
  URGENT_OUTCOME,
  USER_ROLE,
} from "@db/schema/enums";
import { WEIGHT_FIELDS } from "~/modules/settings/settings.schema";
import { formatDate, formatIsoDay, formatList, formatTime, numberFormatter } from "~/utils/format";

export const AUDIT_DETAIL_KEYS = [
  // Needs and their states
  "needId",
  "from",
  "to",
  "filled",
  "helpersNeeded",
  "status",
  "endedMatches",
  "reason",
  "note",
  "changed",
  "textChanged",
  "fields",
  "title",
  "description",
  "categoryId",
  "neighbourhoodId",
  "organisationId",
  "languages",
  "urgency",
  "schedule",
  "startsAt",
  "endsAt",
  "requiresCertificate",
  "genderPreference",
  // Matches and hours
  "offerId",
  "matchId",
  "score",
  "components",
  "source",
  "withReason",
  "by",
  "hours",
  "hoursAdded",
  "hoursConfirmed",
  "date",
  // The score's components
  "language",
  "distance",
  "availability",
  "load",
  "experience",
  "responsiveness",
  // People, certificates, settings
  "neighbourhoodIds",
  "validUntil",
  "previousValidUntil",
  ...WEIGHT_FIELDS,
  "retentionDaysClosedNeeds",
  "reminderHoursBefore",
  // Neighbourhoods and categories (admin)
  "name",
  // Spreadsheet imports
  "organisations",
  "activities",
  "rows",
  "existing",
  // Arrivals and their first steps
  "arrivalId",
  "code",
  "steps",
  "templates",
  "templateId",
  "dueOn",
  "months",
  "retentionMonthsArrivals",
  "leadDays",
  "startMinute",
  "durationMinutes",
  "perPerson",
  "ageGroups",
  "usesHouseholdLanguages",
  "defaultSelected",
  "active",
  "sortOrder",
  "texts",
  // Urgent requests to volunteers
  "wave",
  "asked",
  "answer",
  "outcome",
  "requestId",
  "autoAccept",
  // Messages to a shift's helpers
  "messageId",
  "shiftId",
  "waitlist",
  "recipients",
] as const;
export type AuditDetailKey = (typeof AUDIT_DETAIL_KEYS)[number];

/** What recordAudit takes: only keys the log can name. */
export type AuditDetails = { [K in AuditDetailKey]?: unknown };

/** Recorded values shown as words (states, roles, kinds, reasons). */
export const AUDIT_DETAIL_VALUES = [
  ...new Set([
    ...NEED_STATUS,
    ...MATCH_STATUS,
    ...USER_ROLE,
    ...NEED_URGENCY,
    ...NEED_SCHEDULE,
    ...GENDER_PREFERENCE,
    ...URGENT_ANSWER,
    ...URGENT_OUTCOME,
    "suggestion",
    "bulk",
    "offerer",
    "urgent_request",
    "hub",
    "need_closed",
    "need_cancelled",
    "need_completed",
    "all_completed",
    "account_erased",
    "arrival_anonymised",
    "defaults",
    "true",
    "false",
  ] as const),
];
export type AuditDetailValue =
  | (typeof NEED_STATUS)[number]
  | (typeof MATCH_STATUS)[number]
  | (typeof USER_ROLE)[number]
  | (typeof NEED_URGENCY)[number]
  | (typeof NEED_SCHEDULE)[number]
  | (typeof GENDER_PREFERENCE)[number]
  | (typeof URGENT_ANSWER)[number]
  | (typeof URGENT_OUTCOME)[number]
  | "suggestion"
  | "bulk"
  | "offerer"
  | "urgent_request"
  | "hub"
  | "need_closed"
  | "need_cancelled"
  | "need_completed"
  | "all_completed"
  | "account_erased"
  | "arrival_anonymised"
  | "defaults"
  | "true"
  | "false";

export interface AuditWords {
  key: (key: AuditDetailKey) => string;
  value: (value: AuditDetailValue) => string;
  locale: string;
}

const isKey = (key: string): key is AuditDetailKey => (AUDIT_DETAIL_KEYS as readonly string[]).includes(key);
const isValue = (value: string): value is AuditDetailValue =>
  (AUDIT_DETAIL_VALUES as readonly string[]).includes(value);
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
/** Details holding names of other fields (which are named like any key). */
const FIELD_LISTS = new Set(["textChanged", "fields"]);

function nameOf(key: string, words: AuditWords): string {
  return isKey(key) ? words.key(key) : key;
}

let languageNames: { locale: string; names: Intl.DisplayNames | null } | undefined;
function languageName(code: string, locale: string): string {
  if (languageNames?.locale !== locale) {
    let names: Intl.DisplayNames | null = null;
    try {
      names = new Intl.DisplayNames([locale], { type: "language" });
    } catch {
      names = null;
    }
    languageNames = { locale, names };
  }
  return languageNames.names?.of(code) ?? code;
}

function valueText(key: string, value: unknown, words: AuditWords): string {
  const { locale } = words;
  if (value === null || value === undefined) return "–";
  if (typeof value === "boolean") return words.value(value ? "true" : "false");
  if (typeof value === "number") {
    // Instants (startsAt, endsAt) are milliseconds: a day and a time.
    if (key.endsWith("At")) return `${formatDate(value, locale)}, ${formatTime(value, locale)}`;
    return numberFormatter(locale, { maximumFractionDigits: 2 }).format(value);
  }
  if (typeof value === "string") {
    if (ISO_DAY.test(value)) return formatIsoDay(value, locale);
    if (FIELD_LISTS.has(key)) return nameOf(value, words);
    if (key === "languages") return languageName(value, locale);
    return isValue(value) ? words.value(value) : value;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return "–";
    return formatList(
      value.map((v) => valueText(key, v, words)),
      locale,
    );
  }
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    const keys = entries.map(([k]) => k).sort();
    // A change: "before → after".
    if (keys.length === 2 && keys[0] === "from" && keys[1] === "to") {
      const { from, to } = value as { from: unknown; to: unknown };
      return `${valueText(key, from, words)} → ${valueText(key, to, words)}`;
    }
    return entries.map(([k, v]) => `${nameOf(k, words)} ${valueText(k, v, words)}`).join(", ");
  }
  return String(value);
}

/** "Bereich (Nr.): 3 · Beginn: Do., 10. Dezember 2026, 15:30 · Passung im Einzelnen: Sprache 1, …" */
export function describeAuditDetails(details: Record<string, unknown>, words: AuditWords): string {
  return Object.entries(details)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${nameOf(key, words)}: ${valueText(key, value, words)}`)
    .join(" · ");
}
