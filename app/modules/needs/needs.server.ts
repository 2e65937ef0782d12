/**
 * Needs: recorded by coordinators (for their neighbourhoods) and organisation members (for their
 * organisation), edited, closed or cancelled. Every change is audited in its own transaction; a need's
 * status follows its matches (see need-status.ts and `recomputeNeedStatus`).
 */
import { and, asc, desc, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import { type Db, type DbOrTx } from "@db/client";
import {
  categories,
  matches,
  needLanguages,
  needSlots,
  needs,
  neighbourhoods,
  organisations,
  users,
} from "@db/schema";
import {
  AGREED_MATCH_STATUSES,
  sqlValueList,
  OPEN_NEED_STATUSES,
  LIVE_MATCH_STATUSES,
  LIVE_NEED_STATUSES,
  RUNNING_MATCH_STATUSES,
  type GenderPreference,
  type Language,
  type NeedSchedule,
  type NeedStatus,
  type NeedUrgency,
} from "@db/schema/enums";
import type { AuthUser } from "~/modules/auth/auth-user";
import { recordAudit } from "~/modules/audit/audit.server";
import { assertCan } from "~/modules/permissions/guards.server";
import { categoryAllowed, categoryChoices } from "~/modules/places/places.server";
import { startUrgentReachIfDue } from "~/modules/reach/start.server";
import { can, isMemberOf, type NeedResource } from "~/modules/permissions/permissions";
import type { FieldErrors } from "~/utils/form-validation";
import { NEEDS_PAGE_SIZE, type NeedFilter } from "./need-filter.schema";
import { endMatchesOfNeed, recomputeNeedStatus } from "~/modules/matches/need-match-state.server";
import { isFinalNeedStatus } from "./need-status";
import type { NeedCloseSchema, NeedInput } from "./need.schema";
import type { z } from "zod";

/** Matches someone said yes to, as an SQL list for the hand-written queries below. */
const AGREED_MATCHES = sql.raw(sqlValueList(AGREED_MATCH_STATUSES));

export type CommandResult<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

export interface NeedRecord extends NeedResource {
  id: number;
  status: NeedStatus;
  helpersNeeded: number;
  title: string;
  categoryId: number;
}

/** The need as a permission resource (plus what commands need), or null when there is none. */
export function loadNeedResource(db: DbOrTx, needId: number): NeedRecord | null {
  return (
    db
      .select({
        id: needs.id,
        neighbourhoodId: needs.neighbourhoodId,
        organisationId: needs.organisationId,
        status: needs.status,
        helpersNeeded: needs.helpersNeeded,
        title: needs.title,
        categoryId: needs.categoryId,
      })
      .from(needs)
      .where(eq(needs.id, needId))
      .get() ?? null
  );
}

/** The need if `user` may do `action` on it; 404 when they may not know it exists, 403 otherwise. */
export function requireNeed(
  db: DbOrTx,
  user: AuthUser,
  needId: number,
  action: "need:read" | "need:update",
): NeedRecord {
  const need = loadNeedResource(db, needId);
  if (!need) throw new Response("Not found", { status: 404 });
  assertCan(user, action, need);
  return need;
}

/** Field errors for references that don't exist or lie outside the user's scope. */
function referenceErrors(
  db: DbOrTx,
  user: AuthUser,
  input: Pick<NeedInput, "categoryId" | "neighbourhoodId" | "organisationId">,
): FieldErrors {
  const errors: FieldErrors = {};
  if (!categoryAllowed(db, input.categoryId)) errors.categoryId = "needs:errors.category";
  const nb = db
    .select({ id: neighbourhoods.id })
    .from(neighbourhoods)
    .where(eq(neighbourhoods.id, input.neighbourhoodId))
    .get();
  if (!nb) {
    errors.neighbourhoodId = "needs:errors.neighbourhood";
    return errors;
  }
  if (input.organisationId !== null) {
    const org = db
      .select({ id: organisations.id })
      .from(organisations)
      .where(eq(organisations.id, input.organisationId))
      .get();
    if (!org || !(user.role === "admin" || isMemberOf(user, input.organisationId)))
      errors.organisationId = "needs:errors.organisation";
  } else if (user.role !== "coordinator" && user.role !== "admin" && user.memberships.length > 0) {
    // An organisation member records needs for one of their organisations: say which.
    errors.organisationId = "needs:errors.organisationRequired";
  } else if (!can(user, "need:create", { neighbourhoodId: input.neighbourhoodId, organisationId: null })) {
    errors.neighbourhoodId = "needs:errors.neighbourhoodOutOfScope";
  }
  return errors;
}

function writeLanguagesAndSlots(tx: DbOrTx, needId: number, input: NeedInput): void {
  tx.delete(needLanguages).where(eq(needLanguages.needId, needId)).run();
  tx.insert(needLanguages)
    .values(input.languages.map((language) => ({ needId, language })))
    .run();
  tx.delete(needSlots).where(eq(needSlots.needId, needId)).run();
  if (input.schedule.kind === "recurring" && input.schedule.slots.length > 0) {
    tx.insert(needSlots)
      .values(input.schedule.slots.map((slot) => ({ needId, ...slot })))
      .run();
  }
}

/** The audited facts of a need: everything but its free text (which may not be copied around). */
function auditFacts(input: NeedInput): Record<string, unknown> {
  return {
    categoryId: input.categoryId,
    neighbourhoodId: input.neighbourhoodId,
    organisationId: input.organisationId,
    languages: input.languages,
    helpersNeeded: input.helpersNeeded,
    urgency: input.urgency,
    schedule: input.schedule.kind,
    startsAt: input.schedule.startsAt,
    endsAt: input.schedule.endsAt,
    requiresCertificate: input.requiresCertificate,
    genderPreference: input.genderPreference,
  };
}

/** Records a need. Refuses references out of scope and appointments that are already over. */
export function createNeed(
  db: Db,
  user: AuthUser,
  input: NeedInput,
  now = Date.now(),
): CommandResult<{ id: number }> {
  const errors = referenceErrors(db, user, input);
  if (input.schedule.endsAt <= now)
    errors[input.schedule.kind === "one_off" ? "date" : "periodEnd"] = "needs:errors.datePast";
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const id = db.transaction((tx) => {
    const row = tx
      .insert(needs)
      .values({
        categoryId: input.categoryId,
        neighbourhoodId: input.neighbourhoodId,
        organisationId: input.organisationId,
        createdBy: user.id,
        title: input.title,
        description: input.description,
        originalLanguage: user.locale,
        helpersNeeded: input.helpersNeeded,
        urgency: input.urgency,
        schedule: input.schedule.kind,
        startsAt: new Date(input.schedule.startsAt),
        endsAt: new Date(input.schedule.endsAt),
        requiresCertificate: input.requiresCertificate,
        genderPreference: input.genderPreference,
      })
      .returning({ id: needs.id })
      .get();
    writeLanguagesAndSlots(tx, row.id, input);
    recordAudit(tx, {
      actorId: user.id,
      action: "need.created",
      entityType: "need",
      entityId: row.id,
      neighbourhoodId: input.neighbourhoodId,
      details: auditFacts(input),
    });
    startUrgentReachIfDue(tx, row.id, user.id, now);
    return row.id;
  });
  return { ok: true, value: { id } };
}

/** Edits a live need. The organisation it belongs to stays; the status follows the new helper count. */
export function updateNeed(
  db: Db,
  user: AuthUser,
  needId: number,
  input: NeedInput,
  now = Date.now(),
): CommandResult<{ id: number }> {
  const need = requireNeed(db, user, needId, "need:update");
  if (isFinalNeedStatus(need.status)) return { ok: false, errors: { form: "needs:errors.finished" } };
  const next = { ...input, organisationId: need.organisationId };
  const errors: FieldErrors = {};
  // A category no longer offered stays on the need it already belongs to.
  if (!categoryAllowed(db, next.categoryId, need.categoryId)) errors.categoryId = "needs:errors.category";
  if (
    next.neighbourhoodId !== need.neighbourhoodId &&
    !can(user, "need:create", { neighbourhoodId: next.neighbourhoodId, organisationId: need.organisationId })
  ) {
    errors.neighbourhoodId = "needs:errors.neighbourhoodOutOfScope";
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  db.transaction((tx) => {
    const before = loadNeedFacts(tx, needId);
    tx.update(needs)
      .set({
        categoryId: next.categoryId,
        neighbourhoodId: next.neighbourhoodId,
        title: next.title,
        description: next.description,
        helpersNeeded: next.helpersNeeded,
        urgency: next.urgency,
        schedule: next.schedule.kind,
        startsAt: new Date(next.schedule.startsAt),
        endsAt: new Date(next.schedule.endsAt),
        requiresCertificate: next.requiresCertificate,
        genderPreference: next.genderPreference,
      })
      .where(eq(needs.id, needId))
      .run();
    writeLanguagesAndSlots(tx, needId, next);
    const after = auditFacts(next);
    const changed: Record<string, { from: unknown; to: unknown }> = {};
    for (const [key, value] of Object.entries(after)) {
      if (JSON.stringify(before?.[key]) !== JSON.stringify(value))
        changed[key] = { from: before?.[key], to: value };
    }
    const textChanged = [
      before?.title !== next.title ? "title" : null,
      before?.description !== next.description ? "description" : null,
    ].filter(Boolean);
    recordAudit(tx, {
      actorId: user.id,
      action: "need.updated",
      entityType: "need",
      entityId: needId,
      neighbourhoodId: next.neighbourhoodId,
      // Free text is named, never copied: it might once have held what the retention job removes.
      details: { changed, textChanged },
    });
    recomputeNeedStatus(tx, needId, user.id);
    startUrgentReachIfDue(tx, needId, user.id, now);
  });
  return { ok: true, value: { id: needId } };
}

function loadNeedFacts(
  tx: DbOrTx,
  needId: number,
): (Record<string, unknown> & { title: string; description: string }) | null {
  const row = tx.select().from(needs).where(eq(needs.id, needId)).get();
  if (!row) return null;
  const languages = tx
    .select({ language: needLanguages.language })
    .from(needLanguages)
    .where(eq(needLanguages.needId, needId))
    .orderBy(asc(needLanguages.language))
    .all()
    .map((l) => l.language);
  return {
    title: row.title,
    description: row.description,
    categoryId: row.categoryId,
    neighbourhoodId: row.neighbourhoodId,
    organisationId: row.organisationId,
    languages,
    helpersNeeded: row.helpersNeeded,
    urgency: row.urgency,
    schedule: row.schedule,
    startsAt: row.startsAt.getTime(),
    endsAt: row.endsAt.getTime(),
    requiresCertificate: row.requiresCertificate,
    genderPreference: row.genderPreference,
  };
}

/**
 * Closes (done) or cancels (no longer wanted) a need. Proposals still waiting for an answer are
 * withdrawn (ended) and their helpers told; cancelling also ends accepted and active matches (their
 * helpers are told). Closing is refused while a helper is still on the way (accepted or active): those
 * matches are completed with their hours or ended first — the last completion closes the need by itself.
 */
export function finishNeed(
  db: Db,
  user: AuthUser,
  needId: number,
  input: z.output<typeof NeedCloseSchema>,
): CommandResult<{ id: number; status: NeedStatus }> {
  const need = requireNeed(db, user, needId, "need:update");
  if (isFinalNeedStatus(need.status)) return { ok: false, errors: { form: "needs:errors.finished" } };
  const status: NeedStatus = input.intent === "close" ? "closed" : "cancelled";
  const result = db.transaction(
    (tx) => {
      // Done with helpers still on the way would leave them "accepted" on a finished need: they are
      // completed (with their hours) or ended first, on their match pages, which the need page lists.
      if (status === "closed") {
        const running = tx
          .select({ id: matches.id })
          .from(matches)
          .where(and(eq(matches.needId, needId), inArray(matches.status, [...RUNNING_MATCH_STATUSES])))
          .all();
        if (running.length > 0)
          return { ok: false as const, errors: { form: "needs:errors.runningMatches" } };
      }
      const now = new Date();
      const ended = endMatchesOfNeed(tx, {
        needId,
        statuses: status === "closed" ? ["proposed"] : LIVE_MATCH_STATUSES,
        actorId: user.id,
        neighbourhoodId: need.neighbourhoodId,
        reason: `need_${status}`,
        now,
      });
      tx.update(needs).set({ status, closedAt: now }).where(eq(needs.id, needId)).run();
      recordAudit(tx, {
        actorId: user.id,
        action: `need.${status}`,
        entityType: "need",
        entityId: needId,
        neighbourhoodId: need.neighbourhoodId,
        details: {
          from: need.status,
          endedMatches: ended,
          ...(input.note ? { note: input.note } : {}),
        },
      });
      return null;
    },
    { behavior: "immediate" },
  );
  if (result) return result;
  return { ok: true, value: { id: needId, status } };
}

// ---- reading -----------------------------------------------------------------------------------

/** The needs this user may read, as a SQL condition (coordinator scope, own organisations; admins all). */
export function needScopeCondition(user: AuthUser): SQL | undefined {
  if (user.role === "admin") return undefined;
  const parts: SQL[] = [];
  if (user.role === "coordinator" && user.coordinatorNeighbourhoodIds.length > 0) {
    parts.push(inArray(needs.neighbourhoodId, user.coordinatorNeighbourhoodIds));
  }
  const orgIds = user.memberships.map((m) => m.organisationId);
  if (orgIds.length > 0) parts.push(inArray(needs.organisationId, orgIds));
  if (parts.length === 0) return sql`0`;
  return parts.length === 1 ? parts[0] : or(...parts);
}

export interface NeedListItem {
  id: number;
  title: string;
  status: NeedStatus;
  urgency: NeedUrgency;
  schedule: NeedSchedule;
  startsAt: number;
  endsAt: number;
  helpersNeeded: number;
  filled: number;
  proposed: number;
  categorySlug: string;
  categoryName: string;
  neighbourhoodName: string;
  organisationName: string | null;
  languages: Language[];
  requiresCertificate: boolean;
  createdAt: number;
}

const URGENCY_RANK = sql`case ${needs.urgency} when 'urgent' then 0 when 'high' then 1 when 'normal' then 2 else 3 end`;

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * One page of the needs in the user's scope, most urgent first, then soonest. Two queries whatever
 * the page size: the count and the page (languages and match counts aggregated in SQL).
 */
export function listNeeds(
  db: DbOrTx,
  user: AuthUser,
  filter: NeedFilter,
): { items: NeedListItem[]; total: number; page: number; pageCount: number } {
  const conditions: (SQL | undefined)[] = [needScopeCondition(user)];
  if (filter.status === "todo") conditions.push(inArray(needs.status, [...LIVE_NEED_STATUSES]));
  else if (filter.status === "active") conditions.push(inArray(needs.status, [...OPEN_NEED_STATUSES]));
  else if (filter.status !== "all") conditions.push(eq(needs.status, filter.status));
  if (filter.neighbourhood) conditions.push(eq(needs.neighbourhoodId, filter.neighbourhood));
  if (filter.category) conditions.push(eq(needs.categoryId, filter.category));
  if (filter.urgency) conditions.push(eq(needs.urgency, filter.urgency));
  if (filter.language) {
    conditions.push(
      sql`exists (select 1 from ${needLanguages} nl where nl.need_id = needs.id and nl.language = ${filter.language})`,
    );
  }
  if (filter.q) {
    const pattern = `%${escapeLike(filter.q)}%`;
    conditions.push(
      sql`(${needs.title} like ${pattern} escape '\\' or ${needs.description} like ${pattern} escape '\\')`,
    );
  }
  const where = and(...conditions);
  const total =
    db
      .select({ n: sql<number>`count(*)` })
      .from(needs)
      .where(where)
      .get()?.n ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / NEEDS_PAGE_SIZE));
  const page = Math.min(filter.page, pageCount);
  // The page's ids first: the sort then reads only the covering index (needs_queue_idx), not every
  // need's row, joins and counts; those are read for the 20 needs shown.
  const pageIds = db
    .select({ id: needs.id })
    .from(needs)
    .where(where)
    .orderBy(URGENCY_RANK, asc(needs.startsAt), desc(needs.id))
    .limit(NEEDS_PAGE_SIZE)
    .offset((page - 1) * NEEDS_PAGE_SIZE)
    .all()
    .map((r) => r.id);
  if (pageIds.length === 0) return { items: [], total, page, pageCount };
  const rows = db
    .select({
      id: needs.id,
      title: needs.title,
      status: needs.status,
      urgency: needs.urgency,
      schedule: needs.schedule,
      startsAt: needs.startsAt,
      endsAt: needs.endsAt,
      helpersNeeded: needs.helpersNeeded,
      requiresCertificate: needs.requiresCertificate,
      createdAt: needs.createdAt,
      categorySlug: categories.slug,
      categoryName: categories.name,
      neighbourhoodName: neighbourhoods.name,
      organisationName: organisations.name,
      languages: sql<string>`(select json_group_array(language) from (select language from ${needLanguages} where need_id = needs.id order by language))`,
      filled: sql<number>`(select count(*) from ${matches} m where m.need_id = needs.id and m.status in ${AGREED_MATCHES})`,
      proposed: sql<number>`(select count(*) from ${matches} m where m.need_id = needs.id and m.status = 'proposed')`,
    })
    .from(needs)
    .innerJoin(categories, eq(categories.id, needs.categoryId))
    .innerJoin(neighbourhoods, eq(neighbourhoods.id, needs.neighbourhoodId))
    .leftJoin(organisations, eq(organisations.id, needs.organisationId))
    .where(inArray(needs.id, pageIds))
    .orderBy(URGENCY_RANK, asc(needs.startsAt), desc(needs.id))
    .all();
  return {
    items: rows.map((r) => ({
      ...r,
      startsAt: r.startsAt.getTime(),
      endsAt: r.endsAt.getTime(),
      createdAt: r.createdAt.getTime(),
      languages: JSON.parse(r.languages) as Language[],
    })),
    total,
    page,
    pageCount,
  };
}

export interface NeedDetail {
  id: number;
  title: string;
  description: string;
  status: NeedStatus;
  urgency: NeedUrgency;
  schedule: NeedSchedule;
  startsAt: number;
  endsAt: number;
  helpersNeeded: number;
  requiresCertificate: boolean;
  genderPreference: GenderPreference;
  categoryId: number;
  categorySlug: string;
  categoryName: string;
  neighbourhoodId: number;
  neighbourhoodName: string;
  organisationId: number | null;
  organisationName: string | null;
  createdByName: string | null;
  createdAt: number;
  closedAt: number | null;
  textErased: boolean;
  languages: Language[];
  slots: { weekday: number; startMinute: number; endMinute: number }[];
}

/** A need with its languages and slots (three queries); the caller has checked `need:read`. */
export function getNeedDetail(db: DbOrTx, needId: number): NeedDetail | null {
  const row = db
    .select({
      need: needs,
      categorySlug: categories.slug,
      categoryName: categories.name,
      neighbourhoodName: neighbourhoods.name,
      organisationName: organisations.name,
      createdByName: users.displayName,
    })
    .from(needs)
    .innerJoin(categories, eq(categories.id, needs.categoryId))
    .innerJoin(neighbourhoods, eq(neighbourhoods.id, needs.neighbourhoodId))
    .leftJoin(organisations, eq(organisations.id, needs.organisationId))
    .leftJoin(users, eq(users.id, needs.createdBy))
    .where(eq(needs.id, needId))
    .get();
  if (!row) return null;
  const languages = db
    .select({ language: needLanguages.language })
    .from(needLanguages)
    .where(eq(needLanguages.needId, needId))
    .orderBy(asc(needLanguages.language))
    .all()
    .map((l) => l.language);
  const slots = db
    .select({
      weekday: needSlots.weekday,
      startMinute: needSlots.startMinute,
      endMinute: needSlots.endMinute,
    })
    .from(needSlots)
    .where(eq(needSlots.needId, needId))
    .orderBy(asc(needSlots.weekday), asc(needSlots.startMinute))
    .all();
  const n = row.need;
  return {
    id: n.id,
    title: n.title,
    description: n.description,
    status: n.status,
    urgency: n.urgency,
    schedule: n.schedule,
    startsAt: n.startsAt.getTime(),
    endsAt: n.endsAt.getTime(),
    helpersNeeded: n.helpersNeeded,
    requiresCertificate: n.requiresCertificate,
    genderPreference: n.genderPreference,
    categoryId: n.categoryId,
    categorySlug: row.categorySlug,
    categoryName: row.categoryName,
    neighbourhoodId: n.neighbourhoodId,
    neighbourhoodName: row.neighbourhoodName,
    organisationId: n.organisationId,
    organisationName: row.organisationName,
    createdByName: row.createdByName,
    createdAt: n.createdAt.getTime(),
    closedAt: n.closedAt?.getTime() ?? null,
    textErased: n.textErasedAt !== null,
    languages,
    slots,
  };
}

/** The neighbourhoods a user may record needs in, and their organisations (for the form's selects). */
export function needFormOptions(db: DbOrTx, user: AuthUser, keepCategoryId: number | null = null) {
  const nbRows = db
    .select({ id: neighbourhoods.id, name: neighbourhoods.name })
    .from(neighbourhoods)
    .orderBy(asc(neighbourhoods.name))
    .all();
  const orgIds = user.memberships.map((m) => m.organisationId);
  const orgRows = orgIds.length
    ? db
        .select({ id: organisations.id, name: organisations.name })
        .from(organisations)
        .where(inArray(organisations.id, orgIds))
        .orderBy(asc(organisations.name))
        .all()
    : [];
  const categoryRows = categoryChoices(db, keepCategoryId);
  // Coordinators record in their scope; organisation members anywhere (the need is their organisation's).
  const neighbourhoodsAllowed =
    user.role === "admin" || orgRows.length > 0
      ? nbRows
      : nbRows.filter((n) => user.coordinatorNeighbourhoodIds.includes(n.id));
  return { neighbourhoods: neighbourhoodsAllowed, organisations: orgRows, categories: categoryRows };
}
