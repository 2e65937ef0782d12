/**
 * A message to the helpers of a shift or an activity: one schema for the browser and the action.
 * Pure; messages are i18n keys of the `events` namespace.
 */
import { z } from "zod";
import { cleanText, SHIFT_MESSAGE_MAX } from "@db/schema/text-rules";

export const MESSAGE_MAX = SHIFT_MESSAGE_MAX;
/** At most this many messages per activity in any 24 hours: helpers must not learn to ignore them. */
export const MESSAGES_PER_DAY = 5;

/** Checkbox: "on" from a plain form post, true from react-hook-form. */
const checkbox = z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean());

export const ShiftMessageSchema = z.object({
  /** A shift of the activity, or "" for the helpers of all its shifts that have not ended. */
  shift: z
    .string()
    .regex(/^([1-9][0-9]{0,12})?$/, "events:message.errors.shift")
    .default(""),
  waitlist: checkbox.default(false),
  // Cleaned as the table's CHECK expects (no NUL; tabs, line breaks, zero-width characters, … trimmed):
  // a message of only such characters is no message, here and in the database.
  body: z
    .string({ message: "events:message.errors.body" })
    .transform(cleanText)
    .pipe(
      z.string().min(1, "events:message.errors.body").max(MESSAGE_MAX, "events:message.errors.bodyTooLong"),
    ),
});

export type ShiftMessageInput = z.output<typeof ShiftMessageSchema>;

/** The recipients' choice as it comes in the page's URL (a GET form): lenient, never an error page. */
export function recipientChoiceOf(params: URLSearchParams): { shiftId: number | null; waitlist: boolean } {
  const shift = params.get("shift") ?? "";
  const shiftId = /^[1-9][0-9]{0,12}$/.test(shift) ? Number(shift) : null;
  return { shiftId, waitlist: params.get("waitlist") === "on" || params.get("waitlist") === "1" };
}
