import type { DbOrTx } from "@db/client";
import { createHmac, timingSafeEqual } from "node:crypto";
import { eq } from "drizzle-orm";
import { alertDigests, users } from "@db/schema";
import type { NotificationKind } from "@db/schema/enums";
import { getAppSecret } from "./app-secret.server";
import { absoluteUrl, getMailConfig, type MailConfig } from "./config.server";
import { CONFIGURABLE_KINDS, type ConfigurableKind } from "./kinds";
import { setNotificationChannel } from "./preferences.server";
import { createSignedToken, verifySignedToken } from "./signed-link.server";

function isConfigurableKind(value: string): value is ConfigurableKind {
  return (CONFIGURABLE_KINDS as readonly string[]).includes(value);
}

function signature(secret: string, userId: string, kind: string): Buffer {
  // The purpose prefix keeps this MAC from ever being valid for another use of the same secret.
  return createHmac("sha256", secret).update(`unsubscribe:v1:${userId}:${kind}`).digest();
}

/**
 * A token that lets its bearer switch one kind of e-mail off for one person, without logging in.
 * It does not expire: a link in an old e-mail must still work (RFC 8058); it can do nothing but
 * turn e-mail off, which the person can undo in their settings.
 */
export function createUnsubscribeToken(userId: string, kind: ConfigurableKind, config?: MailConfig): string {
  const sig = signature(getAppSecret(config), userId, kind).toString("base64url");
  return `${Buffer.from(userId, "utf8").toString("base64url")}.${kind}.${sig}`;
}

/** The person and kind a token stands for, or null if it is malformed or not signed by this server. */
export function verifyUnsubscribeToken(
  token: string,
  config?: MailConfig,
): { userId: string; kind: ConfigurableKind } | null {
  const parts = token.split(".");
  if (parts.length !== 3) return null;
  const [encodedUser, kind, sig] = parts as [string, string, string];
  if (
    !isConfigurableKind(kind) ||
    !/^[A-Za-z0-9_-]+$/.test(encodedUser) ||
    !/^[A-Za-z0-9_-]{43}$/.test(sig)
  ) {
    return null;
  }
  const userId = Buffer.from(encodedUser, "base64url").toString("utf8");
  if (!userId) return null;
  const expected = signature(getAppSecret(config), userId, kind);
  const given = Buffer.from(sig, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return { userId, kind };
}

/*
 * The alert digest's own link (issue 16): a signed, expiring link through the signed-link helper the
 * urgent answers use, purpose "alert-digest-off:v1", subject the person. Every digest carries a fresh one;
 * an expired link says so and points to the settings. It can only switch the digest off.
 */
const DIGEST_PURPOSE = "alert-digest-off:v1";
/** Days a digest's unsubscribe link works: longer than the weekly digest's period, many times over. */
export const DIGEST_UNSUBSCRIBE_DAYS = 60;

export function createDigestUnsubscribeToken(
  userId: string,
  now: number = Date.now(),
  config?: MailConfig,
): string {
  return createSignedToken(DIGEST_PURPOSE, userId, now + DIGEST_UNSUBSCRIBE_DAYS * 86_400_000, config);
}

export function digestUnsubscribeUrl(
  userId: string,
  now: number = Date.now(),
  config: MailConfig = getMailConfig(),
): string {
  const token = createDigestUnsubscribeToken(userId, now, config);
  return absoluteUrl(`/unsubscribe?token=${encodeURIComponent(token)}`, config);
}

export type UnsubscribeKind = ConfigurableKind | "alert_digest";

/**
 * What an unsubscribe token of either kind stands for: a kind's e-mails, or the alert digest (with
 * `expired` when its link is too old). Null when it is malformed or not signed by this server.
 */
export function readUnsubscribeToken(
  token: string,
  now: number = Date.now(),
  config?: MailConfig,
): { userId: string; kind: UnsubscribeKind; expired: boolean } | null {
  const perKind = verifyUnsubscribeToken(token, config);
  if (perKind) return { ...perKind, expired: false };
  const digest = verifySignedToken(DIGEST_PURPOSE, token, config);
  if (!digest) return null;
  return { userId: digest.subject, kind: "alert_digest", expired: digest.expiresAt <= now };
}

/** The one-click link placed in an e-mail (and in its List-Unsubscribe header). */
export function unsubscribeUrl(
  userId: string,
  kind: NotificationKind,
  config: MailConfig = getMailConfig(),
): string | null {
  if (kind === "alert_digest") return digestUnsubscribeUrl(userId, Date.now(), config);
  if (!isConfigurableKind(kind)) return null;
  return absoluteUrl(
    `/unsubscribe?token=${encodeURIComponent(createUnsubscribeToken(userId, kind, config))}`,
    config,
  );
}

/**
 * Applies an unsubscribe token: that kind becomes inbox-only for that person, or the alert digest is
 * switched off. Idempotent. Returns null for an invalid or expired token or a person who no longer exists.
 */
export function unsubscribeWithToken(
  db: DbOrTx,
  token: string,
  now: number = Date.now(),
): { userId: string; kind: UnsubscribeKind } | null {
  const verified = readUnsubscribeToken(token, now);
  if (!verified || verified.expired) return null;
  const user = db.select({ id: users.id }).from(users).where(eq(users.id, verified.userId)).get();
  if (!user) return null;
  if (verified.kind === "alert_digest") {
    db.delete(alertDigests).where(eq(alertDigests.userId, verified.userId)).run();
  } else {
    setNotificationChannel(db, verified.userId, verified.kind, "inbox");
  }
  return { userId: verified.userId, kind: verified.kind };
}
