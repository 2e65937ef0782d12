/** The arrivals overview's filter as it appears in a shareable URL. Messages are i18n keys. Pure. */
import { z } from "zod";
import { parseUrlFilter } from "~/utils/url-filter";

/** active: steps still to do; finished: every step done or not needed. */
export const ARRIVAL_LIST_STATUS = ["active", "finished", "all"] as const;
export type ArrivalListStatus = (typeof ARRIVAL_LIST_STATUS)[number];

export const ArrivalFilterSchema = z.object({
  status: z.enum(ARRIVAL_LIST_STATUS, { message: "arrivals:filter.unknown" }).default("active"),
  neighbourhood: z.coerce
    .number({ message: "arrivals:filter.unknown" })
    .int("arrivals:filter.unknown")
    .min(1, "arrivals:filter.unknown")
    .max(2 ** 31, "arrivals:filter.unknown")
    .optional(),
  page: z.coerce
    .number({ message: "arrivals:filter.page" })
    .int("arrivals:filter.page")
    .min(1, "arrivals:filter.page")
    .max(10_000, "arrivals:filter.page")
    .default(1),
});

export type ArrivalFilter = z.infer<typeof ArrivalFilterSchema>;
type Field = keyof ArrivalFilter;
const FIELDS: readonly Field[] = ["status", "neighbourhood", "page"];

export function parseArrivalFilter(params: URLSearchParams) {
  return parseUrlFilter(ArrivalFilterSchema, params, FIELDS, { status: "active", page: 1 });
}

/** The filter as URL search params (defaults left out). */
export function arrivalFilterToParams(filter: Partial<ArrivalFilter>): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of FIELDS) {
    const value = filter[key];
    if (value === undefined) continue;
    if (key === "status" && value === "active") continue;
    if (key === "page" && value === 1) continue;
    params.set(key, String(value));
  }
  return params;
}
