import type { DbOrTx } from "@db/client";
import { and, eq } from "drizzle-orm";
import { notificationPreferences } from "@db/schema";
import type { NotificationChannel, NotificationKind } from "@db/schema/enums";
import { CONFIGURABLE_KINDS, DEFAULT_CHANNEL, isSecurityKind, type ConfigurableKind } from "./kinds";

/** The channel for one person and kind: their choice, else the kind's default. Security mails always e-mail. */
export function getNotificationChannel(
  db: DbOrTx,
  userId: string,
  kind: NotificationKind,
): NotificationChannel {
  if (isSecurityKind(kind)) return "inbox_email";
  const row = db
    .select({ channel: notificationPreferences.channel })
    .from(notificationPreferences)
    .where(and(eq(notificationPreferences.userId, userId), eq(notificationPreferences.kind, kind)))
    .get();
  return row?.channel ?? DEFAULT_CHANNEL[kind];
}

export interface NotificationPreference {
  kind: ConfigurableKind;
  channel: NotificationChannel;
  isDefault: boolean;
}

/** Every configurable kind with the person's channel, in one query. */
export function listNotificationPreferences(db: DbOrTx, userId: string): NotificationPreference[] {
  const rows = db
    .select({ kind: notificationPreferences.kind, channel: notificationPreferences.channel })
    .from(notificationPreferences)
    .where(eq(notificationPreferences.userId, userId))
    .all();
  const chosen = new Map(rows.map((r) => [r.kind, r.channel]));
  return CONFIGURABLE_KINDS.map((kind) => {
    const channel = chosen.get(kind);
    return { kind, channel: channel ?? DEFAULT_CHANNEL[kind], isDefault: channel === undefined };
  });
}

export function setNotificationChannel(
  db: DbOrTx,
  userId: string,
  kind: ConfigurableKind,
  channel: NotificationChannel,
): void {
  db.insert(notificationPreferences)
    .values({ userId, kind, channel })
    .onConflictDoUpdate({
      target: [notificationPreferences.userId, notificationPreferences.kind],
      set: { channel },
    })
    .run();
}

/** Stores a whole preferences form. Call inside one transaction so the page is saved all or nothing. */
export function setNotificationPreferences(
  db: DbOrTx,
  userId: string,
  choices: Partial<Record<ConfigurableKind, NotificationChannel>>,
): void {
  for (const kind of CONFIGURABLE_KINDS) {
    const channel = choices[kind];
    if (channel) setNotificationChannel(db, userId, kind, channel);
  }
}
