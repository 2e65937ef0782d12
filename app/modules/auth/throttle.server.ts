/**
 * Throttling wherever someone could guess (passwords, which addresses have accounts) or make the hub
 * send e-mails, persisted in `login_throttle` so a restart does not reset it. Keys are
 * "<purpose>:<kind>:<value>", e.g. "login:account:ana@example.org" or "invite:user:<user id>".
 * IP keys count an IPv6 client by its /64 network (see throttleScopeOf).
 *
 * After `freeFailures` failures within `windowMs`, every further failure locks the key for
 * baseLockMs · 2^(n − freeFailures − 1), at most maxLockMs. A locked key is refused before any password is
 * checked, so a locked account gives an attacker no answers at all. Where every attempt counts (reset,
 * registration, e-mails sent), `freeFailures` + 1 attempts fit into one window.
 */
import { eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@db/client";
import { loginThrottle } from "@db/schema";
import { throttleScopeOf } from "./client-ip.server";

export interface ThrottlePolicy {
  freeFailures: number;
  baseLockMs: number;
  maxLockMs: number;
  windowMs: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const THROTTLE = {
  loginAccount: { freeFailures: 5, baseLockMs: 30_000, maxLockMs: 15 * MINUTE, windowMs: DAY },
  loginIp: { freeFailures: 20, baseLockMs: MINUTE, maxLockMs: HOUR, windowMs: DAY },
  // Reset requests count as attempts when made: the third in an hour locks the address for a while.
  resetAccount: { freeFailures: 2, baseLockMs: 5 * MINUTE, maxLockMs: HOUR, windowMs: HOUR },
  resetIp: { freeFailures: 9, baseLockMs: 5 * MINUTE, maxLockMs: HOUR, windowMs: HOUR },
  // Every registration attempt counts, whether the address was free or taken: 21 a day from one
  // network, and at most 3 e-mails an hour to one address (someone else's inbox is not a target).
  registerIp: { freeFailures: 20, baseLockMs: 5 * MINUTE, maxLockMs: 6 * HOUR, windowMs: DAY },
  registerAccount: { freeFailures: 2, baseLockMs: HOUR, maxLockMs: HOUR, windowMs: HOUR },
  // A login with the right password to an unconfirmed account sends a new confirmation link: 3 an hour.
  confirmationAccount: { freeFailures: 2, baseLockMs: HOUR, maxLockMs: HOUR, windowMs: HOUR },
  // E-mails a signed-in person makes the hub send to an address of their choice, per sender and hour.
  inviteSender: { freeFailures: 19, baseLockMs: HOUR, maxLockMs: HOUR, windowMs: HOUR },
  emailChangeSender: { freeFailures: 2, baseLockMs: HOUR, maxLockMs: HOUR, windowMs: HOUR },
} satisfies Record<string, ThrottlePolicy>;

export interface ThrottleKey {
  key: string;
  policy: ThrottlePolicy;
}

/** Seconds until every given key is unlocked; 0 when none is locked. */
export function secondsUntilUnlocked(db: Db, keys: ThrottleKey[], now = Date.now()): number {
  if (keys.length === 0) return 0;
  const rows = db
    .select({ lockedUntil: loginThrottle.lockedUntil })
    .from(loginThrottle)
    .where(
      inArray(
        loginThrottle.key,
        keys.map((k) => k.key),
      ),
    )
    .all();
  const until = Math.max(0, ...rows.map((r) => r.lockedUntil?.getTime() ?? 0));
  return until > now ? Math.ceil((until - now) / 1000) : 0;
}

/** Counts one failure (or, for reset and registration, one attempt) against each key. */
export function recordFailure(db: Db, keys: ThrottleKey[], now = Date.now()): void {
  db.transaction((tx) => {
    for (const { key, policy } of keys) {
      const row = tx.select().from(loginThrottle).where(eq(loginThrottle.key, key)).get();
      const windowOver = !row || now - row.windowStartedAt.getTime() > policy.windowMs;
      const stillLocked = !!row?.lockedUntil && row.lockedUntil.getTime() > now;
      const failures = windowOver && !stillLocked ? 1 : (row?.failures ?? 0) + 1;
      const windowStartedAt =
        windowOver && !stillLocked ? new Date(now) : (row?.windowStartedAt ?? new Date(now));
      const over = failures - policy.freeFailures;
      const lockedUntil =
        over > 0
          ? new Date(now + Math.min(policy.baseLockMs * 2 ** Math.min(over - 1, 30), policy.maxLockMs))
          : (row?.lockedUntil ?? null);
      tx.insert(loginThrottle)
        .values({ key, failures, windowStartedAt, lockedUntil })
        .onConflictDoUpdate({ target: loginThrottle.key, set: { failures, windowStartedAt, lockedUntil } })
        .run();
    }
  });
}

/** Forgets the failures of these keys (after a successful login of that account). */
export function clearThrottle(db: Db, keys: ThrottleKey[]): void {
  if (keys.length === 0) return;
  db.delete(loginThrottle)
    .where(
      inArray(
        loginThrottle.key,
        keys.map((k) => k.key),
      ),
    )
    .run();
}

/** Removes entries that are neither locked nor inside their window any more (housekeeping). */
export function purgeStaleThrottleEntries(db: Db, now = Date.now()): number {
  return db
    .delete(loginThrottle)
    .where(
      sql`coalesce(${loginThrottle.lockedUntil}, 0) < ${now} and ${loginThrottle.windowStartedAt} < ${now - DAY}`,
    )
    .run().changes;
}

const ipKey = (purpose: string, ip: string, policy: ThrottlePolicy): ThrottleKey => ({
  key: `${purpose}:ip:${throttleScopeOf(ip)}`,
  policy,
});

export const throttleKeys = {
  loginAccount: (email: string): ThrottleKey => ({
    key: `login:account:${email}`,
    policy: THROTTLE.loginAccount,
  }),
  loginIp: (ip: string): ThrottleKey => ipKey("login", ip, THROTTLE.loginIp),
  resetAccount: (email: string): ThrottleKey => ({
    key: `reset:account:${email}`,
    policy: THROTTLE.resetAccount,
  }),
  resetIp: (ip: string): ThrottleKey => ipKey("reset", ip, THROTTLE.resetIp),
  registerIp: (ip: string): ThrottleKey => ipKey("register", ip, THROTTLE.registerIp),
  registerAccount: (email: string): ThrottleKey => ({
    key: `register:account:${email}`,
    policy: THROTTLE.registerAccount,
  }),
  confirmationAccount: (email: string): ThrottleKey => ({
    key: `confirm:account:${email}`,
    policy: THROTTLE.confirmationAccount,
  }),
  /** Keyed by the sender's account id (their address may change meanwhile). */
  inviteSender: (userId: string): ThrottleKey => ({
    key: `invite:user:${userId}`,
    policy: THROTTLE.inviteSender,
  }),
  emailChangeSender: (userId: string): ThrottleKey => ({
    key: `email-change:user:${userId}`,
    policy: THROTTLE.emailChangeSender,
  }),
};

/** A refusal because a key is locked: the form shows it above the fields, with Retry-After. */
export interface Throttled {
  ok: false;
  errors: { form: "auth:errors.throttled" };
  retryAfterSeconds: number;
}

/** The refusal when any of the keys is locked now, otherwise null. */
export function throttledNow(db: Db, keys: ThrottleKey[]): Throttled | null {
  const wait = secondsUntilUnlocked(db, keys);
  return wait > 0 ? { ok: false, errors: { form: "auth:errors.throttled" }, retryAfterSeconds: wait } : null;
}
