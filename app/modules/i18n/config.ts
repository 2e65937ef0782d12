import { UI_LOCALE, type UiLocale } from "@db/schema/enums";

export const SUPPORTED_LOCALES = UI_LOCALE;
export const DEFAULT_LOCALE: UiLocale = "de";
export const RTL_LOCALES: readonly UiLocale[] = ["ar"];

/**
 * One namespace per area, so each area's texts live in their own file per locale
 * (`app/locales/<locale>/<namespace>.json`). The German files define which namespaces exist.
 */
export const NAMESPACES: readonly string[] = Object.keys(import.meta.glob("../../locales/de/*.json"))
  .map((path) => path.slice(path.lastIndexOf("/") + 1, -".json".length))
  .sort();

/** The name of each UI language in that language, for the switcher. */
export const LOCALE_NAMES: Record<UiLocale, string> = {
  de: "Deutsch",
  en: "English",
  uk: "Українська",
  ar: "العربية",
  tr: "Türkçe",
};

export function isSupportedLocale(value: unknown): value is UiLocale {
  return typeof value === "string" && (SUPPORTED_LOCALES as readonly string[]).includes(value);
}

export function directionOf(locale: string): "ltr" | "rtl" {
  return (RTL_LOCALES as readonly string[]).includes(locale) ? "rtl" : "ltr";
}

/** Namespaces only the server reads (e-mails): never sent to the browser. */
const SERVER_NAMESPACES: readonly string[] = ["email"];
/** Every namespace a page can show. */
export const PAGE_NAMESPACES: readonly string[] = NAMESPACES.filter((ns) => !SERVER_NAMESPACES.includes(ns));

export const i18nOptions = {
  supportedLngs: [...SUPPORTED_LOCALES],
  fallbackLng: DEFAULT_LOCALE,
  defaultNS: "common",
  ns: [...NAMESPACES],
  interpolation: { escapeValue: false },
  // A component whose namespaces are not loaded yet waits for them instead of showing raw keys: after a
  // client-side navigation (a transition) the previous page stays until the next one can be shown in
  // words. docs/decisions/070-translation-keys-and-namespaces.md
  react: { useSuspense: true },
};
