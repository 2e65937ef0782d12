/**
 * The texts of the answers the server gives before a request reaches the app (413 too large, 400/415
 * malformed, 403 cross-site, 503 busy), in the reader's language: the `lng` cookie, else the first
 * supported language of Accept-Language, else German. Synchronous and without i18next, because the
 * Express guards answer before Remix runs (server/*.ts).
 */
import { UI_LOCALE, type UiLocale } from "@db/schema/enums";
import ar from "~/locales/ar/common.json";
import de from "~/locales/de/common.json";
import en from "~/locales/en/common.json";
import tr from "~/locales/tr/common.json";
import uk from "~/locales/uk/common.json";

const TEXTS: Record<UiLocale, typeof de.errors.refused> = {
  de: de.errors.refused,
  en: en.errors.refused,
  uk: uk.errors.refused,
  ar: ar.errors.refused,
  tr: tr.errors.refused,
};

export type RefusalKey = keyof typeof de.errors.refused;

const isLocale = (value: string): value is UiLocale => (UI_LOCALE as readonly string[]).includes(value);

/** The language of a request from its Cookie and Accept-Language headers. */
export function refusalLocale(headers: { cookie?: string; "accept-language"?: string }): UiLocale {
  const cookie = /(?:^|;\s*)lng=([a-z]{2})(?:;|$)/.exec(headers.cookie ?? "")?.[1];
  if (cookie && isLocale(cookie)) return cookie;
  for (const part of (headers["accept-language"] ?? "").split(",")) {
    const primary = part.trim().slice(0, 2).toLowerCase();
    if (isLocale(primary)) return primary;
  }
  return "de";
}

/** The refusal's text in the request's language, `{{name}}` filled from `params`. */
export function refusalText(
  key: RefusalKey,
  headers: { cookie?: string; "accept-language"?: string },
  params: Record<string, string | number> = {},
): string {
  return TEXTS[refusalLocale(headers)][key].replace(/\{\{(\w+)\}\}/g, (_, name: string) =>
    String(params[name] ?? ""),
  );
}
