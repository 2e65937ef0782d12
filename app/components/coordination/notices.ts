import type { Notice } from "~/utils/notice";

/** What a coordination command announces after its redirect (`redirectWithNotice`, shown by the root). */
export type CoordinationNoticeName =
  | "organisation-verify"
  | "organisation-revoke"
  | "organisation-unchanged"
  | "certificate-verify"
  | "certificate-revoke"
  | "need-created"
  | "need-saved"
  | "need-closed"
  | "need-cancelled"
  | "match-proposed"
  | "matches-proposed"
  | "match-accepted"
  | "match-declined"
  | "match-started"
  | "match-completed"
  | "match-ended"
  | "hours-logged"
  | "hours-confirmed"
  | "urgent-asked"
  | "urgent-stopped"
  | "urgent-saved"
  | "urgent-confirmed"
  | "urgent-released";

/** The notice `coordination:notices.<name>`; `count` and `skipped` for the plural texts. */
export function coordinationNotice(
  name: CoordinationNoticeName,
  values?: { count?: number; skipped?: number },
): Notice {
  return { key: `coordination:notices.${name}`, values: { count: 1, skipped: 0, ...values } };
}
