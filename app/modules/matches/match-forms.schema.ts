/** The forms on a match page, one schema each, shared by browser and action. Messages: `matches` namespace. */
import { z } from "zod";

export const REASON_MAX = 500;

const reason = z.string().trim().max(REASON_MAX, "matches:errors.reasonTooLong").optional().default("");

/** The answer form's fields (the browser checks these; which button was pressed arrives with the post). */
export const RespondFieldsSchema = z.object({ reason });

/** The offerer's answer to a proposal; a reason for declining is optional and stays with the match. */
export const RespondSchema = RespondFieldsSchema.extend({
  intent: z.enum(["accept", "decline"], { errorMap: () => ({ message: "matches:errors.intent" }) }),
});

export const EndSchema = z.object({ intent: z.literal("end"), reason });

/** Completing: hours may be entered here when none were logged (e.g. for an organisation's offer). */
export const CompleteSchema = z.object({
  intent: z.literal("complete"),
  hours: z
    .string()
    .trim()
    .optional()
    .default("")
    .refine((v) => v === "" || /^\d{1,2}([.,]\d{1,2})?$/.test(v), "matches:errors.hoursInvalid")
    .transform((v) => (v === "" ? null : Number(v.replace(",", "."))))
    .refine((v) => v === null || (v > 0 && v <= 24), "matches:errors.hoursRange"),
  date: z
    .string()
    .trim()
    .optional()
    .default("")
    .refine(
      (v) => v === "" || (/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`))),
      "matches:errors.date",
    )
    .transform((v) => (v === "" ? null : v)),
});

export const ConfirmHoursSchema = z.object({
  intent: z.literal("confirm-hours"),
  hoursId: z
    .string()
    .regex(/^[1-9][0-9]{0,9}$/, "matches:errors.unknown")
    .transform(Number),
});
