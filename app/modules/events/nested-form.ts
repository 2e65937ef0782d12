import type { z } from "zod";
import { parseWithinLimits } from "~/utils/field-limits";
import { echoValues, formDataToObject, issuesToErrors, type FormResult } from "~/utils/form-validation";
import { unflattenFormValues } from "./activity.schema";

/**
 * validateFormData for forms with nested fields (`shifts.0.title`): the post is unflattened before the
 * schema reads it, error paths come back dotted (matching the field names), values flat for the re-render.
 */
export function validateNestedFormData<S extends z.ZodTypeAny>(
  formData: FormData,
  schema: S,
): FormResult<z.output<S>> {
  const flat = formDataToObject(formData);
  const parsed = parseWithinLimits(schema, unflattenFormValues(flat));
  if (parsed.success) return { success: true, data: parsed.data };
  return { success: false, errors: issuesToErrors(parsed.issues), values: echoValues(flat) };
}
