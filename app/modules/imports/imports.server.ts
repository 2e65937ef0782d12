/**
 * Onboarding from spreadsheets (docs/decisions/071-spreadsheet-import.md): upload → preview with a
 * clear problem next to each bad row (preview.server.ts) → confirm. The file is kept between the two
 * steps, so what is imported is exactly what was previewed (read again and checked again against the
 * database of that moment); the import is one transaction with its audit entries.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@db/client";
import {
  eventLanguages,
  events,
  organisationNeighbourhoods,
  organisations,
  spreadsheetImports,
} from "@db/schema";
import { recordAudit } from "~/modules/audit/audit.server";
import type { AuthUser } from "~/modules/auth/auth-user";
import { slugify } from "~/modules/organisations/registration.server";
import { nextWeeklyOccurrence, zonedTimeToInstant, zonedIsoDate } from "~/utils/time";
import { normaliseName } from "./import-rows";
import {
  DRAFT_LIFETIME_MS,
  checkSpreadsheet,
  existingOrganisations,
  type ImportPreview,
} from "./preview.server";

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
