/**
 * Reading arrivals: the permission resource and guard, the record form's options, one arrival's checklist
 * page, and the step days a form offers. Writing: commands.server.ts (recording), step-commands.server.ts.
 * docs/decisions/088-arrivals-and-first-steps.md
 */
import { and, asc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import { type DbOrTx } from "@db/client";
import {
  arrivalLanguages,
  arrivals,
  arrivalSteps,
  matches,
  neighbourhoods,
  offerNeighbourhoods,
  offers,
  organisations,
  users,
} from "@db/schema";
import {
  PLACE_TAKING_MATCH_STATUSES,
  AGE_GROUP,
  type AgeGroup,
  type Language,
  type LanguageLevel,
  type MatchStatus,
} from "@db/schema/enums";
import type { AuthUser } from "~/modules/auth/auth-user";
import { daysBetween } from "~/modules/dashboard/periods";
import { assertCan, notFound } from "~/modules/permissions/guards.server";
import { can, type ArrivalResource } from "~/modules/permissions/permissions";
import { zonedIsoDate } from "~/utils/time";
import { peopleIn, type AgeCounts } from "./plan";
import { listStepFacts, type StepFact } from "./progress.server";
import { isLiveStep } from "./step-state";
import { loadTemplates, templateText } from "./templates.server";

const AGE_COLUMNS = {
  "0_2": "age0to2",
  "3_5": "age3to5",
  "6_17": "age6to17",
  "18_64": "age18to64",
  "65_plus": "age65plus",
} as const satisfies Record<AgeGroup, keyof typeof arrivals.$inferSelect>;

export interface ArrivalRecord extends ArrivalResource {
  id: number;
  code: string;
}

/** The arrival as a permission resource, or null when there is none. */
export function loadArrivalResource(db: DbOrTx, arrivalId: number): ArrivalRecord | null {
  return (
    db
      .select({ id: arrivals.id, code: arrivals.code, neighbourhoodId: arrivals.neighbourhoodId })
      .from(arrivals)
      .where(eq(arrivals.id, arrivalId))
      .get() ?? null
  );
}

/** The arrival if `user` may do `action` on it; 404 when they may not know it exists, 403 otherwise. */
export function requireArrival(
  db: DbOrTx,
  user: AuthUser,
  arrivalId: number,
  action: "arrival:read" | "arrival:manage",
): ArrivalRecord {
  const arrival = loadArrivalResource(db, arrivalId);
  if (!arrival) throw notFound();
  assertCan(user, action, arrival);
  return arrival;
}

// ---- the form -------------------------------------------------------------------------------------

export interface ArrivalFormTemplate {
  id: number;
  title: string;
  description: string;
  categorySlug: string;
  categoryName: string;
  leadDays: number;
  perPerson: boolean;
  ageGroups: AgeGroup[];
  defaultSelected: boolean;
}

/** The neighbourhoods the user may record arrivals in, by name. */
export function arrivalNeighbourhoods(db: DbOrTx, user: AuthUser): { id: number; name: string }[] {
  return db
    .select({ id: neighbourhoods.id, name: neighbourhoods.name })
    .from(neighbourhoods)
    .orderBy(asc(neighbourhoods.name))
    .all()
    .filter((n) => can(user, "arrival:create", { neighbourhoodId: n.id }));
}

/** The neighbourhoods the user may record arrivals in, and the active first steps in the page's language. */
export function arrivalFormOptions(db: DbOrTx, user: AuthUser, locale: string) {
  const allowed = arrivalNeighbourhoods(db, user);
  const templates: ArrivalFormTemplate[] = loadTemplates(db, { activeOnly: true }).map((t) => ({
    id: t.id,
    ...templateText(t.texts, locale),
    categorySlug: t.categorySlug,
    categoryName: t.categoryName,
    leadDays: t.leadDays,
    perPerson: t.perPerson,
    ageGroups: [...t.ageGroups],
    defaultSelected: t.defaultSelected,
  }));
  return { neighbourhoods: allowed, templates };
}

// ---- reading one arrival ------------------------------------------------------------------------

export interface StepHelper {
  matchId: number;
  status: MatchStatus;
  /** A volunteer's first name, or the organisation's name. */
  name: string | null;
  kind: "volunteer" | "organisation" | null;
  completedAt: number | null;
}

export interface ChecklistStep extends StepFact {
  title: string;
  helpers: StepHelper[];
  /** The day the "done" form suggests (defaultDoneOn). */
  doneOnDefault: string;
}

export interface OrganisationOption {
  offerId: number;
  organisationName: string;
  offerTitle: string;
  /** The offer lists the arrival's neighbourhood. */
  local: boolean;
}

export interface ArrivalDetail {
  id: number;
  code: string;
  neighbourhoodId: number;
  neighbourhoodName: string;
  arrivalDate: string;
  householdSize: number;
  ageCounts: AgeCounts;
  languages: { language: Language; level: LanguageLevel }[];
  note: string;
  createdByName: string | null;
  createdAt: number;
  /** The days a step can be marked done on: from earliestDoneOn to today. */
  doneOnRange: { min: string; max: string };
  steps: ChecklistStep[];
  /** Per category of the arrival's live steps without a helper: organisations that could cover them. */
  organisationOptions: Record<number, OrganisationOption[]>;
}

/** The first word of a display name: what a checklist says about a volunteer. */
export function firstName(displayName: string | null): string | null {
  if (!displayName) return null;
  return displayName.trim().split(/\s+/)[0] ?? null;
}

/** Organisations per category shown for a step. */
const ORGANISATION_OPTIONS_PER_CATEGORY = 20;

/**
 * One arrival with its checklist: each step with its state, its helpers (first names of volunteers,
 * names of organisations) and when it was done, and the organisations that could cover a step without a
 * helper. Five statements; the caller has checked `arrival:read`.
 */
export function getArrivalDetail(
  db: DbOrTx,
  arrivalId: number,
  locale: string,
  now = Date.now(),
): ArrivalDetail {
  const row = db
    .select({ arrival: arrivals, neighbourhoodName: neighbourhoods.name, createdByName: users.displayName })
    .from(arrivals)
    .innerJoin(neighbourhoods, eq(neighbourhoods.id, arrivals.neighbourhoodId))
    .leftJoin(users, eq(users.id, arrivals.createdBy))
    .where(eq(arrivals.id, arrivalId))
    .get();
  if (!row) throw notFound();
  const a = row.arrival;
  const languages = db
    .select({ language: arrivalLanguages.language, level: arrivalLanguages.level })
    .from(arrivalLanguages)
    .where(eq(arrivalLanguages.arrivalId, arrivalId))
    .all();
  const today = zonedIsoDate(now);
  const facts = listStepFacts(db, arrivalId, today);
  const templates = new Map(
    loadTemplates(db, { ids: [...new Set(facts.map((f) => f.templateId))] }).map((t) => [t.id, t]),
  );
  const helperRows = facts.length
    ? db
        .select({
          needId: matches.needId,
          matchId: matches.id,
          status: matches.status,
          completedAt: matches.completedAt,
          volunteerName: users.displayName,
          organisationName: organisations.name,
          volunteerId: offers.volunteerId,
          organisationId: offers.organisationId,
        })
        .from(matches)
        .leftJoin(offers, eq(offers.id, matches.offerId))
        .leftJoin(users, eq(users.id, offers.volunteerId))
        .leftJoin(organisations, eq(organisations.id, offers.organisationId))
        .where(
          and(
            inArray(
              matches.needId,
              facts.map((f) => f.needId),
            ),
            inArray(matches.status, [...PLACE_TAKING_MATCH_STATUSES]),
          ),
        )
        .orderBy(asc(matches.id))
        .all()
    : [];

  const steps: ChecklistStep[] = facts.map((f) => {
    const template = templates.get(f.templateId);
    const title = template ? templateText(template.texts, locale).title : `#${f.needId}`;
    const helpers = helperRows
      .filter((h) => h.needId === f.needId)
      .map((h) => ({
        matchId: h.matchId,
        status: h.status,
        name: h.volunteerId ? firstName(h.volunteerName) : (h.organisationName ?? null),
        kind: h.volunteerId ? ("volunteer" as const) : h.organisationId ? ("organisation" as const) : null,
        completedAt: h.completedAt?.getTime() ?? null,
      }));
    return { ...f, title, helpers, doneOnDefault: defaultDoneOn(f.startsAt, today) };
  });

  // Organisations for steps still without a helper: active offers of verified organisations in the
  // step's kind of help, those listing the arrival's neighbourhood first.
  const openCategories = [
    ...new Set(
      steps.filter((s) => isLiveStep(s.state) && s.filling < s.helpersNeeded).map((s) => s.categoryId),
    ),
  ];
  const organisationOptions: Record<number, OrganisationOption[]> = {};
  if (openCategories.length > 0) {
    const offerRows = db
      .select({
        offerId: offers.id,
        categoryId: offers.categoryId,
        offerTitle: offers.title,
        organisationName: organisations.name,
        local: sql<number>`exists (select 1 from ${offerNeighbourhoods} onb
          where onb.offer_id = offers.id and onb.neighbourhood_id = ${a.neighbourhoodId})`,
      })
      .from(offers)
      .innerJoin(organisations, eq(organisations.id, offers.organisationId))
      .where(
        and(
          inArray(offers.categoryId, openCategories),
          eq(offers.status, "active"),
          sql`${organisations.verifiedAt} is not null`,
          or(isNull(offers.validUntil), sql`${offers.validUntil} >= ${today}`),
        ),
      )
      .orderBy(asc(organisations.name), asc(offers.id))
      .all();
    for (const categoryId of openCategories) {
      organisationOptions[categoryId] = offerRows
        .filter((o) => o.categoryId === categoryId)
        .map((o) => ({
          offerId: o.offerId,
          organisationName: o.organisationName,
          offerTitle: o.offerTitle,
          local: o.local === 1,
        }))
        .sort((x, y) => Number(y.local) - Number(x.local))
        .slice(0, ORGANISATION_OPTIONS_PER_CATEGORY);
    }
  }

  return {
    id: a.id,
    code: a.code,
    neighbourhoodId: a.neighbourhoodId,
    neighbourhoodName: row.neighbourhoodName,
    arrivalDate: a.arrivalDate,
    householdSize: a.householdSize,
    ageCounts: Object.fromEntries(AGE_GROUP.map((g) => [g, a[AGE_COLUMNS[g]]])) as AgeCounts,
    languages,
    note: a.note,
    createdByName: row.createdByName,
    createdAt: a.createdAt.getTime(),
    doneOnRange: { min: earliestDoneOn(a.arrivalDate, a.createdAt.getTime()), max: today },
    steps,
    organisationOptions,
  };
}

/** The arrival a need belongs to, for the need page's link back (null for other needs). */
export function arrivalOfNeed(db: DbOrTx, needId: number): { id: number; code: string } | null {
  return (
    db
      .select({ id: arrivals.id, code: arrivals.code })
      .from(arrivalSteps)
      .innerJoin(arrivals, eq(arrivals.id, arrivalSteps.arrivalId))
      .where(eq(arrivalSteps.needId, needId))
      .get() ?? null
  );
}

/** The needs of an arrival's live steps that still look for helpers: the scope of its bulk assignment. */
export function openStepNeedIds(db: DbOrTx, arrivalId: number, now = Date.now()): number[] {
  return listStepFacts(db, arrivalId, zonedIsoDate(now))
    .filter(
      (s) =>
        isLiveStep(s.state) &&
        s.filling < s.helpersNeeded &&
        (s.needStatus === "open" || s.needStatus === "partly_matched"),
    )
    .map((s) => s.needId);
}

/**
 * The day a step's "done" form suggests: today, or the appointment's day when that is already past (the
 * helper went, the coordination records it later). Never in the future.
 */
export function defaultDoneOn(startsAt: number, today: string): string {
  const appointment = zonedIsoDate(startsAt);
  return appointment < today ? appointment : today;
}

/**
 * The first day a step of an arrival can have been done: the day it was recorded here, or its arrival
 * date when it was recorded after the household came (a step done before the record still counts).
 */
export function earliestDoneOn(arrivalDate: string, createdAt: number): string {
  const recorded = zonedIsoDate(createdAt);
  return arrivalDate < recorded ? arrivalDate : recorded;
}

/** Days from the arrival to the day a step was done (Berlin calendar days). */
export function daysToDone(arrivalDate: string, doneAt: number): number {
  return daysBetween(arrivalDate, zonedIsoDate(doneAt));
}

export { peopleIn };
