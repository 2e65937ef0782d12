/**
 * The need form: one zod schema for the browser (react-hook-form) and the action. Messages are i18n
 * keys of the `needs` namespace. Pure: no DB, safe in the browser.
 *
 * Field names are flat (`slot2From`, not `slots.1.from`) so that a form posted without JavaScript
 * arrives in the same shape as the one react-hook-form validates.
 */
import { z } from "zod";
import { GENDER_PREFERENCE, LANGUAGE, NEED_SCHEDULE, NEED_URGENCY, type Language } from "@db/schema/enums";
import { withFieldShape } from "~/utils/field-limits";
import { startOfZonedDay, zonedTimeToInstant } from "~/utils/time";
import { findPersonalData, type PersonalDataKind } from "./personal-data";

export const TITLE_MAX = 120;
export const DESCRIPTION_MAX = 2000;
export const HELPERS_MAX = 50;
/** Rows of weekly slots the form offers for a recurring need. */
export const SLOT_ROWS = [1, 2, 3] as const;
/** A recurring need runs at most a year; after that it is recorded again, with fresh information. */
const MAX_PERIOD_DAYS = 366;
const DAY_MS = 24 * 60 * 60 * 1000;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

function minutesOf(time: string): number {
  const [h, m] = time.split(":").map(Number) as [number, number];
  return h * 60 + m;
}

function instantOf(date: string, time: string): number {
  const [y, mo, d] = date.split("-").map(Number) as [number, number, number];
  const [h, mi] = time.split(":").map(Number) as [number, number];
  return zonedTimeToInstant(y, mo, d, h, mi);
}

/** The i18n key explaining why text of this kind may not be stored. */
export function personalDataMessage(kind: PersonalDataKind): string {
  return `needs:errors.personalData.${kind}`;
}

/** Checkbox: "on" from a plain form post, true from react-hook-form. */
const checkbox = z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean());

/** A checkbox group: nothing, one value or several, from either source. */
const languageList = z.preprocess(
  (v) => (Array.isArray(v) ? v : typeof v === "string" && v !== "" ? [v] : []),
  z
    .array(z.enum(LANGUAGE, { errorMap: () => ({ message: "needs:errors.languages" }) }))
    .min(1, "needs:errors.languages")
    .max(LANGUAGE.length, "needs:errors.languages"),
);

const id = (message: string) =>
  z
    .string({ required_error: message, invalid_type_error: message })
    .trim()
    .regex(/^[1-9][0-9]{0,9}$/, message)
    .transform(Number);

const optionalText = z.string().trim().max(10).optional().default("");

const slotFields = Object.fromEntries(
  SLOT_ROWS.flatMap((n) => [
    [`slot${n}Day`, optionalText],
    [`slot${n}From`, optionalText],
    [`slot${n}To`, optionalText],
  ]),
) as Record<`slot${(typeof SLOT_ROWS)[number]}${"Day" | "From" | "To"}`, typeof optionalText>;

const NeedFields = z.object({
  categoryId: id("needs:errors.category"),
  neighbourhoodId: id("needs:errors.neighbourhood"),
  /** Set by organisation members (which of their organisations records it); empty for coordinators. */
  organisationId: z
    .string()
    .trim()
    .regex(/^([1-9][0-9]{0,9})?$/, "needs:errors.organisation")
    .optional()
    .default("")
    .transform((v) => (v ? Number(v) : null)),
  title: z
    .string({ required_error: "needs:errors.titleRequired" })
    .trim()
    .min(5, "needs:errors.titleTooShort")
    .max(TITLE_MAX, "needs:errors.titleTooLong"),
  description: z
    .string({ required_error: "needs:errors.descriptionRequired" })
    .trim()
    .min(20, "needs:errors.descriptionTooShort")
    .max(DESCRIPTION_MAX, "needs:errors.descriptionTooLong"),
  languages: languageList,
  helpersNeeded: z
    .string({ required_error: "needs:errors.helpers" })
    .trim()
    .regex(/^[0-9]{1,3}$/, "needs:errors.helpers")
    .transform(Number)
    .refine((n) => n >= 1 && n <= HELPERS_MAX, "needs:errors.helpers"),
  urgency: z.enum(NEED_URGENCY, { errorMap: () => ({ message: "needs:errors.urgency" }) }),
  schedule: z.enum(NEED_SCHEDULE, { errorMap: () => ({ message: "needs:errors.schedule" }) }),
  date: optionalText,
  startTime: optionalText,
  endTime: optionalText,
  periodStart: optionalText,
  periodEnd: optionalText,
  ...slotFields,
  requiresCertificate: checkbox,
  genderPreference: z.enum(GENDER_PREFERENCE, { errorMap: () => ({ message: "needs:errors.gender" }) }),
});

type NeedFieldValues = z.output<typeof NeedFields>;

export interface WeeklySlotInput {
  weekday: number;
  startMinute: number;
  endMinute: number;
}

export type NeedScheduleInput =
  | { kind: "one_off"; startsAt: number; endsAt: number }
  | { kind: "recurring"; startsAt: number; endsAt: number; slots: WeeklySlotInput[] };

/** What the need commands take: checked, typed, with instants instead of wall-clock fields. */
export interface NeedInput {
  categoryId: number;
  neighbourhoodId: number;
  organisationId: number | null;
  title: string;
  description: string;
  languages: Language[];
  helpersNeeded: number;
  urgency: (typeof NEED_URGENCY)[number];
  schedule: NeedScheduleInput;
  requiresCertificate: boolean;
  genderPreference: (typeof GENDER_PREFERENCE)[number];
}

/** Field values as strings, whatever arrived (cross-field checks run even when a field is invalid). */
function text(raw: Record<string, unknown>, key: string): string {
  const value = raw[key];
  return typeof value === "string" ? value.trim() : "";
}

/**
 * Checks that span fields: the schedule the chosen kind needs, and personal data in the free text.
 * They run on the raw values, so one submit reports every problem, not one layer at a time.
 */
function crossFieldIssues(raw: Record<string, unknown>, ctx: z.RefinementCtx): void {
  const issue = (path: string, message: string) =>
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: [path], message });
  for (const field of ["title", "description"] as const) {
    const first = findPersonalData(text(raw, field))[0];
    if (first) issue(field, personalDataMessage(first.kind));
  }
  const schedule = text(raw, "schedule");
  if (schedule === "one_off") {
    const [date, from, to] = [text(raw, "date"), text(raw, "startTime"), text(raw, "endTime")];
    if (!isIsoDate(date)) issue("date", "needs:errors.date");
    if (!TIME.test(from)) issue("startTime", "needs:errors.time");
    if (!TIME.test(to)) issue("endTime", "needs:errors.time");
    else if (TIME.test(from) && minutesOf(to) <= minutesOf(from)) issue("endTime", "needs:errors.timeOrder");
    return;
  }
  if (schedule !== "recurring") return;
  const [periodStart, periodEnd] = [text(raw, "periodStart"), text(raw, "periodEnd")];
  const startOk = isIsoDate(periodStart);
  const endOk = isIsoDate(periodEnd);
  if (!startOk) issue("periodStart", "needs:errors.date");
  if (!endOk) issue("periodEnd", "needs:errors.date");
  if (startOk && endOk) {
    const days = (Date.parse(periodEnd) - Date.parse(periodStart)) / DAY_MS;
    if (days < 0) issue("periodEnd", "needs:errors.periodOrder");
    else if (days > MAX_PERIOD_DAYS) issue("periodEnd", "needs:errors.periodTooLong");
  }
  let complete = 0;
  for (const n of SLOT_ROWS) {
    const [day, from, to] = [text(raw, `slot${n}Day`), text(raw, `slot${n}From`), text(raw, `slot${n}To`)];
    if (!day && !from && !to) continue;
    if (!/^[0-6]$/.test(day)) issue(`slot${n}Day`, "needs:errors.weekday");
    if (!TIME.test(from)) issue(`slot${n}From`, "needs:errors.time");
    if (!TIME.test(to)) issue(`slot${n}To`, "needs:errors.time");
    else if (TIME.test(from) && minutesOf(to) <= minutesOf(from))
      issue(`slot${n}To`, "needs:errors.timeOrder");
    complete += 1;
  }
  if (complete === 0) issue("slot1Day", "needs:errors.slotRequired");
}

function slotOf(v: NeedFieldValues, n: (typeof SLOT_ROWS)[number]) {
  return { day: v[`slot${n}Day`], from: v[`slot${n}From`], to: v[`slot${n}To`] };
}

function toNeedInput(v: NeedFieldValues): NeedInput {
  let schedule: NeedScheduleInput;
  if (v.schedule === "one_off") {
    schedule = {
      kind: "one_off",
      startsAt: instantOf(v.date, v.startTime),
      endsAt: instantOf(v.date, v.endTime),
    };
  } else {
    const slots = SLOT_ROWS.map((n) => slotOf(v, n))
      .filter((s) => s.day && s.from && s.to)
      .map((s) => ({ weekday: Number(s.day), startMinute: minutesOf(s.from), endMinute: minutesOf(s.to) }));
    schedule = {
      kind: "recurring",
      startsAt: startOfZonedDay(v.periodStart),
      // The whole last day belongs to the period.
      endsAt: startOfZonedDay(new Date(Date.parse(v.periodEnd) + DAY_MS).toISOString().slice(0, 10)),
      slots,
    };
  }
  return {
    categoryId: v.categoryId,
    neighbourhoodId: v.neighbourhoodId,
    organisationId: v.organisationId,
    title: v.title,
    description: v.description,
    languages: [...new Set(v.languages)],
    helpersNeeded: v.helpersNeeded,
    urgency: v.urgency,
    schedule,
    requiresCertificate: v.requiresCertificate,
    genderPreference: v.genderPreference,
  };
}

/**
 * The need form. Field rules and cross-field rules are checked side by side (zod would otherwise skip
 * refinements while any field is invalid); the output is a NeedInput.
 */
export const NeedFormSchema = withFieldShape(
  z
    .custom<z.input<typeof NeedFields>>(
      (value) => typeof value === "object" && value !== null && !Array.isArray(value),
    )
    .superRefine((raw, ctx) => {
      const fields = NeedFields.safeParse(raw);
      if (!fields.success) {
        for (const i of fields.error.issues)
          ctx.addIssue({ code: z.ZodIssueCode.custom, path: i.path, message: i.message });
      }
      crossFieldIssues(raw as Record<string, unknown>, ctx);
    })
    .transform((raw) => toNeedInput(NeedFields.parse(raw))),
  NeedFields,
);

export type NeedFormValues = z.input<typeof NeedFormSchema>;

/** Closing or cancelling: an optional note for the audit trail (no personal data either). */
export const NeedCloseSchema = z
  .object({
    intent: z.enum(["close", "cancel"], { errorMap: () => ({ message: "needs:errors.intent" }) }),
    note: z.string().trim().max(300, "needs:errors.noteTooLong").optional().default(""),
  })
  .superRefine((v, ctx) => {
    const first = findPersonalData(v.note)[0];
    if (first)
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["note"], message: personalDataMessage(first.kind) });
  });
