/**
 * Onboarding from spreadsheets (docs/decisions/071-spreadsheet-import.md), the first step: the upload is
 * read and checked against the database, and each bad row gets a clear problem beside it. Confirming:
 * imports.server.ts.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@db/client";
import { categories, neighbourhoods, organisations, spreadsheetImports } from "@db/schema";
import arAuth from "~/locales/ar/auth.json";
import arCommon from "~/locales/ar/common.json";
import arNeeds from "~/locales/ar/needs.json";
import deAuth from "~/locales/de/auth.json";
import deCommon from "~/locales/de/common.json";
import deNeeds from "~/locales/de/needs.json";
import enAuth from "~/locales/en/auth.json";
import enCommon from "~/locales/en/common.json";
import enNeeds from "~/locales/en/needs.json";
import trAuth from "~/locales/tr/auth.json";
import trCommon from "~/locales/tr/common.json";
import trNeeds from "~/locales/tr/needs.json";
import ukAuth from "~/locales/uk/auth.json";
import ukCommon from "~/locales/uk/common.json";
import ukNeeds from "~/locales/uk/needs.json";
import type { AuthUser } from "~/modules/auth/auth-user";
import { can } from "~/modules/permissions/permissions";
import {
  mapHeader,
  nameMaps,
  normaliseName,
  validateRows,
  type ImportRow,
  type ReferenceData,
} from "./import-rows";
import { readSpreadsheet, type SpreadsheetError } from "./spreadsheet.server";

/** A previewed file not confirmed within a day is dropped (with the organisations' data it holds). */
export const DRAFT_LIFETIME_MS = 24 * 60 * 60 * 1000;

const NAMES = nameMaps({
  kinds: [deAuth.kinds, enAuth.kinds, ukAuth.kinds, arAuth.kinds, trAuth.kinds],
  languages: [
    deCommon.languages,
    enCommon.languages,
    ukCommon.languages,
    arCommon.languages,
    trCommon.languages,
  ],
  weekdays: [deNeeds.weekdays, enNeeds.weekdays, ukNeeds.weekdays, arNeeds.weekdays, trNeeds.weekdays],
});

const CATEGORY_NAMES = [deCommon, enCommon, ukCommon, arCommon, trCommon].map(
  (c) => c.categories as Record<string, string>,
);

function referenceData(db: Db): ReferenceData {
  const nbs = new Map<string, number>();
  for (const nb of db
    .select({ id: neighbourhoods.id, slug: neighbourhoods.slug, name: neighbourhoods.name })
    .from(neighbourhoods)
    .all()) {
    nbs.set(normaliseName(nb.name), nb.id);
    nbs.set(normaliseName(nb.slug), nb.id);
  }
  const cats = new Map<string, number>();
  for (const c of db
    .select({ id: categories.id, slug: categories.slug, name: categories.name })
    .from(categories)
    .where(eq(categories.active, true))
    .all()) {
    cats.set(normaliseName(c.name), c.id);
    cats.set(normaliseName(c.slug), c.id);
    for (const names of CATEGORY_NAMES) if (names[c.slug]) cats.set(normaliseName(names[c.slug]!), c.id);
  }
  return { ...NAMES, neighbourhoods: nbs, categories: cats };
}

export interface ImportPreview {
  importId: number;
  fileName: string;
  format: "xlsx" | "csv";
  encoding: string | null;
  /** Column titles the import did not recognise (ignored). */
  ignoredColumns: string[];
  rows: ImportRow[];
  /** Organisations the file would create, and those it adds activities to (they exist already). */
  newOrganisations: number;
  existingOrganisations: number;
  activities: number;
  problemRows: number;
}

export type ReadOutcome =
  | { ok: true; preview: Omit<ImportPreview, "importId" | "fileName"> }
  | { ok: false; error: SpreadsheetError | "noNameColumn" };

/** Reads and checks a file against the database now, for this user. */
export async function checkSpreadsheet(db: Db, user: AuthUser, bytes: Uint8Array): Promise<ReadOutcome> {
  const sheet = await readSpreadsheet(bytes);
  if (!sheet.ok) return sheet;
  const [header, ...data] = sheet.rows as [string[], ...string[][]];
  const { columns, ignored } = mapHeader(header);
  if (columns.organisation === undefined) return { ok: false, error: "noNameColumn" };
  const mayImportInto = (neighbourhoodId: number) =>
    can(user, "organisations:import-into", { neighbourhoodId });
  const rows = validateRows(data, columns, referenceData(db), mayImportInto);
  const names = new Set(rows.flatMap((r) => (r.organisation ? [normaliseName(r.organisation.name)] : [])));
  const existing = existingOrganisations(db, names);
  return {
    ok: true,
    preview: {
      format: sheet.format,
      encoding: sheet.encoding,
      ignoredColumns: ignored,
      rows,
      newOrganisations: [...names].filter((n) => !existing.has(n)).length,
      existingOrganisations: [...names].filter((n) => existing.has(n)).length,
      activities: rows.filter((r) => r.activity).length,
      problemRows: rows.filter((r) => r.problems.length > 0).length,
    },
  };
}

/** Organisations already in the hub, by normalised name. */
export function existingOrganisations(
  db: Pick<Db, "select">,
  names: ReadonlySet<string>,
): Map<string, number> {
  const found = new Map<string, number>();
  if (names.size === 0) return found;
  for (const org of db.select({ id: organisations.id, name: organisations.name }).from(organisations).all()) {
    const key = normaliseName(org.name);
    if (names.has(key) && !found.has(key)) found.set(key, org.id);
  }
  return found;
}

/** Checks an uploaded file and keeps it for the confirmation. Old drafts are dropped on the way. */
export async function previewImport(
  db: Db,
  user: AuthUser,
  file: { name: string; bytes: Uint8Array },
  now = Date.now(),
): Promise<{ ok: true; preview: ImportPreview } | { ok: false; error: SpreadsheetError | "noNameColumn" }> {
  const outcome = await checkSpreadsheet(db, user, file.bytes);
  if (!outcome.ok) return outcome;
  const fileName =
    [...file.name.slice(0, 200)].filter((c) => c >= " " && c !== "\u007f").join("") || "import";
  const importId = db.transaction((tx) => {
    tx.update(spreadsheetImports)
      .set({ status: "discarded", content: null, finishedAt: new Date(now) })
      .where(
        and(
          eq(spreadsheetImports.status, "previewed"),
          sql`(${spreadsheetImports.createdBy} = ${user.id} or ${spreadsheetImports.createdAt} < ${now - DRAFT_LIFETIME_MS})`,
        ),
      )
      .run();
    return tx
      .insert(spreadsheetImports)
      .values({
        createdBy: user.id,
        fileName,
        content: Buffer.from(file.bytes),
        rowCount: outcome.preview.rows.length,
        createdAt: new Date(now),
      })
      .returning({ id: spreadsheetImports.id })
      .get().id;
  });
  return { ok: true, preview: { ...outcome.preview, importId, fileName } };
}
