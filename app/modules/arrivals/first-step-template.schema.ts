/**
 * The first-step template form (admins): one schema for the browser and the action. Texts per UI
 * language in flat fields (`titleDe`, `descriptionUk`, …); German is required, the others follow when
 * a translation exists. Every text is checked by the personal-data finder: a template is read by
 * everyone who helps. Messages are i18n keys of `arrivals`.
 */
import { z } from "zod";
import {
  AGE_GROUP,
  LANGUAGE,
  UI_LOCALE,
  type AgeGroup,
  type Language,
  type UiLocale,
} from "@db/schema/enums";
import { findPersonalData } from "~/modules/needs/personal-data";
import { withFieldShape } from "~/utils/field-limits";

/** Room in a need's title (120) for " – A-2026-031 (Kind 12 von 12)". */
export const TEMPLATE_TITLE_MAX = 80;
export const TEMPLATE_DESCRIPTION_MAX = 1200;
export const LEAD_DAYS_MAX = 180;

export type TextFieldName = `${"title" | "description"}${Capitalize<UiLocale>}`;

/** `titleDe`, `descriptionAr`, … */
export function textField(kind: "title" | "description", locale: UiLocale): TextFieldName {
  return `${kind}${locale.charAt(0).toUpperCase()}${locale.slice(1)}` as TextFieldName;
}

const checkbox = z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean());

const list = <T extends string>(values: readonly [T, ...T[]], message: string) =>
  z.preprocess(
    (v) => (Array.isArray(v) ? v : typeof v === "string" && v !== "" ? [v] : []),
    z.array(z.enum(values, { errorMap: () => ({ message }) })).max(values.length, message),
  );

const whole = (max: number, message: string) =>
  z
    .string({ required_error: message, invalid_type_error: message })
    .trim()
    .max(4, message)
    .regex(/^[0-9]{1,4}$/, message)
    .transform(Number)
    .refine((n) => n <= max, message);

const texts = Object.fromEntries(
  UI_LOCALE.flatMap((locale) => [
    [
      textField("title", locale),
      z
        .string()
        .trim()
        .max(TEMPLATE_TITLE_MAX, "arrivals:errors.templateTitleTooLong")
        .optional()
        .default(""),
    ],
    [
      textField("description", locale),
      z
        .string()
        .trim()
        .max(TEMPLATE_DESCRIPTION_MAX, "arrivals:errors.templateDescriptionTooLong")
        .optional()
        .default(""),
    ],
  ]),
) as Record<TextFieldName, z.ZodDefault<z.ZodOptional<z.ZodString>>>;

const TemplateFields = z.object({
  categoryId: z
    .string({ required_error: "arrivals:errors.category" })
    .trim()
    .max(10, "arrivals:errors.category")
    .regex(/^[1-9][0-9]{0,9}$/, "arrivals:errors.category")
    .transform(Number),
  leadDays: whole(LEAD_DAYS_MAX, "arrivals:errors.leadDays"),
  startTime: z
    .string({ required_error: "arrivals:errors.time" })
    .trim()
    .max(5, "arrivals:errors.time")
    .regex(/^([01]\d|2[0-3]):([0-5]\d)$/, "arrivals:errors.time"),
  durationMinutes: whole(600, "arrivals:errors.duration").refine((n) => n >= 15, "arrivals:errors.duration"),
  perPerson: checkbox,
  ageGroups: list(AGE_GROUP, "arrivals:errors.ageGroups"),
  requiresCertificate: checkbox,
  usesHouseholdLanguages: checkbox,
  languages: list(LANGUAGE, "arrivals:errors.language"),
  defaultSelected: checkbox,
  active: checkbox,
  sortOrder: whole(999, "arrivals:errors.sortOrder"),
  ...texts,
});

type TemplateFieldValues = z.output<typeof TemplateFields>;

export interface TemplateInput {
  categoryId: number;
  leadDays: number;
  startMinute: number;
  durationMinutes: number;
  perPerson: boolean;
  ageGroups: AgeGroup[];
  requiresCertificate: boolean;
  usesHouseholdLanguages: boolean;
  languages: Language[];
  defaultSelected: boolean;
  active: boolean;
  sortOrder: number;
  /** German always; other languages where both title and description are given. */
  texts: Partial<Record<UiLocale, { title: string; description: string }>>;
}

function text(raw: Record<string, unknown>, key: string): string {
  const value = raw[key];
  return typeof value === "string" ? value.trim() : "";
}

function minutesOf(time: string): number {
  const [h, m] = time.split(":").map(Number) as [number, number];
  return h * 60 + m;
}

function crossFieldIssues(raw: Record<string, unknown>, ctx: z.RefinementCtx): void {
  const issue = (path: string, message: string) =>
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: [path], message });
  if (text(raw, "titleDe").length < 3) issue("titleDe", "arrivals:errors.templateTitleRequired");
  if (text(raw, "descriptionDe").length < 10)
    issue("descriptionDe", "arrivals:errors.templateDescriptionRequired");
  for (const locale of UI_LOCALE) {
    const title = text(raw, textField("title", locale));
    const description = text(raw, textField("description", locale));
    if (locale !== "de" && (title === "") !== (description === "")) {
      issue(
        title === "" ? textField("title", locale) : textField("description", locale),
        "arrivals:errors.translationIncomplete",
      );
    }
    for (const [field, value] of [
      [textField("title", locale), title],
      [textField("description", locale), description],
    ] as const) {
      const first = findPersonalData(value)[0];
      if (first) issue(field, `needs:errors.personalData.${first.kind}`);
    }
  }
  const perPerson = raw.perPerson === true || raw.perPerson === "on" || raw.perPerson === "true";
  const groups = raw.ageGroups;
  const hasGroups = Array.isArray(groups) ? groups.length > 0 : typeof groups === "string" && groups !== "";
  if (perPerson && !hasGroups) issue("ageGroups", "arrivals:errors.perPersonNeedsGroups");
  const time = text(raw, "startTime");
  const duration = text(raw, "durationMinutes");
  if (/^([01]\d|2[0-3]):([0-5]\d)$/.test(time) && /^[0-9]{1,4}$/.test(duration)) {
    if (minutesOf(time) + Number(duration) > 24 * 60) issue("durationMinutes", "arrivals:errors.sameDay");
  }
}

function toTemplateInput(v: TemplateFieldValues): TemplateInput {
  const values = v as unknown as Record<string, string>;
  const texts: TemplateInput["texts"] = {};
  for (const locale of UI_LOCALE) {
    const title = values[textField("title", locale)] ?? "";
    const description = values[textField("description", locale)] ?? "";
    if (title && description) texts[locale] = { title, description };
  }
  return {
    categoryId: v.categoryId,
    leadDays: v.leadDays,
    startMinute: minutesOf(v.startTime),
    durationMinutes: v.durationMinutes,
    perPerson: v.perPerson,
    ageGroups: [...new Set(v.ageGroups)],
    requiresCertificate: v.requiresCertificate,
    usesHouseholdLanguages: v.usesHouseholdLanguages,
    languages: [...new Set(v.languages)],
    defaultSelected: v.defaultSelected,
    active: v.active,
    sortOrder: v.sortOrder,
    texts,
  };
}

export const TemplateFormSchema = withFieldShape(
  z
    .custom<z.input<typeof TemplateFields>>(
      (value) => typeof value === "object" && value !== null && !Array.isArray(value),
    )
    .superRefine((raw, ctx) => {
      const fields = TemplateFields.safeParse(raw);
      if (!fields.success) {
        for (const i of fields.error.issues)
          ctx.addIssue({ code: z.ZodIssueCode.custom, path: i.path, message: i.message });
      }
      crossFieldIssues(raw as Record<string, unknown>, ctx);
    })
    .transform((raw) => toTemplateInput(TemplateFields.parse(raw))),
  TemplateFields,
);

export type TemplateFormValues = z.input<typeof TemplateFormSchema>;

/** The template list's one-click actions. */
export const TemplateListActionSchema = z.object({
  intent: z.enum(["install-defaults"], { errorMap: () => ({ message: "arrivals:errors.intent" }) }),
});

/** The values of a new template's form: a household step a week after arrival, at 9:00 for two hours. */
export const NEW_TEMPLATE_VALUES: Record<string, string | string[]> = {
  categoryId: "",
  leadDays: "7",
  startTime: "09:00",
  durationMinutes: "120",
  perPerson: "",
  ageGroups: [],
  requiresCertificate: "",
  usesHouseholdLanguages: "on",
  languages: [],
  defaultSelected: "on",
  active: "on",
  sortOrder: "100",
  ...Object.fromEntries(
    UI_LOCALE.flatMap((locale) => [
      [textField("title", locale), ""],
      [textField("description", locale), ""],
    ]),
  ),
};
