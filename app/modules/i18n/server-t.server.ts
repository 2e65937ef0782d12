import { createInstance, type FlatNamespace, type TFunction } from "i18next";
import { DEFAULT_LOCALE, i18nOptions, isSupportedLocale } from "./config";

// Every locale file, loaded eagerly on the server, so a translation can be made synchronously — inside a
// better-sqlite3 transaction (which must not await), e.g. for an e-mail written with the change it reports.
const files = import.meta.glob<{ default: Record<string, unknown> }>("../../locales/*/*.json", {
  eager: true,
});

const resources: Record<string, Record<string, Record<string, unknown>>> = {};
for (const [path, module] of Object.entries(files)) {
  const match = /locales\/([^/]+)\/([^/]+)\.json$/.exec(path);
  if (!match) continue;
  const [, locale, namespace] = match as unknown as [string, string, string];
  (resources[locale] ??= {})[namespace] = module.default;
}

const instance = createInstance();
void instance.init({ ...i18nOptions, lng: DEFAULT_LOCALE, resources, initImmediate: false });

/** A synchronous translation function for a locale and namespace (server only). */
export function getServerT<const N extends FlatNamespace>(locale: string, namespace: N): TFunction<N> {
  return instance.getFixedT(isSupportedLocale(locale) ? locale : DEFAULT_LOCALE, namespace);
}

const titlesByLocale = new Map<string, Readonly<Record<string, string>>>();

/**
 * The page titles of a locale (`common:titles`), for route meta functions. Built once per locale: the texts
 * do not change while the server runs, and a whole object out of i18next costs a translation per key.
 */
export function pageTitles(locale: string): Readonly<Record<string, string>> {
  const lng = isSupportedLocale(locale) ? locale : DEFAULT_LOCALE;
  let titles = titlesByLocale.get(lng);
  if (!titles) {
    titles = Object.freeze(
      getServerT(lng, "common")("titles", { returnObjects: true }) as Record<string, string>,
    );
    titlesByLocale.set(lng, titles);
  }
  return titles;
}
