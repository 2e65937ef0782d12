import { readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * The UI's own words in a language, read from the locale files, so a test written once reads the same
 * page in German and in Arabic: `text("matches:respond.accept")` → "Ja, ich helfe" / "نعم، سأساعد".
 * Plural keys take their `_one` or `_other` form; `{{name}}` placeholders are filled with `params`.
 */
export type Text = (key: string, params?: Record<string, string | number>) => string;

const cache = new Map<string, Record<string, unknown>>();

function file(lng: string, ns: string): Record<string, unknown> {
  const path = join(process.cwd(), "app/locales", lng, `${ns}.json`);
  let data = cache.get(path);
  if (!data) {
    data = JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
    cache.set(path, data);
  }
  return data;
}

function lookup(data: Record<string, unknown>, path: string): unknown {
  return path.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], data);
}

export function texts(lng: string): Text {
  return (key, params = {}) => {
    const [ns, path] = key.split(":") as [string, string];
    const data = file(lng, ns);
    const count = params.count;
    const plural =
      typeof count === "number"
        ? (lookup(data, `${path}_${new Intl.PluralRules(lng).select(count)}`) ??
          lookup(data, `${path}_other`))
        : undefined;
    const value = plural ?? lookup(data, path);
    if (typeof value !== "string") throw new Error(`no text ${key} in ${lng}`);
    return value.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(params[name] ?? `{{${name}}}`));
  };
}

/** A text as a pattern (for names that contain more than the text, e.g. a visually hidden suffix). */
export function startsWith(value: string): RegExp {
  return new RegExp(`^${value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`);
}
