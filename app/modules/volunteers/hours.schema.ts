/** Logging hours for a match: one schema for the form and the action. Messages in `volunteer`. */
import { z } from "zod";
import { decimal, idString, isoDateString } from "./form-fields";

export const HOURS_NOTE_MAX = 500;

/** NRW Ehrenamtskarte: 250 hours a year (or 5 a week), as DESIGN.md says. */
export const EHRENAMTSKARTE_HOURS_PER_YEAR = 250;

export const LogHoursSchema = z.object({
  matchId: z
    .string({ required_error: "volunteer:errors.matchRequired" })
    .min(1, "volunteer:errors.matchRequired")
    .pipe(idString("volunteer:errors.matchUnknown")),
  date: z
    .string({ required_error: "volunteer:errors.dateRequired" })
    .min(1, "volunteer:errors.dateRequired")
    .pipe(isoDateString("volunteer:errors.dateInvalid")),
  hours: decimal({
    min: 0,
    max: 24,
    exclusiveMin: true,
    required: "volunteer:errors.hoursRequired",
    invalid: "volunteer:errors.hoursInvalid",
    range: "volunteer:errors.hoursRange",
  }),
  note: z.string().trim().max(HOURS_NOTE_MAX, "volunteer:errors.noteTooLong").default(""),
});

export type LogHoursInput = z.output<typeof LogHoursSchema>;
