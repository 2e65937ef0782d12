import { z } from "zod";
import { parseUrlFilter } from "~/utils/url-filter";
import { LANGUAGE, NEED_STATUS, NEED_URGENCY } from "@db/schema/enums";

/**
 * "todo" = every need that still needs its coordinator (open, partly matched, and matched ones whose
 * helpers are on the way): the working list, and the default; a need leaves it when it is done or
 * cancelled. "active" = still looking for helpers (open or partly matched), as the dashboard counts them.
 */
export const NEED_STATUS_FILTER = ["todo", "active", "all", ...NEED_STATUS] as const;
export type NeedStatusFilter = (typeof NEED_STATUS_FILTER)[number];

export const NEEDS_PAGE_SIZE = 20;

const id = z.coerce
  .number({ message: "needs:filter.errors.unknown" })
  .int("needs:filter.errors.unknown")
  .min(1, "needs:filter.errors.unknown")
  .max(2 ** 31, "needs:filter.errors.unknown");

/** The needs list filter as it appears in a shareable URL. Messages are i18n keys. */
export const NeedFilterSchema = z.object({
  status: z.enum(NEED_STATUS_FILTER, { message: "needs:filter.errors.unknown" }).default("todo"),
  neighbourhood: id.optional(),
  category: id.optional(),
  urgency: z.enum(NEED_URGENCY, { message: "needs:filter.errors.unknown" }).optional(),
  language: z.enum(LANGUAGE, { message: "needs:filter.errors.unknown" }).optional(),
  q: z.string().trim().max(100, "needs:filter.errors.queryTooLong").optional(),
  page: z.coerce
    .number({ message: "needs:filter.errors.page" })
    .int("needs:filter.errors.page")
    .min(1, "needs:filter.errors.page")
    .max(10_000, "needs:filter.errors.page")
    .default(1),
});

export type NeedFilter = z.infer<typeof NeedFilterSchema>;
type Field = keyof NeedFilter;
const FIELDS: readonly Field[] = ["status", "neighbourhood", "category", "urgency", "language", "q", "page"];

/**
 * Reads the filter from the URL. An invalid field is dropped and reported next to its control, so a
 * mistyped link still shows a list instead of an error page.
 */
export function parseNeedFilter(params: URLSearchParams): {
  filter: NeedFilter;
  errors: Partial<Record<Field, string>>;
} {
  return parseUrlFilter(NeedFilterSchema, params, FIELDS, { status: "todo", page: 1 });
}

/** The filter as URL search params (defaults left out), for links that keep the list's state. */
export function needFilterToParams(filter: Partial<NeedFilter>): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of FIELDS) {
    const value = filter[key];
    if (value === undefined || value === "") continue;
    if (key === "status" && value === "todo") continue;
    if (key === "page" && value === 1) continue;
    params.set(key, String(value));
  }
  return params;
}
