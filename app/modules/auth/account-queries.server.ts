/**
 * Reading accounts: by e-mail, whether a reset or confirmation token is usable, the shape every account
 * function answers in (data or field errors as i18n keys; none throws for bad input).
 */
import { and, eq, ne } from "drizzle-orm";
import type { Db } from "@db/client";
import { users } from "@db/schema";
import type { FieldErrors } from "~/utils/form-validation";
import { findUsableToken } from "./tokens.server";
import { publicOrigin } from "~/utils/env.server";

export type Outcome<T> =
  | { ok: true; value: T }
  | { ok: false; errors: FieldErrors; retryAfterSeconds?: number };

/**
 * The public origin for links in e-mails: APP_URL (required in production), never the request's Host
 * header — a reset link built from Host would point wherever the requester wanted.
 */
export function appOrigin(_request: Request): string {
  return publicOrigin();
}

export function findUserByEmail(db: Db, email: string) {
  return db
    .select({
      id: users.id,
      email: users.email,
      displayName: users.displayName,
      role: users.role,
      locale: users.locale,
      passwordHash: users.passwordHash,
      emailVerifiedAt: users.emailVerifiedAt,
    })
    .from(users)
    .where(eq(users.email, email))
    .get();
}

export function emailTaken(db: Db, email: string, exceptUserId?: string): boolean {
  const where = exceptUserId
    ? and(eq(users.email, email), ne(users.id, exceptUserId))
    : eq(users.email, email);
  return !!db.select({ id: users.id }).from(users).where(where).get();
}

export function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if (/UNIQUE constraint failed/.test(e.message)) return true;
  }
  return false;
}

/** Whether a reset link is still good (for the page that shows the form). */
export function isResetTokenUsable(db: Db, token: string): boolean {
  return !!findUsableToken(db, "password_reset", token);
}

/** What a link to /confirm-email confirms: a new account's address, or the new address of an account. */
export function findAddressConfirmation(
  db: Db,
  token: string,
): { purpose: "account_confirmation" | "email_change"; email: string } | null {
  const row =
    findUsableToken(db, "account_confirmation", token) ?? findUsableToken(db, "email_change", token);
  if (!row) return null;
  return { purpose: row.purpose as "account_confirmation" | "email_change", email: row.email };
}

/** "ana.k@example.org" → "a…@example.org": enough for the owner to recognise, little for anyone else. */
export function shortenEmail(email: string): string {
  const at = email.lastIndexOf("@");
  return at > 0 ? `${email.slice(0, 1)}…${email.slice(at)}` : "…";
}
