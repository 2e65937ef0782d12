/**
 * Registering an account and confirming its address. Every function answers with data or field errors
 * (i18n keys) in the shape the forms show; none throws for bad input.
 */
import type { Db, DbOrTx } from "@db/client";
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { users, volunteerProfiles } from "@db/schema";
import type { UiLocale, UserRole } from "@db/schema/enums";
import { notify } from "~/modules/notifications/notify.server";
import { hashPassword } from "./password.server";
import { recordFailure, throttledNow, throttleKeys } from "./throttle.server";
import {
  consumeToken,
  findUsableToken,
  invalidateUserTokens,
  issueToken,
  TOKEN_TTL_MS,
} from "./tokens.server";
import { findUserByEmail, isUniqueViolation, type Outcome } from "./account-queries.server";

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
  db: Db,
  registration: Registration,
  ip: string,
  origin: string,
): Promise<Outcome<{ sentTo: string }>> {
  const { account } = registration;
  const keys = [throttleKeys.registerIp(ip), throttleKeys.registerAccount(account.email)];
  const throttled = throttledNow(db, keys);
  if (throttled) return throttled;
  recordFailure(db, keys);
  // The argon2 hash is most of the time a registration takes: it is computed for a taken address too.
  const passwordHash = await hashPassword(account.password);
  const existing = findUserByEmail(db, account.email);
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
      const winner = findUserByEmail(db, account.email);
      if (winner) db.transaction((tx) => tellOwnerOfTakenAddress(tx, winner.id, origin));
    }
  }
  return { ok: true, value: { sentTo: account.email } };
}

/** A volunteer's registration: the account with an empty volunteer profile. */
export function registerVolunteer(
  db: Db,
  input: NewAccount,
  ip: string,
  origin: string,
): Promise<Outcome<{ sentTo: string }>> {
  return registerAccount(
    db,
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
export function sendAccountConfirmation(
  tx: DbOrTx,
  user: { id: string; email: string },
  origin: string,
): void {
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

export function tellOwnerOfTakenAddress(tx: DbOrTx, userId: string, origin: string): void {
  notify(tx, { userId, kind: "account_exists", params: { url: `${origin}/forgot-password` } });
}

/** Confirms a new account's address: the account can be used from now on. */
export function confirmAccount(
  db: Db,
  token: string,
): Outcome<{ userId: string; role: UserRole; locale: UiLocale }> {
  const row = findUsableToken(db, "account_confirmation", token);
  if (!row || !row.userId) return { ok: false, errors: { form: "auth:errors.tokenInvalid" } };
  const userId = row.userId;
  const confirmed = db.transaction((tx) => {
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
