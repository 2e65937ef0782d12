import type { FormatFunction } from "i18next";
import { formatIsoDay, formatIsoMonth, numberFormatter } from "~/utils/format";
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

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const ISO_MONTH = /^\d{4}-\d{2}$/;

/** Interpolated values that are numbers but no amounts: shown as they are ("Bedarf 1234", "2026"). */
const NOT_AN_AMOUNT = /^(id|year)$|Id$/;

/**
 * Every number in a text is written the reader's way (1,25 in German, ١٫٢٥ in Arabic), with at most two
 * decimals: hours, counts and distances alike; plural forms still come from `count` itself. Days and
 * months stored as ISO strings are written out as dates.
 */
export const formatInterpolation: FormatFunction = (value, format, lng, options) => {
  if (!lng || (format !== undefined && format !== "number" && format !== "date")) return value;
  if (typeof value === "string") {
    // Days and months as stored ("2027-03-17", "2026-11") read as words of the reader's language.
    if (ISO_DAY.test(value)) return formatIsoDay(value, lng);
    if (ISO_MONTH.test(value)) return formatIsoMonth(value, lng);
    return value;
  }
  const key: unknown = options?.interpolationkey;
  if (typeof value !== "number" || (typeof key === "string" && NOT_AN_AMOUNT.test(key))) return value;
  return numberFormatter(lng, { maximumFractionDigits: 2 }).format(value);
};

export const i18nOptions = {
  supportedLngs: [...SUPPORTED_LOCALES],
  fallbackLng: DEFAULT_LOCALE,
  defaultNS: "common",
  ns: [...NAMESPACES],
  interpolation: { escapeValue: false, alwaysFormat: true, format: formatInterpolation },
  // A component whose namespaces are not loaded yet waits for them instead of showing raw keys: after a
  // client-side navigation (a transition) the previous page stays until the next one can be shown in
  // words. docs/decisions/084-translation-keys-and-namespaces.md
  react: { useSuspense: true },
};
