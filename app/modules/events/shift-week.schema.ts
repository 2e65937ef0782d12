/**
 * The week view's filter as it appears in a shareable URL (`/activities/week?week=2026-12-07&category=…`):
 * the list's filters (neighbourhood, category, language) and the week. Pure; messages are i18n keys.
 */
import { z } from "zod";
import { LANGUAGE } from "@db/schema/enums";
import { parseUrlFilter } from "~/utils/url-filter";

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "activities:week.errors.week")
  .refine((v) => {
    const d = new Date(`${v}T00:00:00Z`);
    // Years the calendar of the hub can reasonably mean; also keeps the day arithmetic in range.
    return (
      !Number.isNaN(d.getTime()) &&
      d.toISOString().slice(0, 10) === v &&
      v >= "2000-01-01" &&
      v <= "2100-12-31"
    );
  }, "activities:week.errors.week");

const slug = z.string().regex(/^[a-z0-9-_]{1,80}$/, "activities:filter.errors.unknown");

export const ShiftWeekFilterSchema = z.object({
  /** Any day of the week to show; the week starts on its Monday. */
  week: isoDate.optional(),
  neighbourhood: slug.optional(),
  category: slug.optional(),
  language: z.enum(LANGUAGE, { message: "activities:filter.errors.unknown" }).optional(),
});

export type ShiftWeekFilter = z.output<typeof ShiftWeekFilterSchema>;
export const SHIFT_WEEK_FIELDS = ["week", "neighbourhood", "category", "language"] as const;
export type ShiftWeekField = (typeof SHIFT_WEEK_FIELDS)[number];

export function parseShiftWeekFilter(params: URLSearchParams): {
  filter: ShiftWeekFilter;
  errors: Partial<Record<ShiftWeekField, string>>;
} {
  return parseUrlFilter(ShiftWeekFilterSchema, params, SHIFT_WEEK_FIELDS, {});
}

/** The query string of a week with the same filters (for the previous / next week links). */
export function weekHref(filter: ShiftWeekFilter, week: string): string {
  const params = new URLSearchParams();
  params.set("week", week);
  for (const key of ["neighbourhood", "category", "language"] as const) {
    const value = filter[key];
    if (value) params.set(key, value);
  }
  return `?${params.toString()}`;
}
