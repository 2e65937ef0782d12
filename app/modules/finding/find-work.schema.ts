/**
 * The "find work" filter as it appears in a shareable URL (`/volunteer/find?category=…&km=5&fits=1`).
 * Pure. Messages are i18n keys in the `volunteer` namespace.
 */
import { z } from "zod";
import { parseUrlFilter } from "~/utils/url-filter";
import { LANGUAGE } from "@db/schema/enums";

export const FIND_KINDS = ["all", "shifts", "needs"] as const;
export type FindKind = (typeof FIND_KINDS)[number];

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "volunteer:find.errors.date")
  .refine((v) => {
    const d = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
  }, "volunteer:find.errors.date");

const slug = z.string().regex(/^[a-z0-9-_]{1,80}$/, "volunteer:find.errors.unknown");

export const FindWorkFilterSchema = z
  .object({
    what: z.enum(FIND_KINDS, { message: "volunteer:find.errors.unknown" }).default("all"),
    neighbourhood: slug.optional(),
    km: z
      .string()
      .regex(/^[0-9]{1,3}([.,][0-9])?$/, "volunteer:find.errors.km")
      .transform((v) => Number(v.replace(",", ".")))
      .refine((n) => n > 0 && n <= 100, "volunteer:find.errors.km")
      .optional(),
    category: slug.optional(),
    language: z.enum(LANGUAGE, { message: "volunteer:find.errors.unknown" }).optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    fits: z.literal("1", { message: "volunteer:find.errors.unknown" }).optional(),
    page: z.coerce.number({ message: "volunteer:find.errors.page" }).int().min(1).max(10_000).default(1),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, {
    message: "volunteer:find.errors.range",
    path: ["to"],
  });

export type FindWorkFilter = z.output<typeof FindWorkFilterSchema>;
export const FIND_FILTER_FIELDS = [
  "what",
  "neighbourhood",
  "km",
  "category",
  "language",
  "from",
  "to",
  "fits",
  "page",
] as const;
export type FindFilterField = (typeof FIND_FILTER_FIELDS)[number];

/**
 * Reads the filter from the URL. Each invalid field is dropped and reported next to its input, so a
 * mistyped link still shows work instead of an error page.
 */
export function parseFindWorkFilter(params: URLSearchParams): {
  filter: FindWorkFilter;
  errors: Partial<Record<FindFilterField, string>>;
} {
  return parseUrlFilter(FindWorkFilterSchema, params, FIND_FILTER_FIELDS, { what: "all", page: 1 });
}
