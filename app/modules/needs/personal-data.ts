/**
 * Finds personal data of a newcomer in free text: the hub must not hold names, phone numbers, e-mail
 * addresses, dates of birth or street addresses of the people a need is about (data minimisation,
 * GDPR art. 5 and 25). Contact goes through the coordinator. Pure: used by the form and the action.
 */
export type PersonalDataKind =
  | "phone"
  | "email"
  | "birthdate"
  | "address"
  | "name"
  | "nationality"
  | "health";

export interface PersonalDataFinding {
  kind: PersonalDataKind;
  match: string;
  index: number;
}

// Every repetition is bounded: an unbounded one before a part that can fail makes the search quadratic in
// the text's length (40,000 letters took 8 s), a bounded one keeps it linear. The bounds are those of
// the things searched for: an e-mail address has at most 64 characters before the @ and 253 after it.
const EMAIL = /[\p{L}0-9._%+-]{1,64}@[\p{L}0-9-]{1,63}(?:\.[\p{L}0-9-]{1,63}){0,8}\.\p{L}{2,24}/gu;
// +49 209 123456, 0049-170-1234567, 0170 1234567, 0209/12 34 56, (0209) 123456: 7+ digits in all.
const PHONE = /(?:\+|00)\d[\d\s/().-]{6,30}\d|\(?0\d{2,5}\)?[\s/.-]{0,3}\d[\d\s/.-]{4,30}\d/g;
const BIRTH_WORD =
  /\b(?:geb\.|geboren|geburtsdatum|geburtstag|jahrgang|date of birth|born|dob)\s*(?:am|on|:)?\s*/iu;
const FULL_DATE = /\b(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4}|\d{2})\b|\b(\d{4})-(\d{2})-(\d{2})\b/g;
const STREET =
  /\b[\p{Lu}][\p{L}-]{0,40}(?:straße|strasse|str\.|weg|platz|allee|gasse|ring|damm|ufer|chaussee|pfad|hof)\s{1,3}\d{1,4}\s?[a-zA-Z]?\b/gu;
const STREET_SEPARATE =
  /\b(?:Am|An der|Auf dem|Im|In der|Zum|Zur)\s{1,3}[\p{Lu}][\p{L}-]{1,40}\s{1,3}\d{1,4}\s?[a-zA-Z]?\b/gu;
const POSTCODE_CITY = /\b\d{5}\s{1,3}[\p{Lu}][\p{L}-]{2,40}/gu;

// About a household (an arrival), not a need: no names, no nationality, no health data (GDPR art. 9).
// Word lists, not a model of language: they catch what a coordinator might type into a note, and the
// form says why. Country names and unambiguous demonyms only: language names (Ukrainian, Turkish, Somali,
// Kurdish …) are fine, a household's languages are recorded anyway. Each alternative is a bounded word.
const NAME =
  /\b(?:Herr|Frau|Hr\.|Fr\.|Mr\.?|Mrs\.?|Ms\.?|Familie|Family|Name:?|namens|heißt|heisst|called)\s{1,3}\p{Lu}[\p{Ll}'-]{1,40}/gu;
const NATIONALITY =
  /\b(?:staatsangehörigkeit|staatsbürgerschaft|nationalität|herkunftsland|nationality|citizenship|country of origin|syrien|syrer(?:in)?|syrisch\p{L}{0,3}|syria|syrian|afghanistan|afghan(?:e|in|isch\p{L}{0,3})?|irak|iraker(?:in)?|irakisch\p{L}{0,3}|iraq|iraqi|iran|iraner(?:in)?|iranisch\p{L}{0,3}|iranian|ukraine|ukrainer(?:in)?|türkei|turkey|eritrea|eritreer(?:in)?|eritreisch\p{L}{0,3}|eritrean|somalia|somalier(?:in)?|nigeria|nigerianer(?:in)?|nigerian|guinea|georgien|georgier(?:in)?|russland|russia|albanien|albania|kosovo|serbien|serbia|libanon|lebanon|jemen|yemen|sudan|pakistan|moldau|moldawien|moldova|venezuela|kolumbien|colombia|tschetschen\p{L}{0,4})\b/giu;
const HEALTH =
  /\b(?:krank(?!enkasse|enversicherung)\p{L}{0,12}|erkrank\p{L}{0,8}|diabet\p{L}{0,6}|asthma|epilep\p{L}{0,6}|schwanger\p{L}{0,8}|behinder\p{L}{0,8}|rollstuhl\p{L}{0,6}|trauma\p{L}{0,8}|ptbs|ptsd|depress\p{L}{0,6}|psychisch\p{L}{0,3}|psychiatr\p{L}{0,6}|hiv|aids|hepatitis|tuberkulose|tbc|krebs|tumor|dialyse|insulin|medikament\p{L}{0,4}|chronisch\p{L}{0,3}|pflegegrad|pflegebedürftig\p{L}{0,3}|gehörlos\p{L}{0,3}|allergi\p{L}{0,4}|geimpft|ungeimpft|impfstatus|impfung\p{L}{0,2}|sick|illness|pregnan\p{L}{0,3}|disabled|disability|wheelchair|diabetes|cancer|medication|vaccinated|unvaccinated)\b/giu;

function digitsIn(value: string): number {
  return value.replace(/\D/g, "").length;
}

export interface FindOptions {
  /**
   * The text is about a household (an arrival): names, nationality and health data are refused too.
   * Needs may say "a family from Syria"; an arrival's only identity is its code.
   */
  household?: boolean;
}

export function findPersonalData(
  text: string,
  now: Date = new Date(),
  options: FindOptions = {},
): PersonalDataFinding[] {
  const findings: PersonalDataFinding[] = [];
  const add = (kind: PersonalDataKind, match: RegExpMatchArray) =>
    findings.push({ kind, match: match[0].trim(), index: match.index ?? 0 });

  for (const m of text.matchAll(EMAIL)) add("email", m);
  const withoutEmails = text.replace(EMAIL, (s) => " ".repeat(s.length));

  for (const m of withoutEmails.matchAll(FULL_DATE)) {
    const year = Number(m[3] ?? m[4]);
    const fullYear = m[3] && m[3].length === 2 ? 1900 + year : year;
    const before = withoutEmails.slice(Math.max(0, (m.index ?? 0) - 30), m.index);
    // A full date long in the past is a birth date; an appointment this year or next is fine.
    const birthWordBefore = BIRTH_WORD.test(before);
    if (birthWordBefore || fullYear < now.getFullYear() - 1) add("birthdate", m);
  }
  const withoutDates = withoutEmails.replace(FULL_DATE, (s) => " ".repeat(s.length));

  for (const m of withoutDates.matchAll(PHONE)) {
    if (digitsIn(m[0]) >= 7) add("phone", m);
  }
  for (const m of text.matchAll(STREET)) add("address", m);
  for (const m of text.matchAll(STREET_SEPARATE)) add("address", m);
  for (const m of text.matchAll(POSTCODE_CITY)) add("address", m);
  if (options.household) {
    for (const m of text.matchAll(NAME)) add("name", m);
    for (const m of text.matchAll(NATIONALITY)) add("nationality", m);
    for (const m of text.matchAll(HEALTH)) add("health", m);
  }
  return findings.sort((a, b) => a.index - b.index);
}
