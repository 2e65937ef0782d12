/**
 * Every closed set of values in the domain, declared once. Each feeds a column's `text({ enum })`,
 * a CHECK constraint in the table, and the zod schemas of the forms.
 * Pure constants: safe to import from browser code.
 */
export const USER_ROLE = ["volunteer", "org_member", "coordinator", "admin"] as const;
export type UserRole = (typeof USER_ROLE)[number];

export const UI_LOCALE = ["de", "en", "uk", "ar", "tr"] as const;
export type UiLocale = (typeof UI_LOCALE)[number];

/** ISO 639 codes of languages people in the hub speak (UI locales are a subset). */
export const LANGUAGE = [
  "de",
  "en",
  "ar",
  "uk",
  "ru",
  "tr",
  "fa",
  "prs",
  "kmr",
  "ckb",
  "ti",
  "so",
  "fr",
  "es",
  "pl",
  "ro",
  "bg",
  "sq",
  "ku",
  "ps",
  "ur",
  "it",
  "el",
  "sr",
] as const;
export type Language = (typeof LANGUAGE)[number];

export const LANGUAGE_LEVEL = ["basic", "good", "fluent", "native"] as const;
export type LanguageLevel = (typeof LANGUAGE_LEVEL)[number];

export const ORGANISATION_KIND = [
  "sports_club",
  "cultural_group",
  "welfare",
  "migrant_organisation",
  "religious_community",
  "initiative",
  "public_body",
] as const;
export type OrganisationKind = (typeof ORGANISATION_KIND)[number];

export const MEMBERSHIP_ROLE = ["owner", "member"] as const;
export type MembershipRole = (typeof MEMBERSHIP_ROLE)[number];

export const OFFER_STATUS = ["active", "paused", "ended"] as const;
export type OfferStatus = (typeof OFFER_STATUS)[number];

export const NEED_STATUS = ["open", "partly_matched", "matched", "closed", "cancelled"] as const;
export type NeedStatus = (typeof NEED_STATUS)[number];

/**
 * A group of states as an SQL list for hand-written queries: `('open', 'partly_matched')`. The states are
 * this file's own identifiers, never input.
 */
export function sqlValueList(values: readonly string[]): string {
  if (!values.every((v) => /^[a-z_]+$/.test(v))) throw new Error("not a state name");
  return `(${values.map((v) => `'${v}'`).join(", ")})`;
}

// A need's states in groups, each named for what it means (how need and match states go together:
// app/modules/needs/need-status.ts and docs/decisions/085-need-and-match-states.md).
/** Still looking for helpers: nobody found yet, or not enough. */
export const OPEN_NEED_STATUSES = ["open", "partly_matched"] as const satisfies readonly NeedStatus[];
/**
 * Needs that still need their coordinator: nobody found yet, not enough helpers, or helpers on the way
 * whose matches are to be started or completed. The needs list shows these by default.
 */
export const LIVE_NEED_STATUSES = [
  "open",
  "partly_matched",
  "matched",
] as const satisfies readonly NeedStatus[];
/** A need in one of these states is finished; its status no longer follows its matches. */
export const FINAL_NEED_STATUSES = ["closed", "cancelled"] as const satisfies readonly NeedStatus[];

export const NEED_URGENCY = ["low", "normal", "high", "urgent"] as const;
export type NeedUrgency = (typeof NEED_URGENCY)[number];

export const NEED_SCHEDULE = ["one_off", "recurring"] as const;
export type NeedSchedule = (typeof NEED_SCHEDULE)[number];

export const GENDER_PREFERENCE = ["none", "female", "male"] as const;
export type GenderPreference = (typeof GENDER_PREFERENCE)[number];

export const PERSON_GENDER = ["female", "male", "diverse", "unspecified"] as const;
export type PersonGender = (typeof PERSON_GENDER)[number];

export const EVENT_STATUS = ["draft", "published", "cancelled"] as const;
export type EventStatus = (typeof EVENT_STATUS)[number];

export const EVENT_RECURRENCE = ["none", "weekly"] as const;
export type EventRecurrence = (typeof EVENT_RECURRENCE)[number];

export const SIGNUP_STATUS = ["confirmed", "waitlisted", "cancelled"] as const;
export type SignupStatus = (typeof SIGNUP_STATUS)[number];

export const ATTENDANCE = ["present", "no_show"] as const;
export type Attendance = (typeof ATTENDANCE)[number];

export const MATCH_STATUS = ["proposed", "accepted", "declined", "active", "completed", "ended"] as const;
export type MatchStatus = (typeof MATCH_STATUS)[number];

// A match's states in groups, each named for what it means.
/** Still in play: the match holds a helper place of the need and a unit of the offer's capacity. */
export const LIVE_MATCH_STATUSES = [
  "proposed",
  "accepted",
  "active",
] as const satisfies readonly MatchStatus[];
/** Someone said yes and it is not done yet: the coordinator still has to start or complete it. */
export const RUNNING_MATCH_STATUSES = ["accepted", "active"] as const satisfies readonly MatchStatus[];
/**
 * The offerer said yes and the help is under way or done: it fills a helper place for good, and hours
 * can be logged for it.
 */
export const AGREED_MATCH_STATUSES = [
  "accepted",
  "active",
  "completed",
] as const satisfies readonly MatchStatus[];
/** The need's helper place is taken: proposed, in play or done (the engine fills only what is left). */
export const PLACE_TAKING_MATCH_STATUSES = [
  "proposed",
  "accepted",
  "active",
  "completed",
] as const satisfies readonly MatchStatus[];
/** The offerer said yes at some point (every later state follows an acceptance). */
export const EVER_ACCEPTED_MATCH_STATUSES = [
  "accepted",
  "active",
  "completed",
  "ended",
] as const satisfies readonly MatchStatus[];

export const HOURS_SOURCE = ["shift", "match", "other"] as const;
export type HoursSource = (typeof HOURS_SOURCE)[number];

export const NOTIFICATION_KIND = [
  "match_proposed",
  "match_accepted",
  "match_declined",
  "signup_confirmed",
  "waitlist_promoted",
  "event_cancelled",
  "event_changed",
  "shift_reminder",
  "password_reset",
  "invite",
  "email_change",
  "certificate_expiring",
  "organisation_verified",
  "hours_confirmed",
  "signup_cancelled",
  "match_ended_by_coordination",
  "match_ended_by_helper",
  "account_confirmation",
  "account_exists",
  "email_changed",
  "signup_certificate_missing",
  "signups_certificate_missing",
  "urgent_request",
  "urgent_answered",
  "urgent_confirmed",
  "urgent_released",
  "shift_message",
  "alert_digest",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KIND)[number];

export const NOTIFICATION_CHANNEL = ["inbox", "inbox_email"] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNEL)[number];

export const OUTBOX_STATUS = ["pending", "sending", "sent", "failed"] as const;
export type OutboxStatus = (typeof OUTBOX_STATUS)[number];

export const JOB_STATUS = ["pending", "running", "done", "failed"] as const;
export type JobStatus = (typeof JOB_STATUS)[number];

export const AUDIT_ENTITY = [
  "need",
  "arrival",
  "first_step_template",
  "match",
  "user",
  "volunteer_profile",
  "organisation",
  "offer",
  "event",
  "shift",
  "signup",
  "hours",
  "settings",
  "import",
  "neighbourhood",
  "category",
] as const;
export type AuditEntity = (typeof AUDIT_ENTITY)[number];

export const TOKEN_PURPOSE = [
  "password_reset",
  "email_change",
  "invite",
  "organisation_invite",
  "account_confirmation",
] as const;
export type TokenPurpose = (typeof TOKEN_PURPOSE)[number];

/** A volunteer's answer to an urgent request: "Ich kann" / "Ich kann nicht". */
export const URGENT_ANSWER = ["yes", "no"] as const;
export type UrgentAnswer = (typeof URGENT_ANSWER)[number];

/**
 * What became of a "yes": a proposal waiting for the coordinator, an accepted match, not needed any
 * more (enough helpers said yes first), no longer fitting (the hard constraints fail now), or released
 * by the coordinator with thanks.
 */
export const URGENT_OUTCOME = ["proposed", "matched", "not_needed", "no_longer_fits", "released"] as const;
export type UrgentOutcome = (typeof URGENT_OUTCOME)[number];

/** Why the hub stopped asking for a need. */
export const URGENT_END = [
  "covered",
  "no_candidates",
  "need_finished",
  "need_started",
  "all_waves",
  "stopped",
] as const;
export type UrgentEnd = (typeof URGENT_END)[number];

export const WEEKDAY = [0, 1, 2, 3, 4, 5, 6] as const;
/** 0 = Monday … 6 = Sunday. */
export type Weekday = (typeof WEEKDAY)[number];

/** Why a backup was made: the daily schedule, just before migrations on start, or by hand. */
export const BACKUP_KIND = ["scheduled", "pre_migration", "manual"] as const;
export type BackupKind = (typeof BACKUP_KIND)[number];

/** verified: the copy passed its checks; unverified: written, but a check failed; failed: no copy. */
export const BACKUP_STATUS = ["verified", "unverified", "failed"] as const;
export type BackupStatus = (typeof BACKUP_STATUS)[number];

/** The BACKUP_AFTER command (e.g. an off-site copy) after a backup. */
export const BACKUP_AFTER_STATUS = ["not_configured", "succeeded", "failed"] as const;
export type BackupAfterStatus = (typeof BACKUP_AFTER_STATUS)[number];

/** A spreadsheet import: previewed (the file is kept until confirmed), then imported or discarded. */
export const IMPORT_STATUS = ["previewed", "imported", "discarded"] as const;
export type ImportStatus = (typeof IMPORT_STATUS)[number];

/**
 * How exactly a volunteer's home is known for distances: only the home neighbourhood (its centroid;
 * nothing leaves the hub), the postcode, or street and postcode (both sent once to the geocoder).
 */
export const HOME_PRECISION = ["neighbourhood", "postcode", "street"] as const;
export type HomePrecision = (typeof HOME_PRECISION)[number];

/**
 * A geocoder's answer for one address: a point inside the address's neighbourhood, no answer, a point
 * outside the neighbourhood (not believed), or no answer yet because the service failed (retried later).
 */
export const GEOCODE_STATUS = ["found", "not_found", "outside", "failed"] as const;
export type GeocodeStatus = (typeof GEOCODE_STATUS)[number];

/** The outside services the hub can call (docs/decisions/086-outside-services.md). */
export const OUTSIDE_SERVICE = ["translate", "geocoder"] as const;
export type OutsideService = (typeof OUTSIDE_SERVICE)[number];

/** Age groups of an arrival's household (counts only; no birth dates). Column suffixes and template scopes. */
export const AGE_GROUP = ["0_2", "3_5", "6_17", "18_64", "65_plus"] as const;
export type AgeGroup = (typeof AGE_GROUP)[number];

/** How an anonymised first step ended: done, not needed (cancelled), or still open when it was anonymised. */
export const STEP_OUTCOME = ["done", "cancelled", "open"] as const;
export type StepOutcome = (typeof STEP_OUTCOME)[number];

/** How often a volunteer wants the e-mail of new shifts and needs that fit them (issue 16, point 2). */
export const ALERT_DIGEST_FREQUENCY = ["daily", "weekly"] as const;
export type AlertDigestFrequency = (typeof ALERT_DIGEST_FREQUENCY)[number];
