/** The organisation's activity list filter (status and time), as it appears in the URL. Pure. */
export const ACTIVITY_STATUS_FILTER = ["all", "draft", "published", "cancelled"] as const;
export const ACTIVITY_WHEN_FILTER = ["upcoming", "past", "all"] as const;
export type ActivityStatusFilter = (typeof ACTIVITY_STATUS_FILTER)[number];
export type ActivityWhenFilter = (typeof ACTIVITY_WHEN_FILTER)[number];

function pick<T extends string>(value: string | null, allowed: readonly T[], fallback: T): T {
  return value && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

/** Unknown values fall back to the defaults (all states, current and upcoming, page 1). */
export function parseOrganisationActivityFilter(params: URLSearchParams): {
  status: ActivityStatusFilter;
  when: ActivityWhenFilter;
  page: number;
} {
  const page = Number(params.get("page") ?? "1");
  return {
    status: pick(params.get("status"), ACTIVITY_STATUS_FILTER, "all"),
    when: pick(params.get("when"), ACTIVITY_WHEN_FILTER, "upcoming"),
    page: Number.isSafeInteger(page) && page > 0 && page <= 100_000 ? page : 1,
  };
}
