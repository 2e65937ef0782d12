import type { Namespace, TFunction, TOptions } from "i18next";
import { useTranslation } from "react-i18next";

/**
 * Keys that arrive as data rather than as literals in a `t()` call: a validation message from a zod
 * schema or a refusal from the server (`"auth:errors.emailTaken"`), a reason from the matching engine.
 * The compiler cannot follow them, so they are written as `"namespace:key"` (which locales.test.ts
 * checks against the German files) and translated here, where the namespace is read from the key itself
 * and loaded before the text is shown. docs/decisions/084-translation-keys-and-namespaces.md
 */
export type DataKeyT = (key: string, options?: TOptions) => string;

const NS_SEPARATOR = ":";

/** The namespace a `"namespace:key"` names, or `fallback` for a key without one. */
export function namespaceOf(key: string, fallback = "common"): string {
  const at = key.indexOf(NS_SEPARATOR);
  return at > 0 ? key.slice(0, at) : fallback;
}

/**
 * A `t` for data keys, from a typed `t`: the one place where a key the compiler cannot check passes.
 * Keys without a namespace are looked up in the namespaces of the `t` it was made from.
 */
export function dataKeyT(t: TFunction<Namespace, undefined>): DataKeyT {
  const untyped = t as unknown as (key: string, options?: TOptions) => unknown;
  return (key, options) => String(untyped(key, options));
}

/**
 * Translates data keys (`"namespace:key"`), waiting for the namespaces they name: the component
 * suspends until they are loaded (react-i18next's `useSuspense`), so no raw key is ever shown.
 */
export function useDataKeys(keys: readonly (string | null | undefined)[], fallback = "common"): DataKeyT {
  const namespaces = [
    ...new Set(keys.filter((k): k is string => !!k).map((k) => namespaceOf(k, fallback))),
  ].sort();
  // Names read from data: not the literal union the typed hook expects, and checked by locales.test.ts.
  const { t } = useTranslation((namespaces.length > 0 ? namespaces : ["common"]) as unknown as Namespace);
  return dataKeyT(t as unknown as TFunction<Namespace, undefined>);
}
