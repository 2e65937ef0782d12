/**
 * Logging in and passwords: authenticate, reset by e-mail, change. Every function answers with data or
 * field errors (i18n keys) in the shape the forms show; none throws for bad input.
 */
import { and, eq, ne, sql } from "drizzle-orm";
import type { Db } from "@db/client";
import { sessions, users } from "@db/schema";
import type { UiLocale, UserRole } from "@db/schema/enums";
import { notify } from "~/modules/notifications/notify.server";
import type { FieldErrors } from "~/utils/form-validation";
import { passwordMatchesEmail } from "./auth.schema";
import { hashPassword, verifyPassword } from "./password.server";
import {
  clearThrottle,
  purgeStaleThrottleEntries,
  recordFailure,
  secondsUntilUnlocked,
  throttledNow,
  throttleKeys,
} from "./throttle.server";
import {
  consumeToken,
  findUsableToken,
  invalidateUserTokens,
  issueToken,
  TOKEN_TTL_MS,
} from "./tokens.server";
import { findUserByEmail, type Outcome } from "./account-queries.server";
import { sendAccountConfirmation } from "./registration.server";

// ---- login ----------------------------------------------------------------------------------------

let dummyHash: Promise<string> | undefined;

/**
 * Checks e-mail and password with throttling per account and per IP. Unknown e-mails answer like wrong
 * passwords. The right password to an account whose address is not confirmed yet lets nobody in: it
 * sends a new confirmation link instead (at most a few an hour), and says so.
 */
export async function authenticate(
  db: Db,
  email: string,
  password: string,
  ip: string,
  origin: string,
): Promise<Outcome<{ userId: string; role: UserRole; locale: UiLocale }>> {
  const keys = [throttleKeys.loginAccount(email), throttleKeys.loginIp(ip)];
  const wait = secondsUntilUnlocked(db, keys);
  if (wait > 0) return { ok: false, errors: { form: "auth:errors.throttled" }, retryAfterSeconds: wait };

  const user = findUserByEmail(db, email);
  // Same work for unknown addresses, so the response time does not tell whether an account exists.
  dummyHash ??= hashPassword("not-a-real-password-0");
  const valid = await verifyPassword(user?.passwordHash ?? (await dummyHash), password);
  if (!user || !valid) {
    recordFailure(db, keys);
    const after = secondsUntilUnlocked(db, keys);
    return after > 0
      ? { ok: false, errors: { form: "auth:errors.throttled" }, retryAfterSeconds: after }
      : { ok: false, errors: { form: "auth:errors.invalidCredentials" } };
  }
  clearThrottle(db, [keys[0]!]);
  if (!user.emailVerifiedAt) {
    const resend = [throttleKeys.confirmationAccount(user.email)];
    if (!throttledNow(db, resend)) {
      recordFailure(db, resend);
      db.transaction((tx) => sendAccountConfirmation(tx, user, origin));
    }
    return { ok: false, errors: { form: "auth:errors.emailNotConfirmed" } };
  }
  // Housekeeping on the way: entries neither locked nor inside their window any more (a small table).
  purgeStaleThrottleEntries(db);
  db.update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, user.id)).run();
  return { ok: true, value: { userId: user.id, role: user.role, locale: user.locale } };
}

// ---- password reset -------------------------------------------------------------------------------

/**
 * Sends a reset link if the address has an account. The caller shows the same message either way; the
 * throttle counts requests per address whether or not it exists.
 */
export function requestPasswordReset(db: Db, email: string, ip: string, origin: string): Outcome<null> {
  const keys = [throttleKeys.resetAccount(email), throttleKeys.resetIp(ip)];
  const wait = secondsUntilUnlocked(db, keys);
  if (wait > 0) return { ok: false, errors: { form: "auth:errors.throttled" }, retryAfterSeconds: wait };
  recordFailure(db, keys);
  const user = findUserByEmail(db, email);
  if (user) {
    db.transaction((tx) => {
      invalidateUserTokens(tx, user.id, "password_reset");
      const token = issueToken(tx, { purpose: "password_reset", email: user.email, userId: user.id });
      notify(tx, {
        userId: user.id,
        kind: "password_reset",
        params: {
          minutes: TOKEN_TTL_MS.password_reset / 60_000,
          url: `${origin}/reset-password?token=${token}`,
        },
      });
    });
  }
  return { ok: true, value: null };
}

/**
 * Sets the new password, uses up the token and ends every session of the account. The link came to the
 * account's address, so an unconfirmed address is confirmed by it too.
 */
export async function resetPassword(
  db: Db,
  token: string,
  password: string,
): Promise<Outcome<{ userId: string }>> {
  const row = findUsableToken(db, "password_reset", token);
  if (!row || !row.userId) return { ok: false, errors: { form: "auth:errors.tokenInvalid" } };
  if (passwordMatchesEmail(password, row.email))
    return { ok: false, errors: { password: "auth:errors.passwordIsEmail" } };
  const passwordHash = await hashPassword(password);
  const userId = row.userId;
  const done = db.transaction((tx) => {
    if (!consumeToken(tx, row.tokenHash)) return false;
    tx.update(users)
      .set({
        passwordHash,
        passwordChangedAt: new Date(),
        emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, ${Date.now()})`,
      })
      .where(eq(users.id, userId))
      .run();
    tx.delete(sessions).where(eq(sessions.userId, userId)).run();
    return true;
  });
  if (!done) return { ok: false, errors: { form: "auth:errors.tokenInvalid" } };
  clearThrottle(db, [throttleKeys.loginAccount(row.email)]);
  return { ok: true, value: { userId } };
}

// ---- signed-in changes ----------------------------------------------------------------------------

async function checkCurrentPassword(db: Db, userId: string, password: string): Promise<boolean> {
  const row = db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId)).get();
  return !!row && (await verifyPassword(row.passwordHash, password));
}

/**
 * The current password, asked again before a change, counts like a login of the account (the same
 * throttle, as for deleting the account): someone at an unlocked computer cannot guess it, and the
 * forms are no way around the login lockout. A locked account is refused before the password is checked.
 */
export async function currentPasswordRefusal(
  db: Db,
  user: { id: string; email: string },
  password: string,
): Promise<{ ok: false; errors: FieldErrors; retryAfterSeconds?: number } | null> {
  const keys = [throttleKeys.loginAccount(user.email)];
  const locked = throttledNow(db, keys);
  if (locked) return locked;
  if (await checkCurrentPassword(db, user.id, password)) {
    clearThrottle(db, keys);
    return null;
  }
  recordFailure(db, keys);
  return (
    throttledNow(db, keys) ?? { ok: false, errors: { currentPassword: "auth:errors.currentPasswordWrong" } }
  );
}

/** Changes the password after checking the current one; every other session of the account ends. */
export async function changePassword(
  db: Db,
  user: { id: string; email: string },
  currentSessionId: string,
  currentPassword: string,
  newPassword: string,
): Promise<Outcome<null>> {
  const refused = await currentPasswordRefusal(db, user, currentPassword);
  if (refused) return refused;
  if (passwordMatchesEmail(newPassword, user.email))
    return { ok: false, errors: { newPassword: "auth:errors.passwordIsEmail" } };
  const passwordHash = await hashPassword(newPassword);
  db.transaction((tx) => {
    tx.update(users).set({ passwordHash, passwordChangedAt: new Date() }).where(eq(users.id, user.id)).run();
    tx.delete(sessions)
      .where(and(eq(sessions.userId, user.id), ne(sessions.id, currentSessionId)))
      .run();
    invalidateUserTokens(tx, user.id, "password_reset");
  });
  return { ok: true, value: null };
}
