/**
 * Turning a submitted form into typed data with one zod schema (the same the browser uses), or into
 * field errors (i18n keys) and the values to show again. Pure: used by actions and by tests.
 */
import type { z } from "zod";

/** Field name (dotted path for nested fields) → i18n key of the first problem. `form` holds form-wide problems. */
export type FieldErrors = Partial<Record<string, string>>;

export interface FormFailure {
  errors: FieldErrors;
  /** What the person typed, to fill the form again. Never contains passwords. */
  values: Record<string, string | string[]>;
}

export type FormResult<T> = { success: true; data: T } | ({ success: false } & FormFailure);

/** Repeated names (checkbox groups, multi-selects) become arrays; files are ignored. */
export function formDataToObject(formData: FormData): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value !== "string") continue;
    const existing = out[key];
    if (existing === undefined) out[key] = value;
    else out[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return out;
}

/** Names of fields that are never sent back to the browser. */
const SECRET_FIELD = /password/i;

export function echoValues(values: Record<string, string | string[]>): Record<string, string | string[]> {
  return Object.fromEntries(Object.entries(values).filter(([key]) => !SECRET_FIELD.test(key)));
}

export function issuesToErrors(issues: readonly z.ZodIssue[]): FieldErrors {
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
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { success: true, data: parsed.data as z.output<S> };
  return { success: false, errors: issuesToErrors(parsed.error.issues), values: echoValues(raw) };
}

/** A failure with extra errors decided on the server (unique e-mail, wrong token, …) in the same shape. */
export function formFailure(formData: FormData, errors: FieldErrors): FormFailure {
  return { errors, values: echoValues(formDataToObject(formData)) };
}
