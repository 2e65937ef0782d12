import { createHmac, timingSafeEqual } from "node:crypto";
import { getAppSecret } from "./app-secret.server";
import type { MailConfig } from "./config.server";

/*
 * Signed, expiring links that act without a login: `<subject>.<expiresAt in base 36>.<HMAC-SHA256>`, the
 * MAC over "<purpose>:<subject>:<expiresAt>" with the app secret (ADR 010's key). The purpose prefix keeps
 * a link for one use from ever being valid for another; the subject names the one thing it acts on (an
 * urgent request's id, a person's id). What the link may still do is decided by the caller's rows (an
 * answered request, a digest already switched off), never by the token alone.
 */

/** Subjects are ids: digits, or the URL-safe letters of a user id. */
const SUBJECT = /^[A-Za-z0-9_-]{1,40}$/;
const TOKEN = /^([A-Za-z0-9_-]{1,40})\.([0-9a-z]{1,11})\.([A-Za-z0-9_-]{43})$/;
/** No token is longer: checked before any pattern runs. */
export const SIGNED_TOKEN_MAX = 100;

function signature(secret: string, purpose: string, subject: string, expiresAt: number): string {
  return createHmac("sha256", secret).update(`${purpose}:${subject}:${expiresAt}`).digest("base64url");
}

export function createSignedToken(
  purpose: string,
  subject: string,
  expiresAt: number,
  config?: MailConfig,
): string {
  if (!SUBJECT.test(subject)) throw new Error("signed link: subject is not an id");
  return `${subject}.${expiresAt.toString(36)}.${signature(getAppSecret(config), purpose, subject, expiresAt)}`;
}

/**
 * The subject and expiry a token was signed for with this purpose, or null when it is malformed or not
 * signed by this server. Expiry is the caller's to judge (it says "expired" rather than "invalid").
 */
export function verifySignedToken(
  purpose: string,
  token: string,
  config?: MailConfig,
): { subject: string; expiresAt: number } | null {
  if (token.length > SIGNED_TOKEN_MAX) return null;
  const match = TOKEN.exec(token);
  if (!match) return null;
  const subject = match[1]!;
  const expiresAt = parseInt(match[2]!, 36);
  if (!Number.isSafeInteger(expiresAt)) return null;
  // Compared as text, not as decoded bytes: the last base64url letter carries two unused bits, so
  // decoding would take four spellings of one signature. Only the one this server writes is valid.
  const expected = Buffer.from(signature(getAppSecret(config), purpose, subject, expiresAt));
  const given = Buffer.from(match[3]!);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return { subject, expiresAt };
}
