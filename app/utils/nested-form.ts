/**
 * Forms with repeated rows (`languages.0.language`, `languages.1.language`, …). react-hook-form
 * builds nested objects from such names in the browser; a plain form post sends them flat. The action
 * unflattens them first, so one zod schema reads both. Pure.
 */
import type { z } from "zod";
import { parseWithinLimits } from "./field-limits";
import { echoValues, formDataToObject, issuesToErrors, type FormResult } from "./form-validation";

/** A row number as forms write it: 0–999, no leading zeros. */
const INDEX = /^(0|[1-9][0-9]{0,2})$/;
const NUMERIC = /^[0-9]+$/;
const FORBIDDEN = new Set(["", "__proto__", "constructor", "prototype"]);

/**
 * `{"languages.1.level": "good", "bio": "…"}` → `{ languages: [{}, { level: "good" }], bio: "…" }`.
 * Numeric segments make arrays; holes (rows removed in the browser) become empty rows, which every row
 * schema reads as a blank row. A key is dropped when a segment could reach the prototype or is a
 * number that is not a row number (above 999, or with leading zeros), so a forged post cannot make a
 * huge array. When both "a" and "a.b" are sent, the first wins.
 */
export function unflatten(flat: Record<string, string | string[]>): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(flat)) {
    const parts = key.split(".");
    if (parts.some((p) => FORBIDDEN.has(p) || (NUMERIC.test(p) && !INDEX.test(p)))) continue;
    let node: Record<string, unknown> | unknown[] = root;
    let ok = true;
    for (let i = 0; i < parts.length - 1; i++) {
      const part = parts[i] as string;
      const container = node as Record<string, unknown>;
      const slot = container[part];
      if (slot === undefined) {
        const created: Record<string, unknown> | unknown[] = INDEX.test(parts[i + 1] as string) ? [] : {};
        container[part] = created;
        node = created;
      } else if (typeof slot === "object" && slot !== null) {
        node = slot as Record<string, unknown>;
      } else {
        ok = false;
        break;
      }
    }
    const last = parts[parts.length - 1] as string;
    if (ok && (node as Record<string, unknown>)[last] === undefined)
      (node as Record<string, unknown>)[last] = value;
  }
  fillHoles(root);
  return root;
}

/** The reverse of unflatten: nested values → flat `a.0.b` keys (strings and string arrays only), for rendering without JavaScript. */
export function flatten(
  value: unknown,
  prefix = "",
  out: Record<string, string | string[]> = {},
): Record<string, string | string[]> {
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) {
    if (prefix) out[prefix] = value as string[];
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => flatten(v, prefix ? `${prefix}.${i}` : String(i), out));
  } else if (typeof value === "object" && value !== null) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (typeof value === "string") {
    if (prefix) out[prefix] = value;
  } else if (typeof value === "boolean") {
    if (prefix && value) out[prefix] = "true";
  } else if (typeof value === "number") {
    if (prefix) out[prefix] = String(value);
  }
  return out;
}

function fillHoles(node: unknown): void {
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      if (node[i] === undefined) node[i] = {};
      else fillHoles(node[i]);
    }
  } else if (typeof node === "object" && node !== null) {
    for (const child of Object.values(node)) fillHoles(child);
  }
}

/**
 * validateFormData for forms with nested rows (`languages.0.language`, `shifts.0.title`): the post is
 * unflattened before the schema reads it, errors come back under the dotted field names, values flat
 * for the re-render.
 */
export function validateNestedFormData<S extends z.ZodTypeAny>(
  formData: FormData,
  schema: S,
): FormResult<z.output<S>> {
  const raw = formDataToObject(formData);
  const parsed = parseWithinLimits(schema, unflatten(raw));
  if (parsed.success) return { success: true, data: parsed.data };
  return { success: false, errors: issuesToErrors(parsed.issues), values: echoValues(raw) };
}

/** The row indices present in flat form values for a repeated group (`languages` → [0, 2]). */
export function rowIndices(values: Record<string, unknown>, group: string): number[] {
  const found = new Set<number>();
  const prefix = `${group}.`;
  for (const key of Object.keys(values)) {
    if (!key.startsWith(prefix)) continue;
    const index = key.slice(prefix.length).split(".")[0] ?? "";
    if (INDEX.test(index)) found.add(Number(index));
  }
  return [...found].sort((a, b) => a - b);
}
