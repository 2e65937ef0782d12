/**
 * Single-use, expiring tokens for password reset, e-mail change, invitations and the confirmation of a
 * new account's address. The link carries 256 random bits; the table keeps only their SHA-256, so a copy
 * of the database opens no account.
 */
import type { Db, DbOrTx } from "@db/client";
import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, isNull } from "drizzle-orm";
import { authTokens } from "@db/schema";
import type { TokenPurpose, UserRole } from "@db/schema/enums";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const TOKEN_TTL_MS: Record<TokenPurpose, number> = {
  password_reset: 30 * MINUTE,
  email_change: 24 * HOUR,
  invite: 7 * 24 * HOUR,
  organisation_invite: 7 * 24 * HOUR,
  account_confirmation: 48 * HOUR,
};

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export interface IssueTokenInput {
  purpose: TokenPurpose;
  email: string;
  userId?: string | null;
  role?: UserRole | null;
  organisationId?: number | null;
  /** A coordinator invite's neighbourhoods. */
  neighbourhoodIds?: number[] | null;
  createdBy?: string | null;
}

/** Stores a new token and returns it in plain text (to put in a link, once). */
export function issueToken(tx: DbOrTx, input: IssueTokenInput, now = Date.now()): string {
  const token = randomBytes(32).toString("base64url");
  tx.insert(authTokens)
    .values({
      tokenHash: hashToken(token),
      purpose: input.purpose,
      email: input.email,
      userId: input.userId ?? null,
      role: input.role ?? null,
      organisationId: input.organisationId ?? null,
      neighbourhoodIds: input.neighbourhoodIds ?? null,
      createdBy: input.createdBy ?? null,
      createdAt: new Date(now),
      expiresAt: new Date(now + TOKEN_TTL_MS[input.purpose]),
    })
    .run();
  return token;
}

export type TokenRow = typeof authTokens.$inferSelect;

/** The token's row if it exists, has this purpose, is unused and not expired; otherwise null. */
export function findUsableToken(
  db: Db,
  purpose: TokenPurpose,
  token: string,
  now = Date.now(),
): TokenRow | null {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  return (
    db
      .select()
      .from(authTokens)
      .where(
        and(
          eq(authTokens.tokenHash, hashToken(token)),
          eq(authTokens.purpose, purpose),
          isNull(authTokens.usedAt),
          gt(authTokens.expiresAt, new Date(now)),
        ),
      )
      .get() ?? null
  );
}

/**
 * Marks the token used. Returns false if someone used it first (the `used_at is null` condition makes two
 * concurrent submits of one link succeed at most once).
 */
export function consumeToken(tx: DbOrTx, tokenHash: string, now = Date.now()): boolean {
  const result = tx
    .update(authTokens)
    .set({ usedAt: new Date(now) })
    .where(and(eq(authTokens.tokenHash, tokenHash), isNull(authTokens.usedAt)))
    .run();
  return result.changes === 1;
}

/** Every open token of one purpose for a user ends (a new reset link replaces older ones). */
export function invalidateUserTokens(
  tx: DbOrTx,
  userId: string,
  purpose: TokenPurpose,
  now = Date.now(),
): void {
  tx.update(authTokens)
    .set({ usedAt: new Date(now) })
    .where(and(eq(authTokens.userId, userId), eq(authTokens.purpose, purpose), isNull(authTokens.usedAt)))
    .run();
}
