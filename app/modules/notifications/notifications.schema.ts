import { z } from "zod";
import { NOTIFICATION_CHANNEL, OUTBOX_STATUS } from "@db/schema/enums";
import { CONFIGURABLE_KINDS, type ConfigurableKind } from "./kinds";

const Id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** The inbox's buttons: mark one message read, or all of them. */
export const InboxActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("read"), id: Id }),
  z.object({ intent: z.literal("read-all") }),
]);

/** The preferences page: one channel per configurable kind (radio buttons, so every kind is sent). */
const Channel = z.enum(NOTIFICATION_CHANNEL, { message: "notifications:settings.invalid" });
export const NotificationPreferencesSchema = z.object(
  Object.fromEntries(CONFIGURABLE_KINDS.map((kind) => [kind, Channel])) as Record<
    ConfigurableKind,
    typeof Channel
  >,
);

/** The outbox list's query: an optional status filter and the id to page before. Anything else is ignored. */
export const OutboxFilterSchema = z.object({
  status: z.enum(OUTBOX_STATUS).optional().catch(undefined),
  before: Id.optional().catch(undefined),
});

export const OutboxActionSchema = z.object({ intent: z.literal("resend") });

/** An unsubscribe token as it comes in a link: short, URL-safe. */
export const UnsubscribeTokenSchema = z.string().min(1).max(400);
