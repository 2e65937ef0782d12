import type { i18n as I18n } from "i18next";

/** Options a bare `t("key")` carries once react-i18next's fixed t has filled them in. */
const PLAIN_OPTIONS = new Set(["lng", "ns", "keyPrefix"]);

/**
 * Texts found once, kept for the life of the server: the locale files are bundled, so the same key in the
 * same language and namespaces always reads the same. Only plain lookups are kept (no values, count,
 * context or default), and only when the text was found — a key a request has not loaded yet is never
 * remembered as its raw name. Bounded by the number of keys in the locale files.
 */
const found = new Map<string, string>();

function plainLookup(options: unknown): options is { lng?: string; ns?: string | readonly string[] } {
  if (options === undefined) return true;
  if (typeof options !== "object" || options === null) return false;
  for (const [name, value] of Object.entries(options)) {
    if (value !== undefined && value !== null && !PLAIN_OPTIONS.has(name)) return false;
  }
  return true;
}

/**
 * Lets an i18next instance answer repeated plain lookups from memory. i18next resolves every call afresh
 * (namespaces, fallbacks, plural and context suffixes, interpolation, nesting): a page of twenty cards makes
 * a few hundred such calls per request (docs/decisions/094-translation-lookups-remembered.md).
 */
export function rememberPlainTranslations(instance: I18n): I18n {
  const translate = instance.t.bind(instance) as (key: unknown, options?: unknown) => unknown;
  const remembered = (key: unknown, options?: unknown): unknown => {
    if (typeof key !== "string" || !plainLookup(options)) return translate(key, options);
    const lng = options?.lng ?? instance.language;
    const ns = options?.ns ?? "";
    const id = `${lng}\u0000${typeof ns === "string" ? ns : ns.join(",")}\u0000${(options as { keyPrefix?: string } | undefined)?.keyPrefix ?? ""}\u0000${key}`;
    const known = found.get(id);
    if (known !== undefined) return known;
    const text = translate(key, options);
    // Not found, i18next answers with the key (without its namespace): that is not remembered.
    const bare = key.slice(key.indexOf(":") + 1);
    if (typeof text === "string" && text !== key && text !== bare) found.set(id, text);
    return text;
  };
  (instance as unknown as { t: typeof remembered }).t = remembered;
  return instance;
}
