import { z } from "zod";
import { validateWeights } from "~/modules/matching/weights";

const whole = (min: number, max: number, message: string) =>
  z
    .string({ required_error: "settings:errors.required" })
    .trim()
    .min(1, "settings:errors.required")
    .regex(/^\d+$/, "settings:errors.wholeNumber")
    .transform(Number)
    .refine((n) => n >= min && n <= max, message);

const weight = whole(0, 100, "settings:errors.weightRange");

/** Installation settings edited by admins. The weights' overall check is the matching engine's own. */
export const SettingsSchema = z
  .object({
    weightLanguage: weight,
    weightDistance: weight,
    weightAvailability: weight,
    weightLoad: weight,
    weightExperience: weight,
    weightResponsiveness: weight,
    retentionDaysClosedNeeds: whole(30, 3650, "settings:errors.retentionRange"),
    retentionMonthsArrivals: whole(3, 120, "settings:errors.arrivalRetentionRange"),
    reminderHoursBefore: whole(1, 168, "settings:errors.reminderRange"),
  })
  .superRefine((values, ctx) => {
    const verdict = validateWeights({
      language: values.weightLanguage,
      distance: values.weightDistance,
      availability: values.weightAvailability,
      load: values.weightLoad,
      experience: values.weightExperience,
      responsiveness: values.weightResponsiveness,
    });
    if (!verdict.ok && verdict.errors.total) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["weightLanguage"],
        message: "settings:errors.allZero",
      });
    }
  });

export type SettingsInput = z.output<typeof SettingsSchema>;

export const WEIGHT_FIELDS = [
  "weightLanguage",
  "weightDistance",
  "weightAvailability",
  "weightLoad",
  "weightExperience",
  "weightResponsiveness",
] as const;
