/**
 * Arrivals: recorded by a coordinator for a neighbourhood in their scope, turned into dated needs by the
 * city's first-step templates (plan.ts), and followed step by step. Every change is audited in its own
 * transaction; a step's progress is its need's and its matches' (progress.server.ts).
 * docs/decisions/088-arrivals-and-first-steps.md
 */
import { and, asc, eq, inArray, isNull, like, or, sql } from "drizzle-orm";
import { type Db, type DbOrTx } from "@db/client";
import {
  arrivalLanguages,
  arrivals,
  arrivalSteps,
  hoursLog,
  matches,
  needLanguages,
  needs,
  needTranslations,
  neighbourhoods,
  offerNeighbourhoods,
  offers,
  organisations,
  users,
} from "@db/schema";
import {
  PLACE_TAKING_MATCH_STATUSES,
  RUNNING_MATCH_STATUSES,
  AGE_GROUP,
  UI_LOCALE,
  type AgeGroup,
  type Language,
  type LanguageLevel,
  type MatchStatus,
  type UiLocale,
} from "@db/schema/enums";
import type { AuthUser } from "~/modules/auth/auth-user";
import { recordAudit } from "~/modules/audit/audit.server";
import { addDays, daysBetween } from "~/modules/dashboard/periods";
import { dataKeyT } from "~/modules/i18n/keys";
import { getServerT } from "~/modules/i18n/server-t.server";
import { explainOrganisationCover } from "~/modules/matching";
import { completeMatch, insertProposals } from "~/modules/matches/match-lifecycle.server";
import { loadMatchingInstance } from "~/modules/matches/matching-instance.server";
import { isFinalNeedStatus } from "~/modules/needs/need-status";
import { needToFormValues } from "~/modules/needs/need-form-values";
import { NeedFormSchema } from "~/modules/needs/need.schema";
import { finishNeed, getNeedDetail, updateNeed } from "~/modules/needs/needs.server";
import { assertCan, notFound } from "~/modules/permissions/guards.server";
import { can, type ArrivalResource } from "~/modules/permissions/permissions";
import { parseWithinLimits } from "~/utils/field-limits";
import type { FieldErrors } from "~/utils/form-validation";
import { zonedIsoDate } from "~/utils/time";
import type { ArrivalInput } from "./arrival.schema";
import { arrivalCode, peopleIn, planArrival, type AgeCounts, type PlannedStep } from "./plan";
import { listStepFacts, type StepFact } from "./progress.server";
import { isLiveStep } from "./step-state";
import { stepNeedTexts, type HouseholdFacts } from "./step-texts";
import { loadTemplates, templateText, type TemplateRecord } from "./templates.server";

export type ArrivalResult<T = { id: number }> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

/** How far back an arrival may be recorded (a household that came last month), and how far ahead. */
export const RECORD_PAST_DAYS = 60;
export const RECORD_AHEAD_DAYS = 366;

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

// ---- recording --------------------------------------------------------------------------------------

/** A step's need texts in one language, as the app writes them (step-texts.ts). */
function needTexts(
  template: TemplateRecord,
  step: PlannedStep,
  household: HouseholdFacts,
  locale: UiLocale,
): { title: string; description: string } {
  return stepNeedTexts(template, step, household, locale, (l, ns) => dataKeyT(getServerT(l, ns)));
}

/** The next free code of the year: A-<year>-<highest number of that year + 1>. Inside the write transaction. */
function nextCode(tx: DbOrTx, year: number): string {
  const row = tx
    .select({ n: sql<number | null>`max(cast(substr(${arrivals.code}, 8) as integer))` })
    .from(arrivals)
    .where(like(arrivals.code, `A-${year}-%`))
    .get();
  return arrivalCode(year, (row?.n ?? 0) + 1);
}

function referenceErrors(
  db: DbOrTx,
  user: AuthUser,
  input: ArrivalInput,
  templates: TemplateRecord[],
  now: number,
): FieldErrors {
  const errors: FieldErrors = {};
  const nb = db
    .select({ id: neighbourhoods.id })
    .from(neighbourhoods)
    .where(eq(neighbourhoods.id, input.neighbourhoodId))
    .get();
  if (!nb) errors.neighbourhoodId = "arrivals:errors.neighbourhood";
  else if (!can(user, "arrival:create", { neighbourhoodId: input.neighbourhoodId }))
    errors.neighbourhoodId = "arrivals:errors.neighbourhoodOutOfScope";
  const today = zonedIsoDate(now);
  if (
    input.arrivalDate < addDays(today, -RECORD_PAST_DAYS) ||
    input.arrivalDate > addDays(today, RECORD_AHEAD_DAYS)
  )
    errors.arrivalDate = "arrivals:errors.dateRange";
  const active = new Set(templates.filter((t) => t.active).map((t) => t.id));
  if (input.templateIds.some((id) => !active.has(id))) errors.templateIds = "arrivals:errors.steps";
  return errors;
}

/**
 * Records an arrival and its plan in one transaction: the arrival with a fresh code, its languages, and
 * for every step of the chosen templates that applies a need (in German, with translations where the
 * template has them), its languages, and the step linking both. Refuses a neighbourhood out of scope, a
 * date out of range, unknown or inactive templates, and a choice of steps none of which applies.
 */
export function recordArrival(
  db: Db,
  user: AuthUser,
  input: ArrivalInput,
  now = Date.now(),
): ArrivalResult<{ id: number; code: string; steps: number }> {
  const templates = loadTemplates(db, { ids: input.templateIds });
  const errors = referenceErrors(db, user, input, templates, now);
  const plan = planArrival(
    { arrivalDate: input.arrivalDate, ageCounts: input.ageCounts, languages: input.languages },
    templates,
    now,
  );
  if (!errors.templateIds && plan.length === 0) errors.templateIds = "arrivals:errors.noStepApplies";
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const byId = new Map(templates.map((t) => [t.id, t]));

  const result = db.transaction(
    (tx) => {
      const code = nextCode(tx, Number(zonedIsoDate(now).slice(0, 4)));
      const row = tx
        .insert(arrivals)
        .values({
          code,
          neighbourhoodId: input.neighbourhoodId,
          arrivalDate: input.arrivalDate,
          householdSize: input.householdSize,
          age0to2: input.ageCounts["0_2"],
          age3to5: input.ageCounts["3_5"],
          age6to17: input.ageCounts["6_17"],
          age18to64: input.ageCounts["18_64"],
          age65plus: input.ageCounts["65_plus"],
          note: input.note,
          createdBy: user.id,
        })
        .returning({ id: arrivals.id })
        .get();
      tx.insert(arrivalLanguages)
        .values(input.languages.map((l) => ({ arrivalId: row.id, ...l })))
        .run();
      const household: HouseholdFacts = { code, ...input };
      for (const step of plan) {
        const template = byId.get(step.templateId)!;
        const german = needTexts(template, step, household, "de");
        const need = tx
          .insert(needs)
          .values({
            categoryId: step.categoryId,
            neighbourhoodId: input.neighbourhoodId,
            createdBy: user.id,
            title: german.title,
            description: german.description,
            originalLanguage: "de",
            helpersNeeded: 1,
            urgency: step.urgency,
            schedule: "one_off",
            startsAt: new Date(step.startsAt),
            endsAt: new Date(step.endsAt),
            requiresCertificate: step.requiresCertificate,
          })
          .returning({ id: needs.id })
          .get();
        tx.insert(needLanguages)
          .values(step.languages.map((language) => ({ needId: need.id, language })))
          .run();
        const translations = UI_LOCALE.filter((l) => l !== "de" && template.texts[l]).map((locale) => ({
          needId: need.id,
          locale,
          ...needTexts(template, step, household, locale),
        }));
        if (translations.length > 0) tx.insert(needTranslations).values(translations).run();
        tx.insert(arrivalSteps)
          .values({
            arrivalId: row.id,
            templateId: step.templateId,
            needId: need.id,
            personNumber: step.personNumber,
            dueOn: step.dueOn,
            leadDays: step.leadDays,
          })
          .run();
        recordAudit(tx, {
          actorId: user.id,
          action: "need.created",
          entityType: "need",
          entityId: need.id,
          neighbourhoodId: input.neighbourhoodId,
          details: {
            arrivalId: row.id,
            templateId: step.templateId,
            categoryId: step.categoryId,
            languages: step.languages,
            urgency: step.urgency,
            startsAt: step.startsAt,
            dueOn: step.dueOn,
          },
        });
      }
      recordAudit(tx, {
        actorId: user.id,
        action: "arrival.created",
        entityType: "arrival",
        entityId: row.id,
        neighbourhoodId: input.neighbourhoodId,
        // The code and the plan, not the household: those facts go with the arrival when it is anonymised.
        details: { code, steps: plan.length, templates: [...new Set(plan.map((s) => s.templateId))] },
      });
      return { id: row.id, code, steps: plan.length };
    },
    { behavior: "immediate" },
  );
  return { ok: true, value: result };
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

// ---- acting on a step -------------------------------------------------------------------------------

interface StepRow {
  id: number;
  needId: number;
  templateId: number;
  needStatus: (typeof needs.$inferSelect)["status"];
  startsAt: Date;
  categoryId: number;
  neighbourhoodId: number;
}

function requireStep(db: DbOrTx, arrivalId: number, stepId: number): StepRow {
  const step = db
    .select({
      id: arrivalSteps.id,
      needId: arrivalSteps.needId,
      templateId: arrivalSteps.templateId,
      needStatus: needs.status,
      startsAt: needs.startsAt,
      categoryId: needs.categoryId,
      neighbourhoodId: needs.neighbourhoodId,
    })
    .from(arrivalSteps)
    .innerJoin(needs, eq(needs.id, arrivalSteps.needId))
    .where(and(eq(arrivalSteps.id, stepId), eq(arrivalSteps.arrivalId, arrivalId)))
    .get();
  if (!step) throw notFound();
  return step;
}

/** Hours recorded for a step done with a helper who logged none: the template's duration, in quarter hours. */
function stepHours(durationMinutes: number): number {
  return Math.max(0.25, Math.round((durationMinutes / 60) * 4) / 4);
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

/**
 * Moves a one-off step's appointment to another day, same hours, through the need's own edit
 * (updateNeed: checked, audited, status kept). A recurring need keeps its period.
 */
function moveAppointmentTo(db: Db, user: AuthUser, needId: number, day: string): ArrivalResult {
  const need = getNeedDetail(db, needId);
  if (!need) throw notFound();
  if (need.schedule !== "one_off" || zonedIsoDate(need.startsAt) === day)
    return { ok: true, value: { id: needId } };
  const parsed = parseWithinLimits(NeedFormSchema, { ...needToFormValues(need), date: day });
  if (!parsed.success) return { ok: false, errors: { doneOn: "arrivals:errors.appointmentMove" } };
  // The need's own refusals name its form's fields; here they belong next to the day.
  const moved = updateNeed(db, user, needId, parsed.data);
  return moved.ok
    ? { ok: true, value: { id: needId } }
    : { ok: false, errors: { doneOn: "arrivals:errors.appointmentMove" } };
}

/**
 * Marks a step done on the day it was done (`doneOn`, defaultDoneOn when not given): not in the
 * future, not before the arrival was recorded (earliestDoneOn). If that is not the day of the step's
 * appointment, the appointment moves to it (the Bürgerbüro visit happened earlier, or later, than
 * planned). Helpers on
 * the way (accepted or active matches) are then completed like on their match page (completeMatch),
 * with the hours they logged, or the step's duration on that day where they logged none; the need is
 * closed if completing did not close it already. A step without a helper is closed as done by the
 * coordination itself.
 */
export function markStepDone(
  db: Db,
  user: AuthUser,
  arrivalId: number,
  stepId: number,
  input: { doneOn: string | null } = { doneOn: null },
  now = Date.now(),
): ArrivalResult {
  requireArrival(db, user, arrivalId, "arrival:manage");
  const step = requireStep(db, arrivalId, stepId);
  if (isFinalNeedStatus(step.needStatus))
    return { ok: false, errors: { form: "arrivals:errors.stepFinished" } };
  const today = zonedIsoDate(now);
  const doneOn = input.doneOn ?? defaultDoneOn(step.startsAt.getTime(), today);
  if (doneOn > today) return { ok: false, errors: { doneOn: "arrivals:errors.doneOnFuture" } };
  const arrival = db
    .select({ arrivalDate: arrivals.arrivalDate, createdAt: arrivals.createdAt })
    .from(arrivals)
    .where(eq(arrivals.id, arrivalId))
    .get();
  if (arrival && doneOn < earliestDoneOn(arrival.arrivalDate, arrival.createdAt.getTime()))
    return { ok: false, errors: { doneOn: "arrivals:errors.doneOnBeforeRecorded" } };
  const moved = moveAppointmentTo(db, user, step.needId, doneOn);
  if (!moved.ok) return moved;
  const template = loadTemplates(db, { ids: [step.templateId] })[0];
  const running = db
    .select({
      id: matches.id,
      // The outer table named literally: drizzle renders a single-table select's column unqualified.
      logged: sql<number>`(select count(*) from ${hoursLog} h where h.match_id = matches.id)`,
    })
    .from(matches)
    .where(and(eq(matches.needId, step.needId), inArray(matches.status, [...RUNNING_MATCH_STATUSES])))
    .all();
  for (const match of running) {
    const outcome = completeMatch(
      db,
      user,
      match.id,
      { hours: match.logged > 0 ? null : stepHours(template?.durationMinutes ?? 60), date: doneOn },
      now,
    );
    // A refused day belongs next to the day's field; anything else to the step.
    if (!outcome.ok)
      return outcome.errors.date
        ? { ok: false, errors: { doneOn: outcome.errors.date } }
        : { ok: false, errors: { form: Object.values(outcome.errors)[0] ?? "arrivals:errors.step" } };
  }
  const after = db.select({ status: needs.status }).from(needs).where(eq(needs.id, step.needId)).get();
  if (after && !isFinalNeedStatus(after.status)) {
    const closed = finishNeed(db, user, step.needId, { intent: "close", note: "" });
    if (!closed.ok) return closed;
  }
  return { ok: true, value: { id: stepId } };
}

/** The step is not needed (the household did it themselves, or it does not apply): its need is cancelled. */
export function markStepNotNeeded(db: Db, user: AuthUser, arrivalId: number, stepId: number): ArrivalResult {
  requireArrival(db, user, arrivalId, "arrival:manage");
  const step = requireStep(db, arrivalId, stepId);
  if (isFinalNeedStatus(step.needStatus))
    return { ok: false, errors: { form: "arrivals:errors.stepFinished" } };
  const outcome = finishNeed(db, user, step.needId, { intent: "cancel", note: "" });
  return outcome.ok ? { ok: true, value: { id: stepId } } : outcome;
}

/**
 * Assigns a step to an organisation that covers it itself: a proposal to the organisation's offer,
 * which its members accept like any other. Only the constraints an organisation's own arrangements
 * cannot replace are checked (explainOrganisationCover); the score is the engine's.
 */
export function assignStepToOrganisation(
  db: Db,
  user: AuthUser,
  arrivalId: number,
  stepId: number,
  offerId: number | null,
  now = Date.now(),
): ArrivalResult {
  const arrival = requireArrival(db, user, arrivalId, "arrival:manage");
  const step = requireStep(db, arrivalId, stepId);
  assertCan(user, "match:propose", { neighbourhoodId: arrival.neighbourhoodId, organisationId: null });
  if (isFinalNeedStatus(step.needStatus))
    return { ok: false, errors: { form: "arrivals:errors.stepFinished" } };
  if (offerId === null) return { ok: false, errors: { offerId: "arrivals:errors.organisation" } };
  const offer = db
    .select({ id: offers.id, verifiedAt: organisations.verifiedAt })
    .from(offers)
    .innerJoin(organisations, eq(organisations.id, offers.organisationId))
    .where(eq(offers.id, offerId))
    .get();
  if (!offer || offer.verifiedAt === null)
    return { ok: false, errors: { offerId: "arrivals:errors.organisation" } };
  // Just this need and this offer (in whatever state), not every active offer of the city.
  const instance = loadMatchingInstance(
    db,
    { needIds: [step.needId], offerIds: [offerId], includeOfferIds: [offerId] },
    { now },
  );
  const need = instance.needs.find((n) => n.id === step.needId);
  const matchOffer = instance.offers.find((o) => o.id === offerId);
  if (!need) return { ok: false, errors: { offerId: "arrivals:errors.stepNotOpen" } };
  if (!matchOffer) return { ok: false, errors: { offerId: "arrivals:errors.organisation" } };
  const cover = explainOrganisationCover(instance, need, matchOffer);
  if (cover.status === "excluded") {
    const code = cover.exclusions[0]?.code;
    const message =
      code === "declined"
        ? "matches:errors.declinedBefore"
        : code === "already_matched"
          ? "matches:errors.alreadyProposed"
          : code === "capacity"
            ? "arrivals:errors.organisationFull"
            : "arrivals:errors.organisationUnsuitable";
    return { ok: false, errors: { offerId: message } };
  }
  const result = db.transaction(
    (tx) => insertProposals(tx, user, [{ needId: step.needId, candidate: cover.candidate }], "organisation"),
    { behavior: "immediate" },
  );
  const made = result.created[0];
  if (!made)
    return { ok: false, errors: result.skipped[0]?.errors ?? { offerId: "arrivals:errors.organisation" } };
  return { ok: true, value: { id: made.id } };
}

/** Days from the arrival to the day a step was done (Berlin calendar days). */
export function daysToDone(arrivalDate: string, doneAt: number): number {
  return daysBetween(arrivalDate, zonedIsoDate(doneAt));
}

export { peopleIn };
