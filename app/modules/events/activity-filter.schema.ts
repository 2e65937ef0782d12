import { z } from "zod";
import { LANGUAGE } from "@db/schema/enums";

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "activities:filter.errors.date")
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), "activities:filter.errors.date");

const slug = z.string().regex(/^[a-z0-9-_]{1,80}$/, "activities:filter.errors.unknown");

/** The public activities filter, as it appears in a shareable URL. Messages are i18n keys. */
export const ActivityFilterSchema = z
  .object({
    neighbourhood: slug.optional(),
    category: slug.optional(),
    language: z.enum(LANGUAGE, { message: "activities:filter.errors.unknown" }).optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    page: z.coerce.number({ message: "activities:filter.errors.page" }).int().min(1).max(10_000).default(1),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, {
    message: "activities:filter.errors.range",
    path: ["to"],
  });

export type ActivityFilter = z.infer<typeof ActivityFilterSchema>;
export type ActivityFilterField = "neighbourhood" | "category" | "language" | "from" | "to" | "page";

/**
 * Reads the filter from URL search params. Each invalid field is dropped (and reported) instead of
 * failing the whole page, so a mistyped URL still shows activities.
 */
export function parseActivityFilter(params: URLSearchParams): {
  filter: ActivityFilter;
  errors: Partial<Record<ActivityFilterField, string>>;
} {
  const raw: Record<string, string> = {};
  for (const key of ["neighbourhood", "category", "language", "from", "to", "page"] as const) {
    const value = params.get(key)?.trim();
    if (value) raw[key] = value;
  }
  const errors: Partial<Record<ActivityFilterField, string>> = {};
  for (let attempt = 0; attempt < 7; attempt += 1) {
    const result = ActivityFilterSchema.safeParse(raw);
    if (result.success) return { filter: result.data, errors };
    for (const issue of result.error.issues) {
      const field = issue.path[0] as ActivityFilterField | undefined;
      if (!field) continue;
      errors[field] = issue.message;
      delete raw[field];
    }
  }
  return { filter: { page: 1 }, errors };
}
