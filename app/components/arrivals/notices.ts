import type { Notice } from "~/utils/notice";

/** What an arrival command announces after its redirect (`redirectWithNotice`, shown by the root). */
export type ArrivalNoticeName =
  | "arrival-created"
  | "step-done"
  | "step-not-needed"
  | "organisation-asked"
  | "helpers-proposed";

/** The notice `arrivals:notices.<name>`; `count` and `skipped` for the plural texts. */
export function arrivalNotice(
  name: ArrivalNoticeName,
  values?: { count?: number; skipped?: number },
): Notice {
  return { key: `arrivals:notices.${name}`, values: { count: 1, skipped: 0, ...values } };
}
