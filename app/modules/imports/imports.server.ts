/**
 * Onboarding from spreadsheets (docs/decisions/071-spreadsheet-import.md): upload → preview with a
 * clear problem next to each bad row → confirm. The file is kept between the two steps, so what is
 * imported is exactly what was previewed (read again and checked again against the database of that
 * moment); the import is one transaction with its audit entries.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@db/client";
import {
  categories,
  eventLanguages,
  events,
  neighbourhoods,
  organisationNeighbourhoods,
  organisations,
  spreadsheetImports,
} from "@db/schema";
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
import { recordAudit } from "~/modules/audit/audit.server";
import type { AuthUser } from "~/modules/auth/auth-user";
import { slugify } from "~/modules/organisations/registration.server";
import { can } from "~/modules/permissions/permissions";
import { nextWeeklyOccurrence, zonedTimeToInstant, zonedIsoDate } from "~/utils/time";
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
function existingOrganisations(db: Pick<Db, "select">, names: ReadonlySet<string>): Map<string, number> {
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

export type ConfirmOutcome =
  | { ok: true; organisationsCreated: number; activitiesCreated: number }
  | { ok: false; error: "notFound" | "problems"; preview?: ImportPreview };

/** "16:30" on the next given ISO weekday (today counts when the time is still ahead), Berlin time. */
function firstOccurrence(
  weekday: number,
  from: string,
  to: string,
  now: number,
): { startsAt: number; endsAt: number } {
  const today = zonedIsoDate(now);
  const [y, m, d] = today.split("-").map(Number) as [number, number, number];
  const todayIso = new Date(Date.UTC(y, m - 1, d)).getUTCDay() || 7;
  const offset = (weekday - todayIso + 7) % 7;
  const day = new Date(Date.UTC(y, m - 1, d + offset));
  const at = (hhmm: string) => {
    const [h, min] = hhmm.split(":").map(Number) as [number, number];
    return zonedTimeToInstant(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), h, min);
  };
  return nextWeeklyOccurrence(at(from), at(to), now, null)!;
}

/**
 * Imports a previewed file: read and checked again; any row with a problem refuses the whole import
 * (nothing changes). Otherwise one transaction creates the organisations (verified by the importer,
 * who vouches for the city's list) with their neighbourhoods, adds each row's weekly activity
 * (published), records one audit entry per neighbourhood, and drops the kept file.
 */
export async function confirmImport(
  db: Db,
  user: AuthUser,
  importId: number,
  now = Date.now(),
): Promise<ConfirmOutcome> {
  const draft = db
    .select()
    .from(spreadsheetImports)
    .where(
      and(
        eq(spreadsheetImports.id, importId),
        eq(spreadsheetImports.createdBy, user.id),
        eq(spreadsheetImports.status, "previewed"),
      ),
    )
    .get();
  if (!draft?.content || now - draft.createdAt.getTime() > DRAFT_LIFETIME_MS)
    return { ok: false, error: "notFound" };
  const outcome = await checkSpreadsheet(db, user, draft.content);
  if (!outcome.ok) return { ok: false, error: "notFound" };
  const { rows } = outcome.preview;
  if (rows.some((r) => r.problems.length > 0)) {
    return {
      ok: false,
      error: "problems",
      preview: { ...outcome.preview, importId, fileName: draft.fileName },
    };
  }

  return db.transaction(
    (tx) => {
      const names = new Set(rows.map((r) => normaliseName(r.organisation!.name)));
      const ids = existingOrganisations(tx, names);
      const existingIds = new Set(ids.values());
      const takenSlugs = new Set(
        tx
          .select({ slug: organisations.slug })
          .from(organisations)
          .all()
          .map((r) => r.slug),
      );
      const neighbourhoodLinks = new Set<string>();
      const perNeighbourhood = new Map<number, { organisations: number; activities: number }>();
      const count = (nb: number, key: "organisations" | "activities") => {
        const entry = perNeighbourhood.get(nb) ?? { organisations: 0, activities: 0 };
        entry[key] += 1;
        perNeighbourhood.set(nb, entry);
      };
      let organisationsCreated = 0;
      let activitiesCreated = 0;
      const insertOrganisation = tx
        .insert(organisations)
        .values({
          slug: sql.placeholder("slug"),
          name: sql.placeholder("name"),
          kind: sql.placeholder("kind"),
          email: sql.placeholder("email"),
          phone: sql.placeholder("phone"),
          website: sql.placeholder("website"),
          verifiedAt: new Date(now),
          verifiedBy: user.id,
        })
        .returning({ id: organisations.id })
        .prepare();
      const insertEvent = tx
        .insert(events)
        .values({
          organisationId: sql.placeholder("organisationId"),
          createdBy: user.id,
          categoryId: sql.placeholder("categoryId"),
          neighbourhoodId: sql.placeholder("neighbourhoodId"),
          title: sql.placeholder("title"),
          description: sql.placeholder("description"),
          place: sql.placeholder("place"),
          startsAt: sql.placeholder("startsAt"),
          endsAt: sql.placeholder("endsAt"),
          recurrence: "weekly",
          status: "published",
          publishedAt: new Date(now),
        })
        .returning({ id: events.id })
        .prepare();

      for (const row of rows) {
        const org = row.organisation!;
        const key = normaliseName(org.name);
        let organisationId = ids.get(key);
        if (organisationId === undefined) {
          const base = slugify(org.name);
          let slug = base;
          for (let n = 2; takenSlugs.has(slug); n++) slug = `${base}-${n}`;
          takenSlugs.add(slug);
          organisationId = insertOrganisation.get({
            slug,
            name: org.name,
            kind: org.kind,
            email: org.email,
            phone: org.phone,
            website: org.website,
          })!.id;
          ids.set(key, organisationId);
          organisationsCreated += 1;
          count(org.neighbourhoodId, "organisations");
        }
        const link = `${organisationId}:${org.neighbourhoodId}`;
        if (!neighbourhoodLinks.has(link)) {
          neighbourhoodLinks.add(link);
          tx.insert(organisationNeighbourhoods)
            .values({ organisationId, neighbourhoodId: org.neighbourhoodId })
            .onConflictDoNothing()
            .run();
        }
        const activity = row.activity;
        if (!activity) continue;
        const { startsAt, endsAt } = firstOccurrence(activity.weekday, activity.from, activity.to, now);
        const eventId = insertEvent.get({
          organisationId,
          categoryId: activity.categoryId,
          neighbourhoodId: activity.neighbourhoodId,
          title: activity.title,
          description: activity.description,
          place: activity.place,
          startsAt: new Date(startsAt),
          endsAt: new Date(endsAt),
        })!.id;
        tx.insert(eventLanguages)
          .values(activity.languages.map((language) => ({ eventId, language })))
          .run();
        activitiesCreated += 1;
        count(activity.neighbourhoodId, "activities");
      }

      for (const [neighbourhoodId, counts] of perNeighbourhood) {
        recordAudit(tx, {
          actorId: user.id,
          action: "organisations.imported",
          entityType: "import",
          entityId: importId,
          neighbourhoodId,
          details: { ...counts, rows: rows.length, existing: existingIds.size },
        });
      }
      tx.update(spreadsheetImports)
        .set({
          status: "imported",
          content: null,
          organisationsCreated,
          activitiesCreated,
          finishedAt: new Date(now),
        })
        .where(eq(spreadsheetImports.id, importId))
        .run();
      return { ok: true as const, organisationsCreated, activitiesCreated };
    },
    { behavior: "immediate" },
  );
}

/** A finished import of this user (ownership in the where), for the page after confirming. */
export function findFinishedImport(db: Db, userId: string, importId: number) {
  return (
    db
      .select({
        fileName: spreadsheetImports.fileName,
        organisations: spreadsheetImports.organisationsCreated,
        activities: spreadsheetImports.activitiesCreated,
      })
      .from(spreadsheetImports)
      .where(
        and(
          eq(spreadsheetImports.id, importId),
          eq(spreadsheetImports.createdBy, userId),
          eq(spreadsheetImports.status, "imported"),
        ),
      )
      .get() ?? null
  );
}

/** Drops a previewed file without importing it. */
export function discardImport(db: Db, user: AuthUser, importId: number, now = Date.now()): void {
  db.update(spreadsheetImports)
    .set({ status: "discarded", content: null, finishedAt: new Date(now) })
    .where(
      and(
        eq(spreadsheetImports.id, importId),
        eq(spreadsheetImports.createdBy, user.id),
        eq(spreadsheetImports.status, "previewed"),
      ),
    )
    .run();
}
