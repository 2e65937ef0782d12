import { NOTIFICATION_KIND, type NotificationChannel, type NotificationKind } from "@db/schema/enums";

/**
 * Security mails (a one-time link, or news about the account's access) always go out by e-mail, carry
 * no unsubscribe link and are not offered on the preferences page: switching them off would lock people
 * out, or leave them unaware that someone else is at their account.
 */
export const SECURITY_KINDS = [
  "password_reset",
  "invite",
  "email_change",
  "account_confirmation",
  "account_exists",
  "email_changed",
] as const satisfies readonly NotificationKind[];
export type SecurityKind = (typeof SECURITY_KINDS)[number];

export function isSecurityKind(kind: NotificationKind): kind is SecurityKind {
  return (SECURITY_KINDS as readonly string[]).includes(kind);
}

/**
 * Mails whose link is a secret (a single-use token): once the mail server has taken the message, the
 * link is removed from the copy the outbox keeps (delivery.server.ts), so the outbox is no way in.
 */
export const SECRET_LINK_KINDS = [
  "password_reset",
  "invite",
  "email_change",
  "account_confirmation",
] as const satisfies readonly SecurityKind[];

export function carriesSecretLink(kind: NotificationKind): boolean {
  return (SECRET_LINK_KINDS as readonly string[]).includes(kind);
}

/**
 * Kinds that are e-mail only and have their own setting: the alert digest (opt-in, daily or weekly, on the
 * preferences page as its own question; no inbox entry, no channel to choose).
 */
export const OWN_SETTING_KINDS = ["alert_digest"] as const satisfies readonly NotificationKind[];
type OwnSettingKind = (typeof OWN_SETTING_KINDS)[number];

/** The kinds a person can choose a channel for, in the order the preferences page lists them. */
export const CONFIGURABLE_KINDS = NOTIFICATION_KIND.filter(
  (kind): kind is Exclude<NotificationKind, SecurityKind | OwnSettingKind> =>
    !isSecurityKind(kind) && !(OWN_SETTING_KINDS as readonly string[]).includes(kind),
);
export type ConfigurableKind = (typeof CONFIGURABLE_KINDS)[number];

/**
 * The channel when a person has not chosen one. E-mail by default only where missing the message
 * has a cost: a proposed match waiting for an answer, a shift someone must now show up for (or no longer),
 * a cancelled activity, a match that ended (the newcomer may be waiting), a reminder, and the security mails.
 */
export const DEFAULT_CHANNEL: Record<NotificationKind, NotificationChannel> = {
  match_proposed: "inbox_email",
  match_accepted: "inbox",
  match_declined: "inbox",
  signup_confirmed: "inbox",
  waitlist_promoted: "inbox_email",
  event_cancelled: "inbox_email",
  event_changed: "inbox",
  shift_reminder: "inbox_email",
  password_reset: "inbox_email",
  invite: "inbox_email",
  email_change: "inbox_email",
  certificate_expiring: "inbox",
  organisation_verified: "inbox",
  hours_confirmed: "inbox",
  signup_cancelled: "inbox_email",
  match_ended_by_coordination: "inbox_email",
  match_ended_by_helper: "inbox_email",
  account_confirmation: "inbox_email",
  account_exists: "inbox_email",
  email_changed: "inbox_email",
  signup_certificate_missing: "inbox_email",
  signups_certificate_missing: "inbox_email",
  // Urgent help is only useful when it arrives in time: the request, the coordinator's news of a "yes",
  // and the volunteer's confirmation go out by e-mail unless the person chose otherwise.
  urgent_request: "inbox_email",
  urgent_answered: "inbox_email",
  urgent_confirmed: "inbox_email",
  urgent_released: "inbox",
  // The organisation writes to the people of a shift: a changed hall or time must reach them.
  shift_message: "inbox_email",
  // Never sent through notify(): the digest has its own opt-in (alert-digests.server.ts).
  alert_digest: "inbox_email",
};

/**
 * What each kind's texts interpolate (app/locales/<lng>/notifications.json and email.json).
 * Numbers named `…At` are instants (ms) and strings named `…Date`/`validUntil` are ISO dates; both are
 * formatted in the reader's language and the municipality's time zone when the text is rendered.
 */
export type NotificationParamsByKind = {
  /** `needId` lets the retention job blank `needTitle` here when it erases the need's text. */
  match_proposed: { needId: number; needTitle: string };
  match_accepted: { needId: number; needTitle: string; helperName: string };
  match_declined: { needId: number; needTitle: string; helperName: string };
  signup_confirmed: { eventTitle: string; shiftTitle: string; startsAt: number };
  waitlist_promoted: { eventTitle: string; shiftTitle: string; startsAt: number };
  event_cancelled: { eventTitle: string; startsAt: number };
  event_changed: { eventTitle: string; startsAt: number };
  shift_reminder: { eventTitle: string; shiftTitle: string; startsAt: number; place: string };
  password_reset: { minutes: number; url: string };
  invite: { inviter: string; role: string; days: number; url: string };
  email_change: { hours: number; url: string };
  certificate_expiring: { validUntil: string };
  organisation_verified: { organisationName: string };
  hours_confirmed: { hours: number; date: string };
  /** The organisation took the volunteer off a shift. */
  signup_cancelled: { eventTitle: string; shiftTitle: string; startsAt: number };
  /** To the helper: a coordinator withdrew the proposal or ended the match. */
  match_ended_by_coordination: { needId: number; needTitle: string };
  /** To the coordinator who proposed it: the helper stepped back from an accepted or running match. */
  match_ended_by_helper: { needId: number; needTitle: string; helperName: string };
  /** The link that confirms a new account's address (and logs the person in). */
  account_confirmation: { hours: number; url: string };
  /** To the owner of an address someone tried to register again: log in, or set a new password. */
  account_exists: { url: string };
  /** To the old address after an e-mail change: `newEmail` is shown shortened (a…@example.org). */
  email_changed: { newEmail: string };
  /** To the volunteer: a shift they are signed up for needs a certificate valid on its date, which they lack. */
  signup_certificate_missing: { eventTitle: string; shiftTitle: string; startsAt: number };
  /** To the organisation: `count` live sign-ups of the activity lack the certificate their shift needs. */
  signups_certificate_missing: { eventTitle: string; count: number };
  /**
   * To a volunteer: can you help at short notice? The title in their language where a translation
   * exists; the description, place and link go in the e-mail only (notify's emailOnlyParams).
   */
  urgent_request: { needId: number; needTitle: string; startsAt: number; neighbourhood: string };
  /** To the coordinator: a volunteer said "Ich kann" (a proposal to confirm, or with auto-accept a match). */
  urgent_answered: { needId: number; needTitle: string; helperName: string; matched: number };
  /** To the volunteer: the coordinator confirmed their "Ich kann" (or it was accepted at once). */
  urgent_confirmed: { needId: number; needTitle: string };
  /** To the volunteer: thank you, the need is covered without you this time. */
  urgent_released: { needId: number; needTitle: string };
  /** An organisation's message to the helpers of a shift or an activity (`about`: "Activity – Shift"; `from`: the organisation, or the coordinator writing). */
  shift_message: { about: string; from: string; message: string };
  /** The digest of new shifts and needs that fit (e-mail only; the items are a list of links). */
  alert_digest: { count: number; frequency: string; settingsUrl: string };
};

/** The kinds whose texts quote a need's title (params `needId` + `needTitle`): the retention job blanks it. */
export const NEED_TITLE_KINDS = [
  "match_proposed",
  "match_accepted",
  "match_declined",
  "match_ended_by_coordination",
  "match_ended_by_helper",
  "urgent_request",
  "urgent_answered",
  "urgent_confirmed",
  "urgent_released",
] as const satisfies readonly {
  [K in NotificationKind]: NotificationParamsByKind[K] extends { needId: number; needTitle: string }
    ? K
    : never;
}[NotificationKind][];

/** Keys never copied into an inbox row: a security mail's link is a secret that belongs in the mail only. */
export const SECRET_PARAM_KEYS: readonly string[] = ["url", "token"];
