/**
 * The activity form (with its shift rows) and the translations form: one zod schema each, used by
 * react-hook-form in the browser and by the action on the server. Every field arrives as the string
 * an input sends, so the same schema reads a browser submit and a no-JavaScript form post. Messages
 * are i18n keys in the `events` namespace. Pure: safe in the browser.
 */
import { z } from "zod";
import { LANGUAGE, UI_LOCALE, type Language, type UiLocale } from "@db/schema/enums";
import { zonedIsoDate, zonedTimeToInstant, zonedWallClock } from "~/utils/time";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Bounds that keep an activity and its shifts sensible (and within hours_log's 24 h per entry). */
export const ACTIVITY_LIMITS = {
  maxDurationMs: 14 * DAY_MS,
  maxWeeklyDurationMs: DAY_MS,
  maxSeriesDays: 366,
  maxShiftDurationMs: 12 * HOUR_MS,
  /** A shift may start this long before the activity (setting up) and end this long after (clearing up). */
  shiftMarginMs: DAY_MS,
  maxShiftRows: 30,
  maxNeeded: 500,
  maxPlaces: 10_000,
  maxCostCents: 1_000_000,
} as const;

// ---- wall-clock times in the municipality's time zone ---------------------------------------------

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function validDate(year: number, month: number, day: number): boolean {
  if (year < 2000 || year > 2100 || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** `2026-12-01T17:00` (what `<input type="datetime-local">` sends), meant in Europe/Berlin → instant. */
export function parseLocalDateTime(value: string): number | null {
  const m = LOCAL_DATE_TIME.exec(value.trim());
  if (!m) return null;
  const [year, month, day, hour, minute] = m.slice(1, 6).map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  if (!validDate(year, month, day) || hour > 23 || minute > 59) return null;
  return zonedTimeToInstant(year, month, day, hour, minute);
}

/** An instant as the value of a `datetime-local` input, in Europe/Berlin. */
export function toLocalDateTimeInput(instant: number): string {
  const { date, minute } = zonedWallClock(instant);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date}T${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`;
}

export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  return !!m && validDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

// ---- field types ------------------------------------------------------------------------------------

/** A checkbox: "true"/"on" from a form post, true/false from react-hook-form, absent = false. */
const checkbox = z.preprocess((v) => v === true || v === "true" || v === "on", z.boolean());

/** A checkbox group: absent, one value, or many → an array. */
const stringList = z.preprocess(
  (v) => (v === undefined || v === null || v === false || v === "" ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.string()),
);

const text = (max: number) => z.string().trim().max(max, "events:errors.tooLong").default("");
const idField = z
  .string()
  .trim()
  .regex(/^[1-9][0-9]{0,9}$/, "events:errors.choose");
const count = z
  .string()
  .trim()
  .regex(/^[0-9]{0,6}$/, "events:errors.wholeNumber")
  .refine((v) => Number(v || 0) <= ACTIVITY_LIMITS.maxPlaces, "events:errors.tooMany")
  .default("");

export const ShiftRowSchema = z.object({
  /** Empty for a new row. */
  id: z
    .string()
    .trim()
    .regex(/^[0-9]{0,10}$/)
    .default(""),
  title: text(120),
  startsAt: z.string().trim().default(""),
  endsAt: z.string().trim().default(""),
  neededCount: z.string().trim().default(""),
  requiresCertificate: checkbox,
  remove: checkbox,
});
export type ShiftRowValues = z.output<typeof ShiftRowSchema>;

/** A row nobody filled in (new and empty) is ignored rather than reported. */
export function isBlankShiftRow(row: ShiftRowValues): boolean {
  return !row.id && !row.title && !row.startsAt && !row.endsAt && !row.neededCount;
}

function issue(ctx: z.RefinementCtx, path: (string | number)[], message: string): void {
  ctx.addIssue({ code: z.ZodIssueCode.custom, path, message });
}

export const ActivityFormSchema = z
  .object({
    title: z.string().trim().min(3, "events:errors.titleShort").max(120, "events:errors.tooLong"),
    description: z
      .string()
      .trim()
      .min(1, "events:errors.descriptionRequired")
      .max(5000, "events:errors.tooLong"),
    originalLanguage: z.enum(UI_LOCALE, { message: "events:errors.choose" }),
    categoryId: idField,
    neighbourhoodId: idField,
    place: text(200),
    /** One of the organisation's places (its address gives distances), or "" for none. */
    placeId: z.union([z.literal(""), idField]).default(""),
    startsAt: z.string().trim(),
    endsAt: z.string().trim(),
    weekly: checkbox,
    recurrenceUntil: z.string().trim().default(""),
    languages: stringList.pipe(
      z
        .array(z.enum(LANGUAGE, { message: "events:errors.choose" }))
        .min(1, "events:errors.languagesRequired")
        .max(LANGUAGE.length),
    ),
    accessibility: text(500),
    targetGroup: text(500),
    cost: z
      .string()
      .trim()
      .regex(/^([0-9]{1,5}([.,][0-9]{1,2})?)?$/, "events:errors.cost")
      .default(""),
    participantPlaces: count,
    participantsRegistered: count,
    shifts: z
      .array(ShiftRowSchema)
      .max(ACTIVITY_LIMITS.maxShiftRows, "events:errors.tooManyShifts")
      .default([]),
  })
  .superRefine((v, ctx) => {
    const start = parseLocalDateTime(v.startsAt);
    const end = parseLocalDateTime(v.endsAt);
    if (start === null)
      issue(ctx, ["startsAt"], v.startsAt ? "events:errors.dateTime" : "events:errors.required");
    if (end === null) issue(ctx, ["endsAt"], v.endsAt ? "events:errors.dateTime" : "events:errors.required");
    const windowOk = start !== null && end !== null && end > start;
    if (start !== null && end !== null) {
      if (end <= start) issue(ctx, ["endsAt"], "events:errors.endAfterStart");
      else if (end - start > ACTIVITY_LIMITS.maxDurationMs)
        issue(ctx, ["endsAt"], "events:errors.activityTooLong");
      else if (v.weekly && end - start > ACTIVITY_LIMITS.maxWeeklyDurationMs)
        issue(ctx, ["endsAt"], "events:errors.weeklyTooLong");
    }

    let lastEnd = end;
    if (v.weekly) {
      if (!v.recurrenceUntil) issue(ctx, ["recurrenceUntil"], "events:errors.untilRequired");
      else if (!isIsoDate(v.recurrenceUntil)) issue(ctx, ["recurrenceUntil"], "events:errors.date");
      else if (start !== null) {
        const firstDay = zonedIsoDate(start);
        const days = (Date.parse(v.recurrenceUntil) - Date.parse(firstDay)) / DAY_MS;
        if (days < 0) issue(ctx, ["recurrenceUntil"], "events:errors.untilBeforeStart");
        else if (days > ACTIVITY_LIMITS.maxSeriesDays)
          issue(ctx, ["recurrenceUntil"], "events:errors.untilTooFar");
        else if (end !== null) lastEnd = end + Math.floor(days / 7) * 7 * DAY_MS;
      }
    }

    const places = Number(v.participantPlaces || 0);
    const registered = Number(v.participantsRegistered || 0);
    if (/^[0-9]*$/.test(v.participantsRegistered) && registered > places) {
      issue(ctx, ["participantsRegistered"], "events:errors.registeredOverPlaces");
    }
    if (v.cost && Math.round(Number(v.cost.replace(",", ".")) * 100) > ACTIVITY_LIMITS.maxCostCents) {
      issue(ctx, ["cost"], "events:errors.cost");
    }

    v.shifts.forEach((row, i) => {
      if (row.remove || isBlankShiftRow(row)) return;
      const at = (field: keyof ShiftRowValues) => ["shifts", i, field];
      if (!row.title) issue(ctx, at("title"), "events:errors.required");
      const s = parseLocalDateTime(row.startsAt);
      const e = parseLocalDateTime(row.endsAt);
      if (s === null)
        issue(ctx, at("startsAt"), row.startsAt ? "events:errors.dateTime" : "events:errors.required");
      if (e === null)
        issue(ctx, at("endsAt"), row.endsAt ? "events:errors.dateTime" : "events:errors.required");
      if (s !== null && e !== null) {
        if (e <= s) issue(ctx, at("endsAt"), "events:errors.endAfterStart");
        else if (e - s > ACTIVITY_LIMITS.maxShiftDurationMs)
          issue(ctx, at("endsAt"), "events:errors.shiftTooLong");
        else if (windowOk && start !== null && lastEnd !== null) {
          const earliest = start - ACTIVITY_LIMITS.shiftMarginMs;
          const latest = lastEnd + ACTIVITY_LIMITS.shiftMarginMs;
          if (s < earliest || e > latest) issue(ctx, at("startsAt"), "events:errors.shiftOutsideActivity");
        }
      }
      const needed = Number(row.neededCount);
      if (!row.neededCount) issue(ctx, at("neededCount"), "events:errors.required");
      else if (!/^[0-9]+$/.test(row.neededCount) || needed < 1)
        issue(ctx, at("neededCount"), "events:errors.neededMin");
      else if (needed > ACTIVITY_LIMITS.maxNeeded) issue(ctx, at("neededCount"), "events:errors.tooMany");
    });
  });

export type ActivityFormInput = z.input<typeof ActivityFormSchema>;
export type ActivityFormValues = z.output<typeof ActivityFormSchema>;

/** What the server commands take: instants, cents and numbers, decided from valid form values. */
export interface ActivityInput {
  title: string;
  description: string;
  originalLanguage: UiLocale;
  categoryId: number;
  neighbourhoodId: number;
  place: string;
  placeId: number | null;
  startsAt: number;
  endsAt: number;
  recurrence: "none" | "weekly";
  recurrenceUntil: string | null;
  languages: Language[];
  accessibility: string;
  targetGroup: string;
  costCents: number;
  participantPlaces: number;
  participantsRegistered: number;
  /** Rows in form order; `index` is the row's position in the form (for error paths). */
  shifts: ShiftInput[];
  /** Existing shifts marked for removal, with their row in the form. */
  removeShifts: { id: number; index: number }[];
}

export interface ShiftInput {
  index: number;
  id: number | null;
  title: string;
  startsAt: number;
  endsAt: number;
  neededCount: number;
  requiresCertificate: boolean;
}

/** Valid form values → command input (call only after ActivityFormSchema accepted them). */
export function toActivityInput(v: ActivityFormValues): ActivityInput {
  const shifts: ShiftInput[] = [];
  const removeShifts: { id: number; index: number }[] = [];
  v.shifts.forEach((row, index) => {
    const id = row.id ? Number(row.id) : null;
    if (row.remove) {
      if (id !== null) removeShifts.push({ id, index });
      return;
    }
    if (isBlankShiftRow(row)) return;
    shifts.push({
      index,
      id,
      title: row.title,
      startsAt: parseLocalDateTime(row.startsAt)!,
      endsAt: parseLocalDateTime(row.endsAt)!,
      neededCount: Number(row.neededCount),
      requiresCertificate: row.requiresCertificate,
    });
  });
  return {
    title: v.title,
    description: v.description,
    originalLanguage: v.originalLanguage,
    categoryId: Number(v.categoryId),
    neighbourhoodId: Number(v.neighbourhoodId),
    place: v.place,
    placeId: v.placeId ? Number(v.placeId) : null,
    startsAt: parseLocalDateTime(v.startsAt)!,
    endsAt: parseLocalDateTime(v.endsAt)!,
    recurrence: v.weekly ? "weekly" : "none",
    recurrenceUntil: v.weekly ? v.recurrenceUntil : null,
    languages: [...new Set(v.languages)],
    accessibility: v.accessibility,
    targetGroup: v.targetGroup,
    costCents: v.cost ? Math.round(Number(v.cost.replace(",", ".")) * 100) : 0,
    participantPlaces: Number(v.participantPlaces || 0),
    participantsRegistered: Number(v.participantsRegistered || 0),
    shifts,
    removeShifts,
  };
}

/** Cancelling tells everyone signed up: the organiser ticks that they mean it. */
export const CancelActivitySchema = z.object({
  confirm: z.preprocess(
    (v) => v === true || v === "on" || v === "true",
    z.literal(true, { errorMap: () => ({ message: "events:errors.confirmCancel" }) }),
  ),
});

// ---- translations ---------------------------------------------------------------------------------

/** `reviewed`: a person ticked that the machine draft in this language is right. */
const TranslationSchema = z.object({
  title: text(120),
  description: text(5000),
  reviewed: checkbox.optional(),
});

/** Title and description per UI language; both empty = no translation for that language. */
export const TranslationsFormSchema = z
  .object({ translations: z.record(z.enum(UI_LOCALE), TranslationSchema).default({}) })
  .superRefine((v, ctx) => {
    for (const [locale, t] of Object.entries(v.translations)) {
      if (!t || (!t.title && !t.description)) continue;
      if (!t.title) issue(ctx, ["translations", locale, "title"], "events:errors.translationIncomplete");
      else if (t.title.length < 3) issue(ctx, ["translations", locale, "title"], "events:errors.titleShort");
      if (!t.description)
        issue(ctx, ["translations", locale, "description"], "events:errors.translationIncomplete");
    }
  });
export type TranslationsFormValues = z.output<typeof TranslationsFormSchema>;
