import { createHmac, timingSafeEqual } from "node:crypto";
import { getAppSecret } from "~/modules/notifications/app-secret.server";
import type { MailConfig } from "~/modules/notifications/config.server";

/*
 * The signed link of an urgent request: `<requestId>.<expiresAt in base 36>.<HMAC-SHA256>`, the MAC over
 * "urgent-answer:v1:<requestId>:<expiresAt>" with the app secret (ADR 010's key, its own purpose prefix).
 * It answers one request of one person, nothing else, and only until it expires; the request row
 * decides whether it was answered already (docs/decisions/089-urgent-waves-and-signed-answers.md).
 */

const TOKEN = /^([1-9][0-9]{0,14})\.([0-9a-z]{1,11})\.([A-Za-z0-9_-]{43})$/;

function signature(secret: string, requestId: number, expiresAt: number): Buffer {
  return createHmac("sha256", secret).update(`urgent-answer:v1:${requestId}:${expiresAt}`).digest();
}

export function createAnswerToken(requestId: number, expiresAt: number, config?: MailConfig): string {
  const sig = signature(getAppSecret(config), requestId, expiresAt).toString("base64url");
  return `${requestId}.${expiresAt.toString(36)}.${sig}`;
}

/** The request and expiry a token was signed for, or null when it is malformed or not signed by this server. */
export function verifyAnswerToken(
  token: string,
  config?: MailConfig,
): { requestId: number; expiresAt: number } | null {
  if (token.length > 80) return null;
  const match = TOKEN.exec(token);
  if (!match) return null;
  const requestId = Number(match[1]);
  const expiresAt = parseInt(match[2]!, 36);
  if (!Number.isSafeInteger(requestId) || !Number.isSafeInteger(expiresAt)) return null;
  // Compared as text, not as decoded bytes: the last base64url letter carries two unused bits, so
  // decoding would take four spellings of one signature. Only the one this server writes is valid.
  const expected = Buffer.from(signature(getAppSecret(config), requestId, expiresAt).toString("base64url"));
  const given = Buffer.from(match[3]!);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return { requestId, expiresAt };
}

/** The app path of a request's answer page (`answer` preselects "Ich kann" or "Ich kann nicht"). */
export function answerPath(token: string, answer?: "yes" | "no", locale?: string): string {
  const params = new URLSearchParams();
  if (answer) params.set("answer", answer);
  if (locale) params.set("lng", locale);
  const query = params.toString();
  return `/urgent/${token}${query ? `?${query}` : ""}`;
}
