/**
 * Reading needs: the permission resource and guard, a coordinator's scope, the list with its filters, one
 * need's page and the form's options. Writing: commands.server.ts.
 */
import { and, asc, desc, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import { type DbOrTx } from "@db/client";
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
  LIVE_NEED_STATUSES,
  type GenderPreference,
  type Language,
  type NeedSchedule,
  type NeedStatus,
  type NeedUrgency,
} from "@db/schema/enums";
import type { AuthUser } from "~/modules/auth/auth-user";
import { assertCan } from "~/modules/permissions/guards.server";
import { categoryChoices } from "~/modules/places/places.server";
import { type NeedResource } from "~/modules/permissions/permissions";
import { NEEDS_PAGE_SIZE, type NeedFilter } from "./need-filter.schema";

/** Matches someone said yes to, as an SQL list for the hand-written queries below. */
const AGREED_MATCHES = sql.raw(sqlValueList(AGREED_MATCH_STATUSES));

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
