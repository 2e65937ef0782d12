/**
 * The forms of urgent requests: the volunteer's answer page, the coordinator's panel on the need page
 * and the volunteer's setting. Pure: safe in the browser.
 */
import { z } from "zod";

/** A signed answer link's token as it arrives in the URL: short, URL-safe (checked before any pattern). */
export const UrgentTokenSchema = z.string().min(1).max(80);

/** The answer page's buttons: "Ich kann", "Ich kann nicht", or no more such requests. */
export const UrgentAnswerFormSchema = z.object({
  intent: z.enum(["yes", "no", "opt-out"], { message: "reach:answer.invalidChoice" }),
});

const requestId = z.coerce
  .number({ message: "needs:urgent.errors.unknownRequest" })
  .int()
  .positive()
  .max(Number.MAX_SAFE_INTEGER);

/** The coordinator's panel on the need page (intents of the need page's one form handler). */
export const UrgentPanelSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("urgent-ask-now") }),
  z.object({ intent: z.literal("urgent-stop") }),
  z.object({
    intent: z.literal("urgent-auto-accept"),
    // Checkbox: "on" from a plain form post; absent when unticked.
    autoAccept: z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean()),
  }),
  z.object({ intent: z.literal("urgent-confirm"), requestId }),
  z.object({ intent: z.literal("urgent-release"), requestId }),
]);

export const URGENT_PANEL_INTENTS = [
  "urgent-ask-now",
  "urgent-stop",
  "urgent-auto-accept",
  "urgent-confirm",
  "urgent-release",
] as const;

/** The notification settings' radio pair: ask me / don't ask me. */
export const UrgentSettingSchema = z.enum(["on", "off"], { message: "notifications:settings.invalid" });

/** The notification settings' digest choice: none, daily or weekly. */
export const AlertDigestSettingSchema = z.enum(["off", "daily", "weekly"], {
  message: "notifications:settings.invalid",
});
