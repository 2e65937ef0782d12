/**
 * Accounts: registration, login, password reset and change, e-mail change, profile. Every function
 * answers with data or field errors (i18n keys) in the shape the forms show; none throws for bad input.
 */
import { randomUUID } from "node:crypto";
import { and, eq, ne } from "drizzle-orm";
import { sessions, users, volunteerProfiles } from "@db/schema";
import type { UiLocale, UserRole } from "@db/schema/enums";
import { notify } from "~/modules/notifications/notify.server";
import { getDb } from "~/utils/db.server";
import type { FieldErrors } from "~/utils/form-validation";
import { passwordMatchesEmail } from "./auth.schema";
import { hashPassword, verifyPassword } from "./password.server";
import {
  clearThrottle,
  purgeStaleThrottleEntries,
  recordFailure,
  secondsUntilUnlocked,
  throttleKeys,
} from "./throttle.server";
import {
  consumeToken,
  findUsableToken,
  invalidateUserTokens,
  issueToken,
  TOKEN_TTL_MS,
} from "./tokens.server";
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

export function findUserByEmail(email: string) {
  return getDb()
    .select({
      id: users.id,
      email: users.email,
      displayName: users.displayName,
      role: users.role,
      locale: users.locale,
      passwordHash: users.passwordHash,
    })
    .from(users)
    .where(eq(users.email, email))
    .get();
}

function emailTaken(email: string, exceptUserId?: string): boolean {
  const where = exceptUserId
    ? and(eq(users.email, email), ne(users.id, exceptUserId))
    : eq(users.email, email);
  return !!getDb().select({ id: users.id }).from(users).where(where).get();
}

// ---- registration ---------------------------------------------------------------------------------

export interface NewAccount {
  displayName: string;
  email: string;
  password: string;
  locale: UiLocale;
}

/**
 * Registration says "this address already has an account": a form that stayed silent would need e-mail
 * confirmation before the first login. The per-IP throttle bounds how fast addresses can be probed.
 */
export async function registerVolunteer(input: NewAccount, ip: string): Promise<Outcome<{ userId: string }>> {
  const throttled = registrationThrottled(ip);
  if (throttled) return throttled;
  if (emailTaken(input.email)) return { ok: false, errors: { email: "auth:errors.emailTaken" } };
  const passwordHash = await hashPassword(input.password);
  const userId = randomUUID();
  const db = getDb();
  try {
    db.transaction((tx) => {
      tx.insert(users)
        .values({
          id: userId,
          email: input.email,
          displayName: input.displayName,
          passwordHash,
          role: "volunteer",
          locale: input.locale,
        })
        .run();
      tx.insert(volunteerProfiles).values({ userId }).run();
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, errors: { email: "auth:errors.emailTaken" } };
    throw error;
  }
  recordFailure([throttleKeys.registerIp(ip)]);
  return { ok: true, value: { userId } };
}

export function registrationThrottled(
  ip: string,
): { ok: false; errors: FieldErrors; retryAfterSeconds: number } | null {
  const wait = secondsUntilUnlocked([throttleKeys.registerIp(ip)]);
  return wait > 0 ? { ok: false, errors: { form: "auth:errors.throttled" }, retryAfterSeconds: wait } : null;
}

export function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if (/UNIQUE constraint failed/.test(e.message)) return true;
  }
  return false;
}

// ---- login ----------------------------------------------------------------------------------------

let dummyHash: Promise<string> | undefined;

/** Checks e-mail and password with throttling per account and per IP. Unknown e-mails answer like wrong passwords. */
export async function authenticate(
  email: string,
  password: string,
  ip: string,
): Promise<Outcome<{ userId: string; role: UserRole; locale: UiLocale }>> {
  const keys = [throttleKeys.loginAccount(email), throttleKeys.loginIp(ip)];
  const wait = secondsUntilUnlocked(keys);
  if (wait > 0) return { ok: false, errors: { form: "auth:errors.throttled" }, retryAfterSeconds: wait };

  const user = findUserByEmail(email);
  // Same work for unknown addresses, so the response time does not tell whether an account exists.
  dummyHash ??= hashPassword("not-a-real-password-0");
  const valid = await verifyPassword(user?.passwordHash ?? (await dummyHash), password);
  if (!user || !valid) {
    recordFailure(keys);
    const after = secondsUntilUnlocked(keys);
    return after > 0
      ? { ok: false, errors: { form: "auth:errors.throttled" }, retryAfterSeconds: after }
      : { ok: false, errors: { form: "auth:errors.invalidCredentials" } };
  }
  clearThrottle([keys[0]!]);
  // Housekeeping on the way: entries neither locked nor inside their window any more (a small table).
  purgeStaleThrottleEntries();
  getDb().update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, user.id)).run();
  return { ok: true, value: { userId: user.id, role: user.role, locale: user.locale } };
}

// ---- password reset -------------------------------------------------------------------------------

/**
 * Sends a reset link if the address has an account. The caller shows the same message either way; the
 * throttle counts requests per address whether or not it exists.
 */
export function requestPasswordReset(email: string, ip: string, origin: string): Outcome<null> {
  const keys = [throttleKeys.resetAccount(email), throttleKeys.resetIp(ip)];
  const wait = secondsUntilUnlocked(keys);
  if (wait > 0) return { ok: false, errors: { form: "auth:errors.throttled" }, retryAfterSeconds: wait };
  recordFailure(keys);
  const user = findUserByEmail(email);
  if (user) {
    getDb().transaction((tx) => {
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

/** Whether a reset link is still good (for the page that shows the form). */
export function isResetTokenUsable(token: string): boolean {
  return !!findUsableToken("password_reset", token);
}

/** Sets the new password, uses up the token and ends every session of the account. */
export async function resetPassword(token: string, password: string): Promise<Outcome<{ userId: string }>> {
  const row = findUsableToken("password_reset", token);
  if (!row || !row.userId) return { ok: false, errors: { form: "auth:errors.tokenInvalid" } };
  if (passwordMatchesEmail(password, row.email))
    return { ok: false, errors: { password: "auth:errors.passwordIsEmail" } };
  const passwordHash = await hashPassword(password);
  const userId = row.userId;
  const done = getDb().transaction((tx) => {
    if (!consumeToken(tx, row.tokenHash)) return false;
    tx.update(users).set({ passwordHash, passwordChangedAt: new Date() }).where(eq(users.id, userId)).run();
    tx.delete(sessions).where(eq(sessions.userId, userId)).run();
    return true;
  });
  if (!done) return { ok: false, errors: { form: "auth:errors.tokenInvalid" } };
  clearThrottle([throttleKeys.loginAccount(row.email)]);
  return { ok: true, value: { userId } };
}

// ---- signed-in changes ----------------------------------------------------------------------------

async function checkCurrentPassword(userId: string, password: string): Promise<boolean> {
  const row = getDb()
    .select({ passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, userId))
    .get();
  return !!row && (await verifyPassword(row.passwordHash, password));
}

/** Changes the password after checking the current one; every other session of the account ends. */
export async function changePassword(
  user: { id: string; email: string },
  currentSessionId: string,
  currentPassword: string,
  newPassword: string,
): Promise<Outcome<null>> {
  if (!(await checkCurrentPassword(user.id, currentPassword)))
    return { ok: false, errors: { currentPassword: "auth:errors.currentPasswordWrong" } };
  if (passwordMatchesEmail(newPassword, user.email))
    return { ok: false, errors: { newPassword: "auth:errors.passwordIsEmail" } };
  const passwordHash = await hashPassword(newPassword);
  getDb().transaction((tx) => {
    tx.update(users).set({ passwordHash, passwordChangedAt: new Date() }).where(eq(users.id, user.id)).run();
    tx.delete(sessions)
      .where(and(eq(sessions.userId, user.id), ne(sessions.id, currentSessionId)))
      .run();
    invalidateUserTokens(tx, user.id, "password_reset");
  });
  return { ok: true, value: null };
}

/** Sends a confirmation link to the new address; the address changes only when it is clicked. */
export async function requestEmailChange(
  user: { id: string; email: string; displayName: string; locale: UiLocale },
  newEmail: string,
  currentPassword: string,
  origin: string,
): Promise<Outcome<null>> {
  if (!(await checkCurrentPassword(user.id, currentPassword)))
    return { ok: false, errors: { currentPassword: "auth:errors.currentPasswordWrong" } };
  if (newEmail === user.email) return { ok: false, errors: { newEmail: "auth:errors.emailUnchanged" } };
  if (emailTaken(newEmail, user.id)) return { ok: false, errors: { newEmail: "auth:errors.emailTaken" } };
  getDb().transaction((tx) => {
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

export function findEmailChange(token: string): { newEmail: string } | null {
  const row = findUsableToken("email_change", token);
  return row ? { newEmail: row.email } : null;
}

/** Applies a confirmed e-mail change (if the address is still free). */
export function confirmEmailChange(token: string): Outcome<{ userId: string; email: string }> {
  const row = findUsableToken("email_change", token);
  if (!row || !row.userId) return { ok: false, errors: { form: "auth:errors.tokenInvalid" } };
  const userId = row.userId;
  if (emailTaken(row.email, userId)) return { ok: false, errors: { form: "auth:errors.emailTaken" } };
  try {
    const done = getDb().transaction((tx) => {
      if (!consumeToken(tx, row.tokenHash)) return false;
      tx.update(users)
        .set({ email: row.email, emailVerifiedAt: new Date() })
        .where(eq(users.id, userId))
        .run();
      return true;
    });
    if (!done) return { ok: false, errors: { form: "auth:errors.tokenInvalid" } };
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, errors: { form: "auth:errors.emailTaken" } };
    throw error;
  }
  return { ok: true, value: { userId, email: row.email } };
}

export function updateProfile(userId: string, input: { displayName: string; locale: UiLocale }): void {
  getDb()
    .update(users)
    .set({ displayName: input.displayName, locale: input.locale })
    .where(eq(users.id, userId))
    .run();
}
