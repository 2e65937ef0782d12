/**
 * The title and description of a step's need, in one language. Pure: the translations come in as a
 * function, so that the app (getServerT) and the seed (its own i18next instance over the same locale
 * files) write exactly the same texts.
 */
import type { AgeGroup, Language, LanguageLevel, UiLocale } from "@db/schema/enums";
import type { PlannedStep } from "./plan";

/** Texts of a template per UI language (German is always there). */
export type TemplateTexts = Partial<Record<UiLocale, { title: string; description: string }>>;

/** The text of a template in a language, falling back to German (always there). */
export function templateText(texts: TemplateTexts, locale: string): { title: string; description: string } {
  return texts[locale as UiLocale] ?? texts.de ?? { title: "", description: "" };
}

/** Everything the texts of a step's need say about the household: its code, size, date and languages. */
export interface HouseholdFacts {
  code: string;
  arrivalDate: string;
  householdSize: number;
  languages: readonly { language: Language; level: LanguageLevel }[];
}

/** A translation function of one locale and namespace (i18next's getFixedT). */
export type Translate = (key: string, options?: Record<string, unknown>) => string;
/** Gives the translation function of a locale and namespace ("arrivals", "common"). */
export type TranslatorOf = (locale: UiLocale, namespace: "arrivals" | "common") => Translate;

// One formatter per language: making one costs far more than formatting (a city's seed writes 30,000).
const dateFormats = new Map<UiLocale, Intl.DateTimeFormat>();

function formatDate(iso: string, locale: UiLocale): string {
  let format = dateFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale === "ar" ? "ar-u-nu-latn" : locale, {
      day: "numeric",
      month: "long",
      year: "numeric",
      timeZone: "UTC",
    });
    dateFormats.set(locale, format);
  }
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  return format.format(new Date(Date.UTC(y, m - 1, d)));
}

/**
 * Title and description of a step's need in one language: the template's text, the household's code
 * (and which child, for per-person steps), and one line about the household that helpers need to know.
 */
export function stepNeedTexts(
  template: { texts: TemplateTexts; ageGroups: readonly AgeGroup[] },
  step: Pick<PlannedStep, "personNumber" | "personCount">,
  household: HouseholdFacts,
  locale: UiLocale,
  translatorOf: TranslatorOf,
): { title: string; description: string } {
  const t = translatorOf(locale, "arrivals");
  const common = translatorOf(locale, "common");
  const text = templateText(template.texts, locale);
  const children =
    template.ageGroups.length > 0 && template.ageGroups.every((g) => g !== "18_64" && g !== "65_plus");
  const person =
    step.personNumber === null
      ? ""
      : ` (${t(children ? "need.child" : "need.person", { n: step.personNumber, count: step.personCount })})`;
  const languageNames = household.languages
    .map((l) => `${common(`languages.${l.language}`)} (${t(`levels.${l.level}`)})`)
    .join(", ");
  const facts = t("need.household", {
    code: household.code,
    count: household.householdSize,
    date: formatDate(household.arrivalDate, locale),
    languages: languageNames,
  });
  return {
    title: `${text.title} – ${household.code}${person}`,
    description: `${text.description}\n\n${facts}`,
  };
}
