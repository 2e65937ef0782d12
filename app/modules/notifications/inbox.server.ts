import type { DbOrTx } from "@db/client";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { notifications } from "@db/schema";
import type { NotificationKind, UiLocale } from "@db/schema/enums";
import { renderNotificationText } from "./texts.server";

export const INBOX_PAGE_SIZE = 100;

export interface InboxItem {
  id: number;
  kind: NotificationKind;
  text: string;
  link: string | null;
  createdAt: number;
  read: boolean;
}

/**
 * A person's inbox, unread first and newest first within each group, with each text rendered in the
 * reader's language (so a language switch also changes old messages). One query.
 */
export function listInbox(
  db: DbOrTx,
  userId: string,
  locale: UiLocale,
  limit: number = INBOX_PAGE_SIZE,
): InboxItem[] {
  const rows = db
    .select()
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(sql`${notifications.readAt} is not null`, desc(notifications.id))
    .limit(limit)
    .all();
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    text: renderNotificationText(row.kind, locale, row.params),
    link: row.link,
    createdAt: row.createdAt.getTime(),
    read: row.readAt !== null,
  }));
}

/** Unread messages of a person, for the badge in the navigation. */
export function countUnread(db: DbOrTx, userId: string): number {
  const row = db
    .select({ count: sql<number>`count(*)` })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    .get();
  return row?.count ?? 0;
}

/** Marks one of the person's own messages read (someone else's id changes nothing). */
export function markNotificationRead(
  db: DbOrTx,
  userId: string,
  id: number,
  now: Date = new Date(),
): boolean {
  const result = db
    .update(notifications)
    .set({ readAt: now })
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId), isNull(notifications.readAt)))
    .run();
  return result.changes > 0;
}

export function markAllNotificationsRead(db: DbOrTx, userId: string, now: Date = new Date()): number {
  const result = db
    .update(notifications)
    .set({ readAt: now })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    .run();
  return result.changes;
}
