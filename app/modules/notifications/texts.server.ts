import i18next, { type TFunction } from "i18next";
import type { NotificationKind, UiLocale } from "@db/schema/enums";
import { TIME_ZONE } from "~/utils/time";
import { numberFormatter } from "~/utils/format";
import deEmail from "~/locales/de/email.json";
import deNotifications from "~/locales/de/notifications.json";
import enEmail from "~/locales/en/email.json";
import enNotifications from "~/locales/en/notifications.json";
import trEmail from "~/locales/tr/email.json";
import trNotifications from "~/locales/tr/notifications.json";
import ukEmail from "~/locales/uk/email.json";
import ukNotifications from "~/locales/uk/notifications.json";
import arEmail from "~/locales/ar/email.json";
import arNotifications from "~/locales/ar/notifications.json";

/**
 * The texts of notifications and e-mails, loaded synchronously. They are rendered inside the
 * transaction of the change that causes them (better-sqlite3 transactions cannot await), and by the
 * background loop, which also runs from scripts and tests under tsx, where Vite's import.meta.glob —
 * used by the app's i18n backend — does not exist. So the files are imported statically here.
 * Add a line per language when its email.json and notifications.json exist (a test checks this).
 */
const RESOURCES = {
  de: { email: deEmail, notifications: deNotifications },
  en: { email: enEmail, notifications: enNotifications },
  uk: { email: ukEmail, notifications: ukNotifications },
  ar: { email: arEmail, notifications: arNotifications },
  tr: { email: trEmail, notifications: trNotifications },
} as const;

export const TEXT_LOCALES = Object.keys(RESOURCES) as (keyof typeof RESOURCES)[];
const FALLBACK_LOCALE = "de" satisfies UiLocale;

const instance = i18next.createInstance();
void instance.init({
  resources: RESOURCES,
  fallbackLng: FALLBACK_LOCALE,
  ns: ["email", "notifications"],
  defaultNS: "notifications",
  interpolation: { escapeValue: false },
  // Resources are in memory: with initImmediate off, init completes before this line returns.
  initImmediate: false,
  returnNull: false,
});

export type TextParams = Record<string, string | number>;

/** The language the texts are actually written in: the person's, or German where there is no translation yet. */
export function textLocaleFor(locale: UiLocale): UiLocale {
  return (TEXT_LOCALES as readonly string[]).includes(locale) ? locale : FALLBACK_LOCALE;
}

export function fixedT<const N extends "email" | "notifications">(
  locale: UiLocale,
  namespace: N,
): TFunction<N> {
  return instance.getFixedT(textLocaleFor(locale), namespace);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const formatters = new Map<string, Intl.DateTimeFormat>();

/** British English: day before month and a 24-hour clock, as readers in Germany expect. */
const INTL_LOCALE: Partial<Record<UiLocale, string>> = { en: "en-GB" };

function formatter(locale: UiLocale, withTime: boolean): Intl.DateTimeFormat {
  const key = `${locale}|${withTime}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(INTL_LOCALE[locale] ?? locale, {
      timeZone: TIME_ZONE,
      weekday: "long",
      day: "numeric",
      month: "long",
      year: "numeric",
      ...(withTime ? { hour: "2-digit", minute: "2-digit" } : {}),
    });
    formatters.set(key, f);
  }
  return f;
}

/**
 * Params as the reader sees them: instants (`…At`, ms) become a date and time, ISO dates a date, both
 * in the reader's language and Europe/Berlin, and other numbers (hours) are written the reader's way
 * (1,75 in German). `count` stays a number (it picks the plural form), ids are not shown. Everything else
 * passes through.
 */
export function formatParams(locale: UiLocale, params: TextParams): TextParams {
  const lng = textLocaleFor(locale);
  const out: TextParams = {};
  for (const [key, value] of Object.entries(params)) {
    if (typeof value === "number" && key.endsWith("At")) {
      out[key] = formatter(lng, true).format(value);
    } else if (typeof value === "number" && key !== "count" && !key.endsWith("Id")) {
      out[key] = numberFormatter(INTL_LOCALE[lng] ?? lng, { maximumFractionDigits: 2 }).format(value);
    } else if (typeof value === "string" && ISO_DATE.test(value)) {
      // Noon UTC is the same calendar day in Europe/Berlin all year round.
      out[key] = formatter(lng, false).format(new Date(`${value}T12:00:00Z`));
    } else {
      out[key] = value;
    }
  }
  return out;
}

/** The one-line inbox text of a notification, in the reader's language. */
export function renderNotificationText(kind: NotificationKind, locale: UiLocale, params: TextParams): string {
  return fixedT(locale, "notifications")(`items.${kind}`, formatParams(locale, params));
}

/** The label of a kind (preferences page, unsubscribe page, outbox). */
export function kindLabel(kind: NotificationKind, locale: UiLocale): string {
  return fixedT(locale, "notifications")(`kinds.${kind}`);
}
