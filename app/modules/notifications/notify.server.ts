import type { DbOrTx } from "@db/client";
import { eq } from "drizzle-orm";
import { notifications, users } from "@db/schema";
import type { NotificationKind } from "@db/schema/enums";
import { absoluteUrl, getMailConfig } from "./config.server";
import { isSecurityKind, SECRET_PARAM_KEYS, type NotificationParamsByKind } from "./kinds";
import { enqueueEmail } from "./outbox.server";
import { getNotificationChannel } from "./preferences.server";
import { unsubscribeUrl } from "./unsubscribe.server";

export interface NotifyInput<K extends NotificationKind> {
  userId: string;
  kind: K;
  params: NotificationParamsByKind[K];
  /** A path inside the app the message points to (e.g. `/matches/12`); absolute in the e-mail. */
  link?: string | null;
  /** Send the e-mail to this address instead of the account's (an e-mail change goes to the new one). */
  emailTo?: string;
  /**
   * Values for the e-mail only, never stored in the inbox row: longer text (a need's description) that
   * the inbox's one line does not show, or a second link (`secondaryUrl`, absolute).
   */
  emailOnlyParams?: Record<string, string | number>;
}

export interface NotifyResult {
  notificationId: number;
  /** The outbox row, when the person gets this kind by e-mail. */
  email: { id: number; messageId: string } | null;
}

/**
 * Tells a person about something: an inbox entry, and — if their preference for this kind says so —
 * an e-mail in the outbox, in their language, with a signed one-click unsubscribe link. Pass the
 * transaction of the change that caused it (both rows commit with it or not at all). Synchronous.
 *
 * Security kinds (password reset, e-mail change, invite) always e-mail, carry no unsubscribe link,
 * and their inbox entry is only a notice: the link (a secret) is never copied into the inbox.
 */
export function notify<K extends NotificationKind>(tx: DbOrTx, input: NotifyInput<K>): NotifyResult {
  const user = tx
    .select({ email: users.email, locale: users.locale, displayName: users.displayName })
    .from(users)
    .where(eq(users.id, input.userId))
    .get();
  if (!user) throw new Error(`notify: no user ${input.userId}`);

  const params = input.params as Record<string, string | number>;
  const security = isSecurityKind(input.kind);
  const inboxParams = security
    ? Object.fromEntries(Object.entries(params).filter(([key]) => !SECRET_PARAM_KEYS.includes(key)))
    : params;

  const inbox = tx
    .insert(notifications)
    .values({
      userId: input.userId,
      kind: input.kind,
      params: inboxParams,
      link: security ? null : (input.link ?? null),
    })
    .returning({ id: notifications.id })
    .get();

  if (getNotificationChannel(tx, input.userId, input.kind) !== "inbox_email") {
    return { notificationId: inbox.id, email: null };
  }

  const config = getMailConfig();
  const emailParams: Record<string, string | number> = {
    name: user.displayName,
    ...params,
    ...input.emailOnlyParams,
  };
  if (input.link && typeof emailParams.url !== "string") emailParams.url = absoluteUrl(input.link, config);
  const unsubscribe = security ? null : unsubscribeUrl(input.userId, input.kind, config);
  if (unsubscribe) emailParams.unsubscribeUrl = unsubscribe;

  const email = enqueueEmail(tx, {
    userId: input.userId,
    to: input.emailTo ?? user.email,
    locale: user.locale,
    kind: input.kind,
    params: emailParams,
  });
  return { notificationId: inbox.id, email };
}
