/**
 * Reading a list's filter from its shareable URL. An invalid field is dropped and reported next to its
 * control, so a mistyped link still shows a list instead of an error page. Values are measured against
 * their limits before the schema runs (field-limits.ts). Pure.
 */
import type { z } from "zod";
import { parseWithinLimits } from "./field-limits";

export function parseUrlFilter<S extends z.ZodTypeAny, F extends string>(
  schema: S,
  params: URLSearchParams,
  fields: readonly F[],
  fallback: z.output<S>,
): { filter: z.output<S>; errors: Partial<Record<F, string>> } {
  const raw: Record<string, string> = {};
  for (const key of fields) {
    const value = params.get(key)?.trim();
    if (value) raw[key] = value;
  }
  const errors: Partial<Record<F, string>> = {};
  // Each round drops at least one field, or ends.
  for (let attempt = 0; attempt <= fields.length; attempt += 1) {
    const result = parseWithinLimits(schema, raw);
    if (result.success) return { filter: result.data, errors };
    let dropped = false;
    for (const issue of result.issues) {
      const field = issue.path[0] as F | undefined;
      if (field === undefined || !(field in raw)) continue;
      errors[field] = issue.message;
      delete raw[field];
      dropped = true;
    }
    if (!dropped) break;
  }
  return { filter: fallback, errors };
}
