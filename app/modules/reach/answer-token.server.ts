import type { MailConfig } from "~/modules/notifications/config.server";
import { createSignedToken, verifySignedToken } from "~/modules/notifications/signed-link.server";

/*
 * The signed link of an urgent request: `<requestId>.<expiresAt in base 36>.<HMAC-SHA256>` through the
 * signed-link helper, purpose "urgent-answer:v1". It answers one request of one person, nothing else,
 * and only until it expires; the request row decides whether it was answered already
 * (docs/decisions/089-urgent-waves-and-signed-answers.md).
 */

const PURPOSE = "urgent-answer:v1";
const REQUEST_ID = /^[1-9][0-9]{0,14}$/;

export function createAnswerToken(requestId: number, expiresAt: number, config?: MailConfig): string {
  return createSignedToken(PURPOSE, String(requestId), expiresAt, config);
}

/** The request and expiry a token was signed for, or null when it is malformed or not signed by this server. */
export function verifyAnswerToken(
  token: string,
  config?: MailConfig,
): { requestId: number; expiresAt: number } | null {
  if (token.length > 80) return null;
  const verified = verifySignedToken(PURPOSE, token, config);
  if (!verified || !REQUEST_ID.test(verified.subject)) return null;
  const requestId = Number(verified.subject);
  if (!Number.isSafeInteger(requestId)) return null;
  return { requestId, expiresAt: verified.expiresAt };
}

/** The app path of a request's answer page (`answer` preselects "Ich kann" or "Ich kann nicht"). */
export function answerPath(token: string, answer?: "yes" | "no", locale?: string): string {
  const params = new URLSearchParams();
  if (answer) params.set("answer", answer);
  if (locale) params.set("lng", locale);
  const query = params.toString();
  return `/urgent/${token}${query ? `?${query}` : ""}`;
}
