/**
 * From rows of text to organisations and weekly activities, with one list of problems per row. Pure:
 * the reference data (neighbourhoods, categories, names of kinds and languages in every UI language)
 * is passed in, so the rules are tested without a database.
 */
import { LANGUAGE, ORGANISATION_KIND, type Language, type OrganisationKind } from "@db/schema/enums";

export const IMPORT_FIELDS = [
  "organisation",
  "kind",
  "neighbourhood",
  "contact",
  "email",
  "phone",
  "website",
  "activity",
  "category",
  "place",
  "weekday",
  "from",
  "to",
  "times",
  "languages",
  "description",
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** Column titles a city's list may use, German and English, compared without case, accents or spaces. */
const HEADER_NAMES: Record<ImportField, readonly string[]> = {
  organisation: [
    "organisation",
    "organization",
    "name",
    "verein",
    "traeger",
    "organisationsname",
    "einrichtung",
  ],
  kind: ["kind", "art", "typ", "type", "organisationsart"],
  neighbourhood: ["neighbourhood", "neighborhood", "quartier", "stadtteil", "viertel"],
  contact: ["contact", "kontakt", "ansprechpartner"],
  email: ["email", "mail", "emailadresse"],
  phone: ["phone", "telefon", "tel", "telefonnummer"],
  website: ["website", "webseite", "homepage", "internet", "url", "internetseite"],
  activity: ["activity", "activitytitle", "title", "titel", "angebot", "aktivitaet", "veranstaltung"],
  category: ["category", "kategorie", "bereich", "themenbereich"],
  place: ["place", "ort", "treffpunkt", "adresse", "address", "location"],
  weekday: ["weekday", "wochentag", "tag", "day"],
  from: ["from", "start", "von", "beginn", "uhrzeitvon"],
  to: ["to", "end", "bis", "ende", "uhrzeitbis"],
  times: ["time", "times", "zeit", "uhrzeit", "zeiten"],
  languages: ["languages", "language", "sprachen", "sprache"],
  description: ["description", "beschreibung", "info"],
};

/** "E-Mail-Adresse" → "emailadresse", "Träger" → "traeger". */
export function normaliseName(value: string): string {
  return value
    .toLowerCase()
    .replace(/ä/g, "ae")
    .replace(/ö/g, "oe")
    .replace(/ü/g, "ue")
    .replace(/ß/g, "ss")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, "");
}

export type ColumnMap = Partial<Record<ImportField, number>>;

/** Which column holds which field; unknown columns are ignored (and listed). */
export function mapHeader(header: readonly string[]): { columns: ColumnMap; ignored: string[] } {
  const columns: ColumnMap = {};
  const ignored: string[] = [];
  header.forEach((title, index) => {
    const name = normaliseName(title.slice(0, 100));
    const field = IMPORT_FIELDS.find((f) => HEADER_NAMES[f].includes(name));
    if (field && columns[field] === undefined) columns[field] = index;
    else if (title.trim()) ignored.push(title.slice(0, 100));
  });
  return { columns, ignored };
}

export interface ReferenceData {
  /** normalised name or slug → id */
  neighbourhoods: Map<string, number>;
  categories: Map<string, number>;
  /** normalised name (any UI language) or enum value → kind */
  kinds: Map<string, OrganisationKind>;
  /** normalised name (any UI language) or code → language */
  languages: Map<string, Language>;
  /** normalised names of weekdays in every UI language, Monday = 1 … Sunday = 7 */
  weekdays: Map<string, number>;
}

export interface ImportActivity {
  title: string;
  categoryId: number;
  neighbourhoodId: number;
  place: string;
  /** ISO weekday: Monday 1 … Sunday 7 */
  weekday: number;
  from: string;
  to: string;
  languages: Language[];
  description: string;
}

export interface ImportOrganisation {
  name: string;
  kind: OrganisationKind;
  neighbourhoodId: number;
  email: string | null;
  phone: string | null;
  website: string | null;
}

export interface RowProblem {
  /** i18n key under `operations:import.problems.` */
  code:
    | "nameMissing"
    | "tooLong"
    | "kindUnknown"
    | "neighbourhoodMissing"
    | "neighbourhoodUnknown"
    | "neighbourhoodNotYours"
    | "emailInvalid"
    | "phoneInvalid"
    | "websiteInvalid"
    | "categoryMissing"
    | "categoryUnknown"
    | "weekdayMissing"
    | "weekdayUnknown"
    | "timesMissing"
    | "timesInvalid"
    | "languageUnknown"
    | "conflictingOrganisation";
  field: ImportField;
  value?: string;
}

export interface ImportRow {
  /** The line in the file (the header is line 1). */
  line: number;
  organisation: ImportOrganisation | null;
  activity: ImportActivity | null;
  problems: RowProblem[];
}

const LIMITS: Partial<Record<ImportField, number>> = {
  organisation: 200,
  activity: 200,
  place: 200,
  description: 2000,
  email: 254,
  phone: 40,
  website: 300,
};
const EMAIL = /^[^\s@<>"]{1,64}@[^\s@<>"]{1,190}\.[a-z]{2,24}$/i;
const PHONE = /^\+?[0-9 ()/.-]{5,40}$/;
const TIME = /^([01]?\d|2[0-3])[:.]([0-5]\d)(?:\s*(?:uhr|h))?$/i;

function time(value: string): string | null {
  const m = TIME.exec(value.trim());
  return m ? `${m[1]!.padStart(2, "0")}:${m[2]}` : null;
}

function website(value: string): string | null {
  const withScheme = /^https?:\/\//i.test(value) ? value : `https://${value}`;
  try {
    const url = new URL(withScheme);
    if (!["http:", "https:"].includes(url.protocol) || !url.hostname.includes(".")) return null;
    return url.href;
  } catch {
    return null;
  }
}

/** Checks and maps the data rows (the header excluded). `mayImportInto` is the coordinator's scope. */
export function validateRows(
  rows: readonly (readonly string[])[],
  columns: ColumnMap,
  ref: ReferenceData,
  mayImportInto: (neighbourhoodId: number) => boolean,
): ImportRow[] {
  const organisationsByName = new Map<string, ImportOrganisation>();
  return rows.map((cells, index) => {
    const problems: RowProblem[] = [];
    const get = (field: ImportField) => {
      const i = columns[field];
      const value = i === undefined ? "" : (cells[i] ?? "").trim();
      const limit = LIMITS[field] ?? 200;
      if (value.length > limit) {
        problems.push({ code: "tooLong", field, value: String(limit) });
        return "";
      }
      return value;
    };
    const name = get("organisation");
    if (!name) problems.push({ code: "nameMissing", field: "organisation" });

    const kindText = get("kind");
    const kind = kindText ? ref.kinds.get(normaliseName(kindText)) : "initiative";
    if (!kind) problems.push({ code: "kindUnknown", field: "kind", value: kindText });

    const nbText = get("neighbourhood");
    const neighbourhoodId = nbText ? ref.neighbourhoods.get(normaliseName(nbText)) : undefined;
    if (!nbText) problems.push({ code: "neighbourhoodMissing", field: "neighbourhood" });
    else if (neighbourhoodId === undefined)
      problems.push({ code: "neighbourhoodUnknown", field: "neighbourhood", value: nbText });
    else if (!mayImportInto(neighbourhoodId))
      problems.push({ code: "neighbourhoodNotYours", field: "neighbourhood", value: nbText });

    let email: string | null = get("email") || null;
    let phone: string | null = get("phone") || null;
    const contact = get("contact");
    if (contact) {
      if (contact.includes("@")) email ??= contact;
      else phone ??= contact;
    }
    if (email && (email.length > 254 || !EMAIL.test(email)))
      problems.push({ code: "emailInvalid", field: "email", value: email });
    if (phone && !PHONE.test(phone)) problems.push({ code: "phoneInvalid", field: "phone", value: phone });
    const websiteText = get("website");
    const url = websiteText ? website(websiteText) : null;
    if (websiteText && !url) problems.push({ code: "websiteInvalid", field: "website", value: websiteText });

    let activity: ImportActivity | null = null;
    const title = get("activity");
    if (title) {
      const categoryText = get("category");
      const categoryId = categoryText ? ref.categories.get(normaliseName(categoryText)) : undefined;
      if (!categoryText) problems.push({ code: "categoryMissing", field: "category" });
      else if (categoryId === undefined)
        problems.push({ code: "categoryUnknown", field: "category", value: categoryText });

      const weekdayText = get("weekday");
      const weekday = weekdayText ? ref.weekdays.get(normaliseName(weekdayText)) : undefined;
      if (!weekdayText) problems.push({ code: "weekdayMissing", field: "weekday" });
      else if (weekday === undefined)
        problems.push({ code: "weekdayUnknown", field: "weekday", value: weekdayText });

      let fromText = get("from");
      let toText = get("to");
      const times = get("times");
      if (times && !fromText && !toText)
        [fromText = "", toText = ""] = times.split(/\s*[-–—]\s*|\s+bis\s+|\s+to\s+/i);
      const from = fromText ? time(fromText) : null;
      const to = toText ? time(toText) : null;
      if (!fromText || !toText) problems.push({ code: "timesMissing", field: "times" });
      else if (!from || !to || to <= from)
        problems.push({ code: "timesInvalid", field: "times", value: times || `${fromText}–${toText}` });

      const languages: Language[] = [];
      for (const part of get("languages").split(/[,;/|+]|\s+und\s+|\s+and\s+/i)) {
        const text = part.trim();
        if (!text) continue;
        const language = ref.languages.get(normaliseName(text));
        if (!language) problems.push({ code: "languageUnknown", field: "languages", value: text });
        else if (!languages.includes(language)) languages.push(language);
      }

      if (categoryId !== undefined && weekday !== undefined && from && to && neighbourhoodId !== undefined) {
        activity = {
          title,
          categoryId,
          neighbourhoodId,
          place: get("place"),
          weekday,
          from,
          to,
          languages: languages.length ? languages : ["de"],
          description: get("description"),
        };
      }
    }

    let organisation: ImportOrganisation | null = null;
    if (name && kind && neighbourhoodId !== undefined) {
      organisation = { name, kind, neighbourhoodId, email, phone, website: url };
      const key = normaliseName(name);
      const first = organisationsByName.get(key);
      if (!first) organisationsByName.set(key, organisation);
      else if (
        (kindText && first.kind !== kind) ||
        (email && first.email && first.email !== email) ||
        (url && first.website && first.website !== url)
      ) {
        problems.push({ code: "conflictingOrganisation", field: "organisation", value: name });
      }
    }
    return {
      line: index + 2,
      organisation: problems.length ? null : organisation,
      activity: problems.length ? null : activity,
      problems,
    };
  });
}

/** Reference maps for kinds, languages and weekdays from the translations of every UI language. */
export function nameMaps(translations: {
  kinds: Record<string, string>[];
  languages: Record<string, string>[];
  weekdays: Record<string, string>[];
}): Pick<ReferenceData, "kinds" | "languages" | "weekdays"> {
  const kinds = new Map<string, OrganisationKind>();
  for (const kind of ORGANISATION_KIND) kinds.set(normaliseName(kind), kind);
  for (const names of translations.kinds) {
    for (const [kind, label] of Object.entries(names)) {
      if ((ORGANISATION_KIND as readonly string[]).includes(kind))
        kinds.set(normaliseName(label), kind as OrganisationKind);
    }
  }
  const languages = new Map<string, Language>();
  for (const code of LANGUAGE) languages.set(code, code);
  for (const names of translations.languages) {
    for (const [code, label] of Object.entries(names)) {
      if ((LANGUAGE as readonly string[]).includes(code))
        languages.set(normaliseName(label), code as Language);
    }
  }
  const weekdays = new Map<string, number>();
  translations.weekdays.forEach((names, index) => {
    for (const [day, label] of Object.entries(names)) {
      // Translations key weekdays 0 (Monday) … 6 (Sunday); imports use ISO numbers (Monday 1 … Sunday 7).
      const iso = Number(day) + 1;
      weekdays.set(normaliseName(label), iso);
      // "Mo", "Di", "Mon", "Tue": the short forms lists use, for the first (German, English) names only —
      // in Turkish "Pazar" and "Pazartesi" would both be "pa".
      if (index < 2) {
        weekdays.set(normaliseName(label).slice(0, 2), iso);
        weekdays.set(normaliseName(label).slice(0, 3), iso);
      }
    }
  });
  for (let d = 1; d <= 7; d++) weekdays.set(String(d), d);
  return { kinds, languages, weekdays };
}
