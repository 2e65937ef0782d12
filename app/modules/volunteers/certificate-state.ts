/**
 * The state of a volunteer's extended certificate of conduct (erweitertes Führungszeugnis), as the
 * volunteer sees it. Pure. A coordinator records it (valid until + who checked it); the volunteer
 * cannot change it.
 */

/** Matches the reminder the scheduler sends (scheduler/certificate-reminders.server.ts). */
export const CERTIFICATE_EXPIRING_DAYS = 60;

export type CertificateState = "none" | "valid" | "expiring" | "expired";

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days from `today` to `validUntil` (both ISO dates); negative when it has run out. */
export function daysBetween(today: string, validUntil: string): number {
  return Math.round((Date.parse(`${validUntil}T12:00:00Z`) - Date.parse(`${today}T12:00:00Z`)) / DAY_MS);
}

/**
 * `validUntil` is the last day the certificate counts (a shift on that day still qualifies, as in
 * signUpForShift). `today` is the ISO date in Europe/Berlin.
 */
export function certificateState(
  validUntil: string | null,
  today: string,
): { state: CertificateState; daysLeft: number | null } {
  if (!validUntil) return { state: "none", daysLeft: null };
  const daysLeft = daysBetween(today, validUntil);
  if (daysLeft < 0) return { state: "expired", daysLeft };
  if (daysLeft <= CERTIFICATE_EXPIRING_DAYS) return { state: "expiring", daysLeft };
  return { state: "valid", daysLeft };
}
