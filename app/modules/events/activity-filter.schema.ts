import { z } from "zod";
import { parseUrlFilter } from "~/utils/url-filter";
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
  return parseUrlFilter(
    ActivityFilterSchema,
    params,
    ["neighbourhood", "category", "language", "from", "to", "page"] as const,
    { page: 1 },
  );
}
