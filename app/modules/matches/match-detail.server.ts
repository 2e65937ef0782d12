/**
 * What the match page and the need page show about matches. The offerer reads the need (never who the
 * newcomer is: the need holds no such data) and their own match; coordinators also see the helper's
 * contact and the audit trail.
 */
import { and, asc, desc, eq, inArray, or, sql } from "drizzle-orm";
import { type Db, type DbOrTx } from "@db/client";
import { hoursLog, matches, memberships, offers, organisations, users } from "@db/schema";
import type { MatchStatus } from "@db/schema/enums";
import type { WeightKey } from "~/modules/matching";
import type { AuthUser } from "~/modules/auth/auth-user";
import { listAuditTrail, type AuditEntry } from "~/modules/audit/audit.server";
import { getNeedDetail, type NeedDetail } from "~/modules/needs/queries.server";
import { can } from "~/modules/permissions/permissions";
import { notFound } from "~/modules/permissions/guards.server";
import { requireMatch, type MatchRecord } from "./match-record.server";
import { matchSteps, type MatchStep } from "~/modules/needs/need-status";

/** Stored component values (0–1) in the engine's display order. */
export type StoredComponents = { key: WeightKey; value: number }[];

export interface MatchSummary {
  id: number;
  status: MatchStatus;
  score: number;
  components: StoredComponents;
  distanceKm: number | null;
  offerId: number | null;
  offerTitle: string | null;
  helperName: string | null;
  helperKind: "volunteer" | "organisation" | null;
  /** Coordinators only: how to reach the helper (the volunteer's or the owners' e-mail addresses). */
  helperContact: string[] | null;
  proposedAt: number;
  proposedByName: string | null;
  respondedAt: number | null;
  declineReason: string | null;
  completedAt: number | null;
  endedAt: number | null;
  hoursConfirmed: number;
  hoursPending: number;
}

const matchColumns = {
  id: matches.id,
  status: matches.status,
  score: matches.score,
  scoreLanguage: matches.scoreLanguage,
  scoreDistance: matches.scoreDistance,
  scoreAvailability: matches.scoreAvailability,
  scoreLoad: matches.scoreLoad,
  scoreExperience: matches.scoreExperience,
  scoreResponsiveness: matches.scoreResponsiveness,
  distanceKm: matches.distanceKm,
  offerId: matches.offerId,
  offerTitle: offers.title,
  volunteerName: users.displayName,
  volunteerEmail: users.email,
  organisationId: organisations.id,
  organisationName: organisations.name,
  proposedAt: matches.proposedAt,
  proposedByName: sql<string | null>`(select display_name from users p where p.id = matches.proposed_by)`,
  respondedAt: matches.respondedAt,
  declineReason: matches.declineReason,
  completedAt: matches.completedAt,
  endedAt: matches.endedAt,
  hoursConfirmed: sql<number>`(select coalesce(sum(h.hours), 0) from hours_log h where h.match_id = matches.id and h.confirmed_at is not null)`,
  hoursPending: sql<number>`(select coalesce(sum(h.hours), 0) from hours_log h where h.match_id = matches.id and h.confirmed_at is null)`,
};

function selectMatches(db: DbOrTx) {
  return db
    .select(matchColumns)
    .from(matches)
    .leftJoin(offers, eq(offers.id, matches.offerId))
    .leftJoin(users, eq(users.id, offers.volunteerId))
    .leftJoin(organisations, eq(organisations.id, offers.organisationId));
}

/** Owners' e-mail addresses per organisation, for the coordinator's contact column (one query). */
function ownerEmails(db: DbOrTx, organisationIds: number[]): Map<number, string[]> {
  const map = new Map<number, string[]>();
  if (organisationIds.length === 0) return map;
  const rows = db
    .select({ organisationId: memberships.organisationId, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(inArray(memberships.organisationId, organisationIds), eq(memberships.role, "owner")))
    .orderBy(asc(users.email))
    .all();
  for (const r of rows) map.set(r.organisationId, [...(map.get(r.organisationId) ?? []), r.email]);
  return map;
}

type MatchRow = ReturnType<ReturnType<typeof selectMatches>["all"]>[number];

function toSummary(r: MatchRow, contact: string[] | null): MatchSummary {
  return {
    id: r.id,
    status: r.status,
    score: r.score,
    components: [
      { key: "language", value: r.scoreLanguage },
      { key: "distance", value: r.scoreDistance },
      { key: "availability", value: r.scoreAvailability },
      { key: "load", value: r.scoreLoad },
      { key: "experience", value: r.scoreExperience },
      { key: "responsiveness", value: r.scoreResponsiveness },
    ],
    distanceKm: r.distanceKm,
    offerId: r.offerId,
    offerTitle: r.offerTitle,
    helperName: r.volunteerName ?? r.organisationName ?? null,
    helperKind: r.volunteerName ? "volunteer" : r.organisationName ? "organisation" : null,
    helperContact: contact,
    proposedAt: r.proposedAt.getTime(),
    proposedByName: r.proposedByName,
    respondedAt: r.respondedAt?.getTime() ?? null,
    declineReason: r.declineReason,
    completedAt: r.completedAt?.getTime() ?? null,
    endedAt: r.endedAt?.getTime() ?? null,
    hoursConfirmed: r.hoursConfirmed,
    hoursPending: r.hoursPending,
  };
}

const STATUS_ORDER = sql`case ${matches.status} when 'proposed' then 0 when 'accepted' then 1 when 'active' then 2 when 'completed' then 3 when 'declined' then 4 else 5 end`;

/** A need's matches for its coordinators, with the helpers' contact: two queries. */
export function listNeedMatches(db: DbOrTx, needId: number): MatchSummary[] {
  const rows = selectMatches(db)
    .where(eq(matches.needId, needId))
    .orderBy(STATUS_ORDER, desc(matches.score), asc(matches.id))
    .all();
  const owners = ownerEmails(db, [
    ...new Set(rows.flatMap((r) => (r.organisationId === null ? [] : [r.organisationId]))),
  ]);
  return rows.map((r) =>
    toSummary(
      r,
      r.volunteerEmail
        ? [r.volunteerEmail]
        : r.organisationId !== null
          ? (owners.get(r.organisationId) ?? [])
          : [],
    ),
  );
}

export interface HoursItem {
  id: number;
  date: string;
  hours: number;
  note: string;
  confirmed: boolean;
}

/** What an offerer reads about a need: the situation, place, time and requirements; not who recorded it. */
export type NeedForHelper = Omit<
  NeedDetail,
  "createdByName" | "createdAt" | "organisationId" | "organisationName" | "closedAt"
>;

function needForHelper(need: NeedDetail): NeedForHelper {
  const {
    createdByName: _by,
    createdAt: _at,
    organisationId: _org,
    organisationName: _orgName,
    closedAt: _closed,
    ...rest
  } = need;
  return rest;
}

export interface MatchPage {
  match: MatchSummary;
  need: NeedDetail | NeedForHelper;
  hours: HoursItem[];
  audit: AuditEntry[] | null;
  /** What this person may do next here, from the match's and the need's state (need-status.ts). */
  steps: MatchStep[];
}

/** Everything /matches/:id shows to this user; 404 / 403 through the permission rules. */
export function getMatchPage(db: Db, user: AuthUser, matchId: number): MatchPage {
  const record: MatchRecord = requireMatch(db, user, matchId, "match:read");
  const row = selectMatches(db).where(eq(matches.id, matchId)).get();
  const need = getNeedDetail(db, record.needId);
  if (!row || !need) throw notFound();
  const manage = can(user, "match:manage", record);
  const contact = manage
    ? row.volunteerEmail
      ? [row.volunteerEmail]
      : row.organisationId !== null
        ? (ownerEmails(db, [row.organisationId]).get(row.organisationId) ?? [])
        : []
    : null;
  const hours = db
    .select({
      id: hoursLog.id,
      date: hoursLog.date,
      hours: hoursLog.hours,
      note: hoursLog.note,
      confirmedAt: hoursLog.confirmedAt,
    })
    .from(hoursLog)
    .where(eq(hoursLog.matchId, matchId))
    .orderBy(desc(hoursLog.date), desc(hoursLog.id))
    .all()
    .map(({ confirmedAt, ...h }) => ({ ...h, confirmed: confirmedAt !== null }));
  return {
    match: toSummary(row, contact),
    // Coordinator-only facts (who recorded it, for which organisation) stay on the server for offerers.
    need: manage ? need : needForHelper(need),
    hours,
    audit: manage ? listAuditTrail(db, [{ entityType: "match", entityIds: [matchId] }]) : null,
    steps: matchSteps(record.status, need.status, {
      respond: can(user, "match:respond", record),
      manage,
      end: can(user, "match:end", record),
      isHelper: record.offer.volunteerId === user.id,
    }),
  };
}

export interface OffererMatchItem {
  id: number;
  status: MatchStatus;
  needTitle: string;
  offerTitle: string;
  proposedAt: number;
}

/** Matches of the offers this user answers for (own offers, their organisations' offers): one query. */
export function listOffererMatches(
  db: DbOrTx,
  user: AuthUser,
  status: MatchStatus | null = null,
): OffererMatchItem[] {
  const orgIds = user.memberships.map((m) => m.organisationId);
  const owner = orgIds.length
    ? or(eq(offers.volunteerId, user.id), inArray(offers.organisationId, orgIds))
    : eq(offers.volunteerId, user.id);
  return db
    .select({
      id: matches.id,
      status: matches.status,
      needTitle: sql<string>`(select title from needs n where n.id = matches.need_id)`,
      offerTitle: offers.title,
      proposedAt: matches.proposedAt,
    })
    .from(matches)
    .innerJoin(offers, eq(offers.id, matches.offerId))
    .where(status ? and(owner, eq(matches.status, status)) : owner)
    .orderBy(STATUS_ORDER, desc(matches.proposedAt), desc(matches.id))
    .limit(200)
    .all()
    .map((m) => ({ ...m, proposedAt: m.proposedAt.getTime() }));
}
