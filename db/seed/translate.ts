/**
 * Translations for the seed, from the app's own locale files: the seed runs outside Vite, where the
 * app's getServerT (which bundles them through import.meta.glob) is not available. Same files, same
 * i18next options, so seeded texts read exactly as the app writes them.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createInstance, type i18n } from "i18next";
import { UI_LOCALE, type UiLocale } from "../schema/enums";
import type { TranslatorOf } from "../../app/modules/arrivals/step-texts";

const NAMESPACES = ["arrivals", "common"] as const;

let instance: i18n | null = null;

function load(): i18n {
  const resources: Record<string, Record<string, unknown>> = {};
  for (const locale of UI_LOCALE) {
    resources[locale] = {};
    for (const namespace of NAMESPACES) {
      const file = fileURLToPath(new URL(`../../app/locales/${locale}/${namespace}.json`, import.meta.url));
      resources[locale][namespace] = JSON.parse(readFileSync(file, "utf8")) as unknown;
    }
  }
  const created = createInstance();
  void created.init({
    lng: "de",
    fallbackLng: "de",
    supportedLngs: [...UI_LOCALE],
    ns: [...NAMESPACES],
    defaultNS: "common",
    interpolation: { escapeValue: false },
    resources: resources as never,
    initImmediate: false,
  });
  return created;
}

/** The seed's translation functions, per locale and namespace. */
export const seedTranslatorOf: TranslatorOf = (locale: UiLocale, namespace) => {
  instance ??= load();
  return instance.getFixedT(locale, namespace) as unknown as ReturnType<TranslatorOf>;
};
