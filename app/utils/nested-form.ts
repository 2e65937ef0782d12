/**
 * Forms with repeated rows (`languages.0.language`, `languages.1.language`, …). react-hook-form
 * builds nested objects from such names in the browser; a plain form post sends them flat. The action
 * unflattens them first, so one zod schema reads both. Pure.
 */
import type { z } from "zod";
import { parseWithinLimits } from "./field-limits";
import { echoValues, formDataToObject, issuesToErrors, type FormResult } from "./form-validation";

const INDEX = /^(0|[1-9][0-9]{0,2})$/;

/**
 * `{"languages.1.level": "good", "bio": "…"}` → `{ languages: [ , { level: "good" }], bio: "…" }`.
 * Numeric segments make arrays (holes where rows were removed); anything that could reach the prototype
 * is dropped.
 */
export function unflatten(flat: Record<string, string | string[]>): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(flat)) {
    const parts = key.split(".");
    if (parts.some((p) => p === "" || p === "__proto__" || p === "constructor" || p === "prototype"))
      continue;
    let node: Record<string, unknown> | unknown[] = root;
    let ok = true;
    for (let i = 0; i < parts.length - 1; i++) {
      const part = parts[i] as string;
      const nextIsIndex = INDEX.test(parts[i + 1] as string);
      const slot = (node as Record<string, unknown>)[part];
      if (slot === undefined) {
        const created: Record<string, unknown> | unknown[] = nextIsIndex ? [] : {};
        (node as Record<string, unknown>)[part] = created;
        node = created;
      } else if (typeof slot === "object" && slot !== null) {
        node = slot as Record<string, unknown>;
      } else {
        ok = false; // "a" and "a.b" both sent: keep the first
        break;
      }
    }
    if (ok) (node as Record<string, unknown>)[parts[parts.length - 1] as string] = value;
  }
  return root;
}

/** Like validateFormData, for schemas with nested rows. Errors use the dotted field names. */
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
