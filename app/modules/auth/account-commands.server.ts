/** Changing an account's e-mail address (confirmed through the new address) and its profile. */
import { and, eq, inArray, ne } from "drizzle-orm";
import type { Db } from "@db/client";
import { memberships, organisations, sessions, users } from "@db/schema";
import type { UiLocale } from "@db/schema/enums";
import { notify } from "~/modules/notifications/notify.server";
import { recordFailure, throttledNow, throttleKeys } from "./throttle.server";
import {
  consumeToken,
  findUsableToken,
  invalidateUserTokens,
  issueToken,
  TOKEN_TTL_MS,
} from "./tokens.server";
import {
  emailTaken,
  findUserByEmail,
  isUniqueViolation,
  shortenEmail,
  type Outcome,
} from "./account-queries.server";
import { currentPasswordRefusal } from "./credentials.server";
import { tellOwnerOfTakenAddress } from "./registration.server";

/**
 * Sends a confirmation link to the new address; the address changes only when it is clicked. Like
 * registration, the answer does not tell whether the new address has an account: if it has, its owner
 * gets an e-mail instead. A few such e-mails an hour per account (THROTTLE.emailChangeSender).
 */
export async function requestEmailChange(
  db: Db,
  user: { id: string; email: string; displayName: string; locale: UiLocale },
  newEmail: string,
  currentPassword: string,
  origin: string,
): Promise<Outcome<null>> {
  const sender = [throttleKeys.emailChangeSender(user.id)];
  const locked = throttledNow(db, sender);
  if (locked) return locked;
  const refused = await currentPasswordRefusal(db, user, currentPassword);
  if (refused) return refused;
  if (newEmail === user.email) return { ok: false, errors: { newEmail: "auth:errors.emailUnchanged" } };
  recordFailure(db, sender);
  const owner = findUserByEmail(db, newEmail);
  db.transaction((tx) => {
    if (owner) {
      tellOwnerOfTakenAddress(tx, owner.id, origin);
      return;
    }
    invalidateUserTokens(tx, user.id, "email_change");
    const token = issueToken(tx, { purpose: "email_change", email: newEmail, userId: user.id });
    notify(tx, {
      userId: user.id,
      kind: "email_change",
      emailTo: newEmail,
      params: { hours: TOKEN_TTL_MS.email_change / 3_600_000, url: `${origin}/confirm-email?token=${token}` },
    });
  });
  return { ok: true, value: null };
}

/**
 * Applies a confirmed e-mail change (if the address is still free). The account now belongs to whoever
 * reads the new address, so: every other session ends (the one confirming stays, if it is this
 * account's), reset links sent to the old address stop working, and the old address is told. An
 * organisation address that was the old one (copied at registration) becomes the new one.
 */
export function confirmEmailChange(
  db: Db,
  token: string,
  current: { userId: string; sessionId: string } | null = null,
): Outcome<{ userId: string; email: string }> {
  const row = findUsableToken(db, "email_change", token);
  if (!row || !row.userId) return { ok: false, errors: { form: "auth:errors.tokenInvalid" } };
  const userId = row.userId;
  if (emailTaken(db, row.email, userId)) return { ok: false, errors: { form: "auth:errors.emailTaken" } };
  const keepSessionId = current?.userId === userId ? current.sessionId : null;
  try {
    const done = db.transaction((tx) => {
      if (!consumeToken(tx, row.tokenHash)) return false;
      const before = tx.select({ email: users.email }).from(users).where(eq(users.id, userId)).get();
      if (!before) return false;
      tx.update(users)
        .set({ email: row.email, emailVerifiedAt: new Date() })
        .where(eq(users.id, userId))
        .run();
      tx.delete(sessions)
        .where(
          keepSessionId
            ? and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId))
            : eq(sessions.userId, userId),
        )
        .run();
      invalidateUserTokens(tx, userId, "password_reset");
      // An organisation's address that was this person's own (registration copies it) moves with them,
      // so it stays theirs: exported and erased with their account, not left behind as a stray copy.
      tx.update(organisations)
        .set({ email: row.email })
        .where(
          and(
            eq(organisations.email, before.email),
            inArray(
              organisations.id,
              tx
                .select({ id: memberships.organisationId })
                .from(memberships)
                .where(eq(memberships.userId, userId)),
            ),
          ),
        )
        .run();
      if (before.email !== row.email) {
        notify(tx, {
          userId,
          kind: "email_changed",
          emailTo: before.email,
          params: { newEmail: shortenEmail(row.email) },
        });
      }
      return true;
    });
    if (!done) return { ok: false, errors: { form: "auth:errors.tokenInvalid" } };
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, errors: { form: "auth:errors.emailTaken" } };
    throw error;
  }
  return { ok: true, value: { userId, email: row.email } };
}

export function updateProfile(
  db: Db,
  userId: string,
  input: { displayName: string; locale: UiLocale },
): void {
  db.update(users)
    .set({ displayName: input.displayName, locale: input.locale })
    .where(eq(users.id, userId))
    .run();
}
