/**
 * Turning a submitted form into typed data with one zod schema (the same the browser uses), or into
 * field errors (i18n keys) and the values to show again. Pure: used by actions and by tests.
 */
import type { z } from "zod";
import { DEFAULT_LIST_MAX, DEFAULT_TEXT_MAX, parseWithinLimits, type LengthIssue } from "./field-limits";

/** Field name (dotted path for nested fields) → i18n key of the first problem. `form` holds form-wide problems. */
export type FieldErrors = Partial<Record<string, string>>;

export interface FormFailure {
  errors: FieldErrors;
  /** What the person typed, to fill the form again. Never contains passwords. */
  values: Record<string, string | string[]>;
}

export type FormResult<T> = { success: true; data: T } | ({ success: false } & FormFailure);

/**
 * Repeated names (checkbox groups, multi-selects) become arrays; files are ignored. Linear in the number
 * of fields: a repeated name appends to its array (copying it each time made 30,000 repeats of one name
 * block the server for seconds).
 */
export function formDataToObject(formData: FormData): Record<string, string | string[]> {
  const out = new Map<string, string | string[]>();
  for (const [key, value] of formData.entries()) {
    if (typeof value !== "string") continue;
    const existing = out.get(key);
    if (existing === undefined) out.set(key, value);
    else if (Array.isArray(existing)) existing.push(value);
    else out.set(key, [existing, value]);
  }
  return Object.fromEntries(out);
}

/** Names of fields that are never sent back to the browser. */
const SECRET_FIELD = /password/i;

/**
 * What the person typed, to show again with the errors: no passwords, and each value cut to the default
 * text limit (a value over it was refused as too long anyway). Without the cut, a form of twenty 100 KB
 * fields rendered as a 2 MB page, holding the server for a third of a second.
 */
export function echoValues(values: Record<string, string | string[]>): Record<string, string | string[]> {
  const cut = (value: string) => (value.length > DEFAULT_TEXT_MAX ? value.slice(0, DEFAULT_TEXT_MAX) : value);
  return Object.fromEntries(
    Object.entries(values)
      .filter(([key]) => !SECRET_FIELD.test(key) && key.length <= 200)
      .map(([key, value]) => [
        key,
        Array.isArray(value) ? value.slice(0, DEFAULT_LIST_MAX).map(cut) : cut(value),
      ]),
  );
}

export function issuesToErrors(issues: readonly Pick<LengthIssue, "path" | "message">[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const key = issue.path.length > 0 ? issue.path.join(".") : "form";
    errors[key] ??= issue.message;
  }
  return errors;
}

export function validateFormData<S extends z.ZodTypeAny>(
  formData: FormData,
  schema: S,
): FormResult<z.output<S>> {
  const raw = formDataToObject(formData);
  const parsed = parseWithinLimits(schema, raw);
  if (parsed.success) return { success: true, data: parsed.data };
  return { success: false, errors: issuesToErrors(parsed.issues), values: echoValues(raw) };
}

/** A failure with extra errors decided on the server (unique e-mail, wrong token, …) in the same shape. */
export function formFailure(formData: FormData, errors: FieldErrors): FormFailure {
  return { errors, values: echoValues(formDataToObject(formData)) };
}
