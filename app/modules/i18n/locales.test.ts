import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { UI_LOCALE } from "@db/schema/enums";
import { RULES } from "~/modules/permissions/permissions";

/**
 * Keeps the UI texts complete: German (`de`) is the source and defines which namespaces and keys exist;
 * every other UI locale must have exactly the same keys, with the plural forms its language needs and the
 * same placeholders; and every German key must be used somewhere in the app.
 */

const APP_DIR = fileURLToPath(new URL("../../", import.meta.url));
const LOCALES_DIR = join(APP_DIR, "locales");
const SOURCE = "de";
const TARGETS = UI_LOCALE.filter((locale) => locale !== SOURCE);

// i18next v23 (JSON v4): `key_one`, `key_other`, … An explicit `_zero` is used for a count of 0 in every
// language, so where German has one, every locale must have one too.
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;
type PluralCategory = "zero" | "one" | "two" | "few" | "many" | "other";

/**
 * Keys built at run time, which no source file spells out. Each entry is a key prefix (`namespace:path.`);
 * German keys under it count as used. Keep this list short: a key that is only listed here is a key the
 * check cannot see.
 */
const DYNAMIC_KEY_PREFIXES: readonly string[] = [
  // `auth:kinds.${org.kind}` — organisation pages, registration, coordination (ORGANISATION_KIND)
  "auth:kinds.",
  // `common:categories.${slug}` — everywhere a category is shown (seeded category slugs)
  "common:categories.",
  // `common:languages.${code}` — language pickers and lists (LANGUAGE)
  "common:languages.",
  // refusalText(key, …) — the Express guards in server/ (body size, form type, origin, busy)
  "common:errors.refused.",
  // `audit.entityTypes.${e}` / `audit.entities.${entry.entityType}` — routes/coordination.audit.tsx and
  // components/dashboard/audit-entry.tsx (AUDIT_ENTITY)
  "dashboard:audit.entityTypes.",
  "dashboard:audit.entities.",
  // `audit.actionNames.${action.replace(".", "_")}` — the same two files (actions as stored in audit_events)
  "dashboard:audit.actionNames.",
  // `audit.detailKeys.${key}` — components/dashboard/audit-entry.tsx (keys of an audit event's details)
  "dashboard:audit.detailKeys.",
  // `audit.values.${value}` — components/dashboard/audit-entry.tsx (enum-like values of an audit event's
  // details: statuses, roles, reasons such as need_closed)
  "dashboard:audit.values.",
  // `volunteer.levels.${l.level}` — routes/volunteer._index.tsx; `profile.levels.${level}` —
  // components/volunteer-profile-form.tsx (LANGUAGE_LEVEL)
  "home:volunteer.levels.",
  "volunteer:profile.levels.",
  // `when.${code}` (code = `${weekday}_${part}`) — modules/matching/describe.ts
  "matching:when.",
  // `urgency.${need.urgency}` — need cards and forms; `reports:urgency.${r.urgency}` —
  // modules/reports/report-csv.server.ts (NEED_URGENCY)
  "needs:urgency.",
  "reports:urgency.",
  // `weekdays.${d}` — components/needs/need-form.tsx and need cards; `availability.weekdays.${day}` —
  // components/choice-fields.tsx and the volunteer pages (WEEKDAY)
  "needs:weekdays.",
  "volunteer:availability.weekdays.",
  // `reports:files.${report}` — modules/reports/report-csv.server.ts (file names of the CSV downloads)
  "reports:files.",
  // `signup.errors.already_${error.status}` — components/shift-signup.tsx (SIGNUP_STATUS)
  "volunteer:signup.errors.already_",
  // `system.warnings.${code}`, `system.backupStatus.${status}`, `system.afterStatus.${status}`,
  // `system.jobKinds.${kind}` — routes/admin.system.tsx (SystemWarning, BACKUP_STATUS, job kinds)
  "operations:system.warnings.",
  "operations:system.backupStatus.",
  "operations:system.afterStatus.",
  "operations:system.jobKinds.",
  // `import.columns.${field}`, `import.help.${field}`, `import.problems.${code}`, `import.errors.${error}` —
  // routes/coordination.import.tsx (IMPORT_FIELDS, RowProblem codes, spreadsheet errors)
  "operations:import.columns.",
  "operations:import.help.",
  "operations:import.problems.",
  "operations:import.errors.",
  // `hours.source.${e.source}` — routes/volunteer.hours.tsx (HOURS_SOURCE)
  "volunteer:hours.source.",
  // `translationHelp.problems.${problem}` — components/machine-translation.tsx (DRAFT_PROBLEMS)
  "common:translationHelp.problems.",
  // Arrivals: `ageGroups.${g}` (AGE_GROUP), `levels.${l}` (LANGUAGE_LEVEL), `states.${s}` (STEP_STATES),
  // `urgency.${u}` (ARRIVAL_URGENCY), `notices.${n}` — components/arrivals/*; `filter.statusOptions.${s}` —
  // routes/coordination.arrivals._index.tsx; `errors.personalData.${kind}` — modules/arrivals/arrival.schema.ts
  "arrivals:ageGroups.",
  "arrivals:levels.",
  "arrivals:states.",
  "arrivals:urgency.",
  "arrivals:notices.",
  "arrivals:filter.statusOptions.",
  "arrivals:errors.personalData.",
];

type Flat = Map<string, unknown>;

function flatten(value: unknown, prefix = "", out: Flat = new Map()): Flat {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) flatten(child, prefix ? `${prefix}.${key}` : key, out);
  } else {
    out.set(prefix, value);
  }
  return out;
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, "utf8"));
}

function namespaces(locale: string): string[] {
  return readdirSync(join(LOCALES_DIR, locale))
    .filter((file) => file.endsWith(".json"))
    .map((file) => file.slice(0, -".json".length))
    .sort();
}

/** German keys of one namespace: plain keys, and plural bases with the forms German gives. */
interface SourceKeys {
  plain: Flat;
  plurals: Map<string, Map<PluralCategory, string>>;
  /** Keys with a plural suffix whose base has no `_other`: i18next cannot pluralise them. */
  brokenPlurals: string[];
}

function sourceKeys(namespace: string): SourceKeys {
  const flat = flatten(readJson(join(LOCALES_DIR, SOURCE, `${namespace}.json`)));
  const plain: Flat = new Map();
  const plurals = new Map<string, Map<PluralCategory, string>>();
  const brokenPlurals: string[] = [];
  for (const [key, value] of flat) {
    const match = PLURAL_SUFFIX.exec(key);
    const base = match ? key.slice(0, match.index) : key;
    if (match && flat.has(`${base}_other`)) {
      if (!plurals.has(base)) plurals.set(base, new Map());
      plurals.get(base)!.set(match[1] as PluralCategory, String(value));
    } else {
      if (match) brokenPlurals.push(key);
      plain.set(key, value);
    }
  }
  return { plain, plurals, brokenPlurals };
}

function requiredCategories(locale: string, germanForms: Map<PluralCategory, string>): Set<PluralCategory> {
  const required = new Set(
    new Intl.PluralRules(locale).resolvedOptions().pluralCategories as PluralCategory[],
  );
  if (germanForms.has("zero")) required.add("zero");
  return required;
}

/** Categories that stand for more than one number in a language: their text must show the count. */
function multiNumberCategories(locale: string): Set<PluralCategory> {
  const rules = new Intl.PluralRules(locale);
  const numbers = new Map<string, Set<number>>();
  const samples = [...Array.from({ length: 1001 }, (_, n) => n), 0.5, 1.5, 2.5, 10.5, 21.5];
  for (const n of samples) {
    const category = rules.select(n);
    if (!numbers.has(category)) numbers.set(category, new Set());
    numbers.get(category)!.add(n);
  }
  return new Set(
    [...numbers].filter(([, ns]) => ns.size > 1).map(([category]) => category as PluralCategory),
  );
}

const placeholders = (text: string): string[] =>
  [...new Set([...text.matchAll(/\{\{\s*([^}]+?)\s*\}\}/g)].map((m) => m[1]!))].sort();
// Components of <Trans> (`<exportLink>…</exportLink>`) and inline markup such as <strong>.
const tags = (text: string): string[] => [...new Set(text.match(/<\/?[A-Za-z][\w-]*\s*\/?>/g) ?? [])].sort();
const withoutCount = (names: string[]): string[] => names.filter((name) => name !== "count");

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) {
      if (path !== LOCALES_DIR) sourceFiles(path, out);
    } else if (/\.tsx?$/.test(entry) && !/\.test\.tsx?$/.test(entry)) {
      out.push(path);
    }
  }
  return out;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

const NAMESPACES = namespaces(SOURCE);

describe("German locale files", () => {
  it("are all declared for typed keys (modules/i18n/i18next.d.ts)", () => {
    const declaration = readFileSync(join(APP_DIR, "modules/i18n/i18next.d.ts"), "utf8");
    const declared = [...declaration.matchAll(/^\s+([a-z]+): typeof \1;$/gm)].map((m) => m[1]).sort();
    expect(declared).toEqual(NAMESPACES);
  });

  it.each(NAMESPACES)("%s: every plural key has an _other form", (namespace) => {
    expect(sourceKeys(namespace).brokenPlurals).toEqual([]);
  });

  it.each(NAMESPACES)("%s: plural forms agree on their placeholders", (namespace) => {
    const problems: string[] = [];
    for (const [base, forms] of sourceKeys(namespace).plurals) {
      const other = withoutCount(placeholders(forms.get("other")!));
      for (const [category, text] of forms) {
        const names = withoutCount(placeholders(text));
        if (names.join() !== other.join())
          problems.push(`${base}_${category}: {${names}} but _other has {${other}}`);
      }
    }
    expect(problems).toEqual([]);
  });
});

describe.each(TARGETS)("locale %s", (locale) => {
  const multiNumber = multiNumberCategories(locale);

  it("has a file for every German namespace and none that German lacks", () => {
    expect(namespaces(locale)).toEqual(NAMESPACES);
  });

  it.each(NAMESPACES)(
    "%s: same keys as German, with every plural form and the same placeholders",
    (namespace) => {
      const file = join(LOCALES_DIR, locale, `${namespace}.json`);
      if (!existsSync(file)) throw new Error(`${locale}/${namespace}.json is missing`);
      const german = sourceKeys(namespace);
      const translated = flatten(readJson(file));
      const problems: string[] = [];

      const compare = (key: string, text: unknown, source: string, countRequired: boolean): void => {
        if (typeof text !== "string" || text.trim() === "") {
          problems.push(`${key}: empty or not a text`);
          return;
        }
        const want = placeholders(source);
        const got = placeholders(text);
        const isPlural = PLURAL_SUFFIX.test(key) && !german.plain.has(key);
        if (isPlural) {
          if (withoutCount(got).join() !== withoutCount(want).join()) {
            problems.push(`${key}: placeholders {${got}} but German has {${want}}`);
          }
          if (countRequired && !got.includes("count")) problems.push(`${key}: must show {{count}}`);
        } else if (got.join() !== want.join()) {
          problems.push(`${key}: placeholders {${got}} but German has {${want}}`);
        }
        if (tags(text).join() !== tags(source).join()) {
          problems.push(`${key}: markup ${tags(text).join(" ")} but German has ${tags(source).join(" ")}`);
        }
      };

      for (const [key, source] of german.plain) {
        if (!translated.has(key)) problems.push(`${key}: missing`);
        else compare(key, translated.get(key), String(source), false);
      }
      for (const [base, forms] of german.plurals) {
        const other = forms.get("other")!;
        const germanShowsCount = placeholders(other).includes("count");
        for (const category of requiredCategories(locale, forms)) {
          const key = `${base}_${category}`;
          if (!translated.has(key)) problems.push(`${key}: missing`);
          else compare(key, translated.get(key), other, germanShowsCount && multiNumber.has(category));
        }
      }
      for (const key of translated.keys()) {
        const match = PLURAL_SUFFIX.exec(key);
        const base = match ? key.slice(0, match.index) : key;
        const forms = german.plurals.get(base);
        const known =
          german.plain.has(key) ||
          (forms && requiredCategories(locale, forms).has(match![1] as PluralCategory));
        if (!known) problems.push(`${key}: German has no such key`);
      }

      expect(problems).toEqual([]);
    },
  );
});

describe("German keys are used", () => {
  const source = sourceFiles(APP_DIR)
    .map((file) => readFileSync(file, "utf8"))
    .join("\n");

  it.each(NAMESPACES)("%s: every key is referenced in app/ or built from a listed prefix", (namespace) => {
    const { plain, plurals } = sourceKeys(namespace);
    const unused = [...plain.keys(), ...plurals.keys()].filter((key) => {
      if (DYNAMIC_KEY_PREFIXES.some((prefix) => `${namespace}:${key}`.startsWith(prefix))) return false;
      if (source.includes(key)) return false;
      // The last segment as a string of its own or at the end of a key path: t("title") under a key
      // prefix, `…${x}.title`, "ns:path.title".
      const last = key.slice(key.lastIndexOf(".") + 1);
      return !new RegExp(`["'\`.:]${escapeRegExp(last)}["'\`]`).test(source);
    });
    expect(unused).toEqual([]);
  });

  it('every written-out "namespace:key" names a German key (messages that travel as data)', () => {
    // Validation messages, server refusals and notices are strings ("auth:errors.emailTaken") that the
    // compiler cannot check; a typo would show the raw key. Template literals are covered by the prefixes.
    const known = new Set(
      NAMESPACES.flatMap((namespace) => {
        const { plain, plurals } = sourceKeys(namespace);
        return [...plain.keys(), ...plurals.keys()].map((key) => `${namespace}:${key}`);
      }),
    );
    const literal = new RegExp(`["'](?:${NAMESPACES.join("|")}):[A-Za-z0-9_.-]+["']`, "g");
    const unknown = [...new Set(source.match(literal) ?? [])]
      .map((quoted) => quoted.slice(1, -1))
      // Permission names ("settings:manage") look alike but are no texts.
      .filter((key) => !(key in RULES))
      .filter((key) => !known.has(key) && !DYNAMIC_KEY_PREFIXES.some((prefix) => key.startsWith(prefix)));
    expect(unknown).toEqual([]);
  });

  it("lists only prefixes that exist in German", () => {
    const keys = NAMESPACES.flatMap((namespace) =>
      [...sourceKeys(namespace).plain.keys(), ...sourceKeys(namespace).plurals.keys()].map(
        (key) => `${namespace}:${key}`,
      ),
    );
    expect(DYNAMIC_KEY_PREFIXES.filter((prefix) => !keys.some((key) => key.startsWith(prefix)))).toEqual([]);
  });
});
