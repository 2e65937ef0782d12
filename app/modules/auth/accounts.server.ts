/**
 * Accounts: registration, login, password reset and change, e-mail change, profile. Every function
 * answers with data or field errors (i18n keys) in the shape the forms show; none throws for bad input.
 */
import type { DbOrTx } from "@db/client";
import { randomUUID } from "node:crypto";
import { and, eq, inArray, ne, sql } from "drizzle-orm";
import { memberships, organisations, sessions, users, volunteerProfiles } from "@db/schema";
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
      emailVerifiedAt: users.emailVerifiedAt,
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

export interface Registration {
  account: NewAccount;
  role: Extract<UserRole, "volunteer" | "org_member">;
  /** Writes what comes with the new account (its volunteer profile, its organisation) in its transaction. */
  createWith: (tx: DbOrTx, userId: string) => void;
}

/**
 * Registration answers the same, with the same work, whether the address was free or taken: a free
 * address gets an unconfirmed account and a confirmation link (the first login needs it); the owner of
 * a taken address gets an e-mail saying so instead. Every attempt counts against the client's network
 * and the address (see THROTTLE), so neither probing addresses nor flooding an inbox gets far.
 */
export async function registerAccount(
  registration: Registration,
  ip: string,
  origin: string,
): Promise<Outcome<{ sentTo: string }>> {
  const { account } = registration;
  const keys = [throttleKeys.registerIp(ip), throttleKeys.registerAccount(account.email)];
  const throttled = throttledNow(keys);
  if (throttled) return throttled;
  recordFailure(keys);
  // The argon2 hash is most of the time a registration takes: it is computed for a taken address too.
  const passwordHash = await hashPassword(account.password);
  const db = getDb();
  const existing = findUserByEmail(account.email);
  if (existing) {
    db.transaction((tx) => tellOwnerOfTakenAddress(tx, existing.id, origin));
  } else {
    const userId = randomUUID();
    try {
      db.transaction((tx) => {
        tx.insert(users)
          .values({
            id: userId,
            email: account.email,
            displayName: account.displayName,
            passwordHash,
            role: registration.role,
            locale: account.locale,
          })
          .run();
        registration.createWith(tx, userId);
        sendAccountConfirmation(tx, { id: userId, email: account.email }, origin);
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // Someone registered the address a moment ago: its owner hears of this attempt like any other.
      const winner = findUserByEmail(account.email);
      if (winner) db.transaction((tx) => tellOwnerOfTakenAddress(tx, winner.id, origin));
    }
  }
  return { ok: true, value: { sentTo: account.email } };
}

/** A volunteer's registration: the account with an empty volunteer profile. */
export function registerVolunteer(
  input: NewAccount,
  ip: string,
  origin: string,
): Promise<Outcome<{ sentTo: string }>> {
  return registerAccount(
    {
      account: input,
      role: "volunteer",
      createWith: (tx, userId) => tx.insert(volunteerProfiles).values({ userId }).run(),
    },
    ip,
    origin,
  );
}

/** Sends (again) the link that confirms a new account's address; an older link stops working. */
function sendAccountConfirmation(tx: DbOrTx, user: { id: string; email: string }, origin: string): void {
  invalidateUserTokens(tx, user.id, "account_confirmation");
  const token = issueToken(tx, { purpose: "account_confirmation", email: user.email, userId: user.id });
  notify(tx, {
    userId: user.id,
    kind: "account_confirmation",
    params: {
      hours: TOKEN_TTL_MS.account_confirmation / 3_600_000,
      url: `${origin}/confirm-email?token=${token}`,
    },
  });
}

function tellOwnerOfTakenAddress(tx: DbOrTx, userId: string, origin: string): void {
  notify(tx, { userId, kind: "account_exists", params: { url: `${origin}/forgot-password` } });
}

export function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if (/UNIQUE constraint failed/.test(e.message)) return true;
  }
  return false;
}

// ---- login ----------------------------------------------------------------------------------------

let dummyHash: Promise<string> | undefined;

/**
 * Checks e-mail and password with throttling per account and per IP. Unknown e-mails answer like wrong
 * passwords. The right password to an account whose address is not confirmed yet lets nobody in: it
 * sends a new confirmation link instead (at most a few an hour), and says so.
 */
export async function authenticate(
  email: string,
  password: string,
  ip: string,
  origin: string,
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
  if (!user.emailVerifiedAt) {
    const resend = [throttleKeys.confirmationAccount(user.email)];
    if (!throttledNow(resend)) {
      recordFailure(resend);
      getDb().transaction((tx) => sendAccountConfirmation(tx, user, origin));
    }
    return { ok: false, errors: { form: "auth:errors.emailNotConfirmed" } };
  }
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

/**
 * Sets the new password, uses up the token and ends every session of the account. The link came to the
 * account's address, so an unconfirmed address is confirmed by it too.
 */
export async function resetPassword(token: string, password: string): Promise<Outcome<{ userId: string }>> {
  const row = findUsableToken("password_reset", token);
  if (!row || !row.userId) return { ok: false, errors: { form: "auth:errors.tokenInvalid" } };
  if (passwordMatchesEmail(password, row.email))
    return { ok: false, errors: { password: "auth:errors.passwordIsEmail" } };
  const passwordHash = await hashPassword(password);
  const userId = row.userId;
  const done = getDb().transaction((tx) => {
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

/**
 * The current password, asked again before a change, counts like a login of the account (the same
 * throttle, as for deleting the account): someone at an unlocked computer cannot guess it, and the
 * forms are no way around the login lockout. A locked account is refused before the password is checked.
 */
async function currentPasswordRefusal(
  user: { id: string; email: string },
  password: string,
): Promise<{ ok: false; errors: FieldErrors; retryAfterSeconds?: number } | null> {
  const keys = [throttleKeys.loginAccount(user.email)];
  const locked = throttledNow(keys);
  if (locked) return locked;
  if (await checkCurrentPassword(user.id, password)) {
    clearThrottle(keys);
    return null;
  }
  recordFailure(keys);
  return throttledNow(keys) ?? { ok: false, errors: { currentPassword: "auth:errors.currentPasswordWrong" } };
}

/** Changes the password after checking the current one; every other session of the account ends. */
export async function changePassword(
  user: { id: string; email: string },
  currentSessionId: string,
  currentPassword: string,
  newPassword: string,
): Promise<Outcome<null>> {
  const refused = await currentPasswordRefusal(user, currentPassword);
  if (refused) return refused;
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

/**
 * Sends a confirmation link to the new address; the address changes only when it is clicked. Like
 * registration, the answer does not tell whether the new address has an account: if it has, its owner
 * gets an e-mail instead. A few such e-mails an hour per account (THROTTLE.emailChangeSender).
 */
export async function requestEmailChange(
  user: { id: string; email: string; displayName: string; locale: UiLocale },
  newEmail: string,
  currentPassword: string,
  origin: string,
): Promise<Outcome<null>> {
  const sender = [throttleKeys.emailChangeSender(user.id)];
  const locked = throttledNow(sender);
  if (locked) return locked;
  const refused = await currentPasswordRefusal(user, currentPassword);
  if (refused) return refused;
  if (newEmail === user.email) return { ok: false, errors: { newEmail: "auth:errors.emailUnchanged" } };
  recordFailure(sender);
  const owner = findUserByEmail(newEmail);
  getDb().transaction((tx) => {
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

/** What a link to /confirm-email confirms: a new account's address, or the new address of an account. */
export function findAddressConfirmation(
  token: string,
): { purpose: "account_confirmation" | "email_change"; email: string } | null {
  const row = findUsableToken("account_confirmation", token) ?? findUsableToken("email_change", token);
  if (!row) return null;
  return { purpose: row.purpose as "account_confirmation" | "email_change", email: row.email };
}

/** Confirms a new account's address: the account can be used from now on. */
export function confirmAccount(token: string): Outcome<{ userId: string; role: UserRole; locale: UiLocale }> {
  const row = findUsableToken("account_confirmation", token);
  if (!row || !row.userId) return { ok: false, errors: { form: "auth:errors.tokenInvalid" } };
  const userId = row.userId;
  const confirmed = getDb().transaction((tx) => {
    if (!consumeToken(tx, row.tokenHash)) return null;
    // Only while the account still has the address the link went to.
    return (
      tx
        .update(users)
        .set({ emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, ${Date.now()})` })
        .where(and(eq(users.id, userId), eq(users.email, row.email)))
        .returning({ role: users.role, locale: users.locale })
        .get() ?? null
    );
  });
  if (!confirmed) return { ok: false, errors: { form: "auth:errors.tokenInvalid" } };
  return { ok: true, value: { userId, ...confirmed } };
}

/** "ana.k@example.org" → "a…@example.org": enough for the owner to recognise, little for anyone else. */
export function shortenEmail(email: string): string {
  const at = email.lastIndexOf("@");
  return at > 0 ? `${email.slice(0, 1)}…${email.slice(at)}` : "…";
}

/**
 * Applies a confirmed e-mail change (if the address is still free). The account now belongs to whoever
 * reads the new address, so: every other session ends (the one confirming stays, if it is this
 * account's), reset links sent to the old address stop working, and the old address is told. An
 * organisation address that was the old one (copied at registration) becomes the new one.
 */
export function confirmEmailChange(
  token: string,
  current: { userId: string; sessionId: string } | null = null,
): Outcome<{ userId: string; email: string }> {
  const row = findUsableToken("email_change", token);
  if (!row || !row.userId) return { ok: false, errors: { form: "auth:errors.tokenInvalid" } };
  const userId = row.userId;
  if (emailTaken(row.email, userId)) return { ok: false, errors: { form: "auth:errors.emailTaken" } };
  const keepSessionId = current?.userId === userId ? current.sessionId : null;
  try {
    const done = getDb().transaction((tx) => {
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

export function updateProfile(userId: string, input: { displayName: string; locale: UiLocale }): void {
  getDb()
    .update(users)
    .set({ displayName: input.displayName, locale: input.locale })
    .where(eq(users.id, userId))
    .run();
}
