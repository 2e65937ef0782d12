/**
 * Translations for the seed, from the app's own locale files: the seed also runs outside Vite (tsx),
 * where the app's getServerT (which bundles them through import.meta.glob) is not available. Same files,
 * imported statically so that the demo start's bundle carries them too; seeded texts read exactly as
 * the app writes them.
 */
import { createInstance, type i18n } from "i18next";
import arArrivals from "../../app/locales/ar/arrivals.json";
import arCommon from "../../app/locales/ar/common.json";
import deArrivals from "../../app/locales/de/arrivals.json";
import deCommon from "../../app/locales/de/common.json";
import enArrivals from "../../app/locales/en/arrivals.json";
import enCommon from "../../app/locales/en/common.json";
import trArrivals from "../../app/locales/tr/arrivals.json";
import trCommon from "../../app/locales/tr/common.json";
import ukArrivals from "../../app/locales/uk/arrivals.json";
import ukCommon from "../../app/locales/uk/common.json";
import { UI_LOCALE, type UiLocale } from "../schema/enums";
import type { TranslatorOf } from "../../app/modules/arrivals/step-texts";

const RESOURCES: Record<UiLocale, { arrivals: unknown; common: unknown }> = {
  de: { arrivals: deArrivals, common: deCommon },
  en: { arrivals: enArrivals, common: enCommon },
  uk: { arrivals: ukArrivals, common: ukCommon },
  ar: { arrivals: arArrivals, common: arCommon },
  tr: { arrivals: trArrivals, common: trCommon },
};

let instance: i18n | null = null;

function load(): i18n {
  const created = createInstance();
  void created.init({
    lng: "de",
    fallbackLng: "de",
    supportedLngs: [...UI_LOCALE],
    ns: ["arrivals", "common"],
    defaultNS: "common",
    interpolation: { escapeValue: false },
    resources: RESOURCES as never,
    initImmediate: false,
  });
  return created;
}

/** The seed's translation functions, per locale and namespace. */
export const seedTranslatorOf: TranslatorOf = (locale: UiLocale, namespace) => {
  instance ??= load();
  return instance.getFixedT(locale, namespace) as unknown as ReturnType<TranslatorOf>;
};
