/**
 * What kind of database this is, and the first administrator's way in (docs/decisions/026-demo-and-first-start.md).
 * - A demo database holds the demo accounts with their published password. Only `npm run demo` creates
 *   or starts one; `npm start` refuses it, so the demo password never exists outside a demo database.
 * - A fresh production database has no accounts at all. `npm start` prints a one-time setup link
 *   (random, valid 24 h, single use); the person who opens it becomes the first administrator.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@db/client";
import { installation, users } from "@db/schema";
import { DEMO_EMAILS, DEMO_PASSWORD } from "@db/seed/demo-accounts";
import { getMailConfig } from "~/modules/notifications/config.server";

export const SETUP_TOKEN_TTL_MS = 24 * 3_600_000;

function row(db: Pick<Db, "select">) {
  return db.select().from(installation).where(eq(installation.id, 1)).get();
}

/** True when the database holds the demo data (and the published demo password). */
export function isDemoDatabase(db: Pick<Db, "select">): boolean {
  return row(db)?.demo ?? false;
}

const demoByDb = new WeakMap<Db, boolean>();

/** Whether the app's database is a demo database; read once per connection (it never changes while serving). */
export function isDemoInstallation(db: Db): boolean {
  let demo = demoByDb.get(db);
  if (demo === undefined) {
    demo = isDemoDatabase(db);
    demoByDb.set(db, demo);
  }
  return demo;
}

/**
 * In a demo database without a mail server, the hub's e-mails (a new account's confirmation link among
 * them) stay in the outbox, and the demo's administrator can read them there: the login to say so on
 * the pages after which an e-mail is on its way. Null everywhere else.
 */
export function demoOutboxLogin(db: Db): { admin: string; password: string } | null {
  if (!isDemoInstallation(db) || getMailConfig().smtpUrl) return null;
  return { admin: DEMO_EMAILS.admin, password: DEMO_PASSWORD };
}

/** Marks the database as a demo database: done by the seed before it creates any account. */
export function markDemoDatabase(db: Pick<Db, "run">): void {
  db.run(sql`INSERT INTO installation (id, demo) VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET demo = 1`);
}

export function hasAdministrator(db: Pick<Db, "select">): boolean {
  return !!db.select({ id: users.id }).from(users).where(eq(users.role, "admin")).limit(1).get();
}

function hashOf(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * A new setup token for the first administrator, replacing any earlier one (each start without an
 * administrator prints a fresh link). Returns the token in plain text; only its hash is stored.
 */
export function issueSetupToken(db: Pick<Db, "run">, now = Date.now()): string {
  const token = randomBytes(32).toString("base64url");
  db.run(sql`INSERT INTO installation (id, setup_token_hash, setup_token_expires_at)
             VALUES (1, ${hashOf(token)}, ${now + SETUP_TOKEN_TTL_MS})
             ON CONFLICT (id) DO UPDATE SET setup_token_hash = excluded.setup_token_hash,
               setup_token_expires_at = excluded.setup_token_expires_at`);
  return token;
}

/** True while `token` is the current, unexpired setup token and no administrator exists yet. */
export function isUsableSetupToken(db: Pick<Db, "select">, token: string, now = Date.now()): boolean {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return false;
  const current = row(db);
  if (!current?.setupTokenHash || !current.setupTokenExpiresAt) return false;
  if (current.setupTokenExpiresAt.getTime() <= now) return false;
  const given = Buffer.from(hashOf(token), "hex");
  const stored = Buffer.from(current.setupTokenHash, "hex");
  return given.length === stored.length && timingSafeEqual(given, stored) && !hasAdministrator(db);
}

/** Uses the token up (inside the transaction that creates the administrator). */
export function consumeSetupToken(db: Pick<Db, "run">): void {
  db.run(sql`UPDATE installation SET setup_token_hash = NULL, setup_token_expires_at = NULL WHERE id = 1`);
}
