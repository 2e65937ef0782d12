/**
 * The arrival form: one zod schema for the browser and the action. A household is known by counts and
 * languages only; the one free-text field, the note, is checked by the personal-data finder in its
 * household mode (no names, nationality or health data either). Messages are i18n keys of `arrivals`.
 * Field names are flat (`language2`, `level2`), so a form posted without JavaScript has the same shape.
 */
import { z } from "zod";
import {
  AGE_GROUP,
  LANGUAGE,
  LANGUAGE_LEVEL,
  type AgeGroup,
  type Language,
  type LanguageLevel,
} from "@db/schema/enums";
import { isIsoDate } from "~/modules/dashboard/periods";
import { findPersonalData, type PersonalDataKind } from "~/modules/needs/personal-data";
import { withFieldShape } from "~/utils/field-limits";
import type { AgeCounts } from "./plan";

export const NOTE_MAX = 500;
export const HOUSEHOLD_MAX = 30;
/** Rows of languages the form offers: enough for any household's languages that matter for help. */
export const LANGUAGE_ROWS = [1, 2, 3, 4] as const;
/** The form field of each age group's count. */
export const AGE_FIELDS = {
  "0_2": "age0to2",
  "3_5": "age3to5",
  "6_17": "age6to17",
  "18_64": "age18to64",
  "65_plus": "age65plus",
} as const satisfies Record<AgeGroup, string>;

/** The i18n key explaining why text of this kind may not be stored about a household. */
export function householdDataMessage(kind: PersonalDataKind): string {
  return `arrivals:errors.personalData.${kind}`;
}

const id = (message: string) =>
  z
    .string({ required_error: message, invalid_type_error: message })
    .trim()
    .regex(/^[1-9][0-9]{0,9}$/, message)
    .transform(Number);

const count = (message: string, max = HOUSEHOLD_MAX) =>
  z
    .string({ invalid_type_error: message })
    .trim()
    .max(3, message)
    .optional()
    .default("")
    .refine((v) => v === "" || /^[0-9]{1,2}$/.test(v), message)
    .transform((v) => (v === "" ? 0 : Number(v)))
    .refine((n) => n >= 0 && n <= max, message);

const choice = (values: readonly string[], message: string) =>
  z
    .string({ invalid_type_error: message })
    .trim()
    .max(Math.max(...values.map((v) => v.length)), message)
    .optional()
    .default("")
    .refine((v) => v === "" || values.includes(v), message);

const languageRows = Object.fromEntries(
  LANGUAGE_ROWS.flatMap((n) => [
    [`language${n}`, choice(LANGUAGE, "arrivals:errors.language")],
    [`level${n}`, choice(LANGUAGE_LEVEL, "arrivals:errors.level")],
  ]),
) as Record<
  `language${(typeof LANGUAGE_ROWS)[number]}` | `level${(typeof LANGUAGE_ROWS)[number]}`,
  ReturnType<typeof choice>
>;

const ArrivalFields = z.object({
  neighbourhoodId: id("arrivals:errors.neighbourhood"),
  arrivalDate: z
    .string({ required_error: "arrivals:errors.date" })
    .trim()
    .max(10, "arrivals:errors.date")
    .regex(/^\d{4}-\d{2}-\d{2}$/, "arrivals:errors.date"),
  householdSize: z
    .string({ required_error: "arrivals:errors.householdSize" })
    .trim()
    .max(3, "arrivals:errors.householdSize")
    .regex(/^[0-9]{1,2}$/, "arrivals:errors.householdSize")
    .transform(Number)
    .refine((n) => n >= 1 && n <= HOUSEHOLD_MAX, "arrivals:errors.householdSize"),
  age0to2: count("arrivals:errors.ageCount"),
  age3to5: count("arrivals:errors.ageCount"),
  age6to17: count("arrivals:errors.ageCount"),
  age18to64: count("arrivals:errors.ageCount"),
  age65plus: count("arrivals:errors.ageCount"),
  ...languageRows,
  templateIds: z.preprocess(
    (v) => (Array.isArray(v) ? v : typeof v === "string" && v !== "" ? [v] : []),
    z
      .array(
        z
          .string()
          .max(10, "arrivals:errors.steps")
          .regex(/^[1-9][0-9]{0,9}$/, "arrivals:errors.steps")
          .transform(Number),
      )
      .max(100, "arrivals:errors.steps"),
  ),
  note: z.string().trim().max(NOTE_MAX, "arrivals:errors.noteTooLong").optional().default(""),
});

type ArrivalFieldValues = z.output<typeof ArrivalFields>;

/** What recordArrival takes: checked and typed. */
export interface ArrivalInput {
  neighbourhoodId: number;
  arrivalDate: string;
  householdSize: number;
  ageCounts: AgeCounts;
  languages: { language: Language; level: LanguageLevel }[];
  templateIds: number[];
  note: string;
}

function text(raw: Record<string, unknown>, key: string): string {
  const value = raw[key];
  return typeof value === "string" ? value.trim() : "";
}

function number(raw: Record<string, unknown>, key: string): number | null {
  const value = text(raw, key);
  if (value === "") return 0;
  return /^[0-9]{1,2}$/.test(value) ? Number(value) : null;
}

/**
 * Checks across fields, on the raw values so one submit reports every problem: a real date, the age
 * groups adding up to the household, at least one language, each language once and with a level, at
 * least one step, and no personal data in the note.
 */
function crossFieldIssues(raw: Record<string, unknown>, ctx: z.RefinementCtx): void {
  const issue = (path: string, message: string) =>
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: [path], message });
  const date = text(raw, "arrivalDate");
  if (/^\d{4}-\d{2}-\d{2}$/.test(date) && !isIsoDate(date)) issue("arrivalDate", "arrivals:errors.date");

  const size = number(raw, "householdSize");
  const counts = AGE_GROUP.map((g) => number(raw, AGE_FIELDS[g]));
  if (size !== null && size > 0 && counts.every((c) => c !== null)) {
    const sum = counts.reduce<number>((a, b) => a + (b ?? 0), 0);
    if (sum !== size) issue("householdSize", "arrivals:errors.ageSum");
  }

  const seen = new Set<string>();
  for (const n of LANGUAGE_ROWS) {
    const language = text(raw, `language${n}`);
    if (language === "") continue;
    if (seen.has(language)) issue(`language${n}`, "arrivals:errors.languageTwice");
    seen.add(language);
    if (text(raw, `level${n}`) === "") issue(`level${n}`, "arrivals:errors.level");
  }
  if (seen.size === 0) issue("language1", "arrivals:errors.languageRequired");

  const steps = raw.templateIds;
  if (steps === undefined || steps === "" || (Array.isArray(steps) && steps.length === 0))
    issue("templateIds", "arrivals:errors.stepsRequired");

  const first = findPersonalData(text(raw, "note"), new Date(), { household: true })[0];
  if (first) issue("note", householdDataMessage(first.kind));
}

function toArrivalInput(v: ArrivalFieldValues): ArrivalInput {
  const rows = v as unknown as Record<string, string>;
  const languages = LANGUAGE_ROWS.flatMap((n) => {
    const language = rows[`language${n}`];
    const level = rows[`level${n}`];
    return language && level ? [{ language: language as Language, level: level as LanguageLevel }] : [];
  });
  return {
    neighbourhoodId: v.neighbourhoodId,
    arrivalDate: v.arrivalDate,
    householdSize: v.householdSize,
    ageCounts: {
      "0_2": v.age0to2,
      "3_5": v.age3to5,
      "6_17": v.age6to17,
      "18_64": v.age18to64,
      "65_plus": v.age65plus,
    },
    languages,
    templateIds: [...new Set(v.templateIds)],
    note: v.note,
  };
}

/** The arrival form: field rules and cross-field rules side by side; the output is an ArrivalInput. */
export const ArrivalFormSchema = withFieldShape(
  z
    .custom<z.input<typeof ArrivalFields>>(
      (value) => typeof value === "object" && value !== null && !Array.isArray(value),
    )
    .superRefine((raw, ctx) => {
      const fields = ArrivalFields.safeParse(raw);
      if (!fields.success) {
        for (const i of fields.error.issues)
          ctx.addIssue({ code: z.ZodIssueCode.custom, path: i.path, message: i.message });
      }
      crossFieldIssues(raw as Record<string, unknown>, ctx);
    })
    .transform((raw) => toArrivalInput(ArrivalFields.parse(raw))),
  ArrivalFields,
);

export type ArrivalFormValues = z.input<typeof ArrivalFormSchema>;

/** The checklist's actions on one step. `offerId` only for assigning an organisation. */
export const StepActionSchema = z.object({
  intent: z.enum(["done", "not-needed", "assign-organisation"], {
    errorMap: () => ({ message: "arrivals:errors.intent" }),
  }),
  stepId: id("arrivals:errors.step"),
  offerId: z
    .string()
    .trim()
    .max(10, "arrivals:errors.organisation")
    .regex(/^([1-9][0-9]{0,9})?$/, "arrivals:errors.organisation")
    .optional()
    .default("")
    .transform((v) => (v ? Number(v) : null)),
  /** The day a step was done (marking it done); empty: the default day (see defaultDoneOn). */
  doneOn: z
    .string()
    .trim()
    .max(10, "arrivals:errors.doneOn")
    .refine((v) => v === "" || isIsoDate(v), "arrivals:errors.doneOn")
    .optional()
    .default("")
    .transform((v) => (v === "" ? null : v)),
});
