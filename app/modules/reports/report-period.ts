import { addDays, daysBetween, isIsoDate, periodOf, type Period } from "~/modules/dashboard/periods";

/** How the hours report can be grouped. */
export const HOURS_GROUPING = ["organisation", "category", "month"] as const;
export type HoursGrouping = (typeof HOURS_GROUPING)[number];

/** Longest period a report covers: ten years is far beyond any funder's question and bounds the work. */
export const MAX_REPORT_DAYS = 3660;

export interface PeriodResult {
  period: Period;
  /** Field errors as i18n keys; the period falls back to the default for a field in error. */
  errors: { from?: string; to?: string };
}

/** The default period: 1 January of the current year until today. */
export function defaultPeriod(today: string): { from: string; to: string } {
  return { from: `${today.slice(0, 4)}-01-01`, to: today };
}

/**
 * Reads `from` and `to` (YYYY-MM-DD) from a URL. Invalid input is reported next to its field and
 * replaced by the default, so the page always shows numbers and never fails.
 */
export function parseReportPeriod(params: URLSearchParams, today: string): PeriodResult {
  const fallback = defaultPeriod(today);
  const errors: PeriodResult["errors"] = {};
  const read = (key: "from" | "to") => {
    const raw = params.get(key)?.trim() ?? "";
    if (raw === "") return fallback[key];
    if (!isIsoDate(raw)) {
      errors[key] = "reports:errors.date";
      return fallback[key];
    }
    return raw;
  };
  let from = read("from");
  const to = read("to");
  if (from > to) {
    errors.from = "reports:errors.order";
    from = to;
  } else if (daysBetween(from, to) > MAX_REPORT_DAYS) {
    errors.from = "reports:errors.tooLong";
    from = addDays(to, -MAX_REPORT_DAYS);
  }
  return { period: periodOf(from, to), errors };
}
