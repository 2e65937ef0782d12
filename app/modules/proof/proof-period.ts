import { addDays } from "~/modules/dashboard/periods";
import { parseReportPeriod, type PeriodResult } from "~/modules/reports/report-period";

/**
 * The proof's period: by default the last 365 days up to today (the window of the yearly threshold);
 * otherwise `from`/`to` from the URL, checked like the reports' period.
 */
export function parseProofPeriod(params: URLSearchParams, today: string): PeriodResult {
  const withDefaults = new URLSearchParams(params);
  if (!withDefaults.get("from")) withDefaults.set("from", addDays(today, -364));
  if (!withDefaults.get("to")) withDefaults.set("to", today);
  return parseReportPeriod(withDefaults, today);
}
