/**
 * Following an arrival step by step: done (on the day it was done), not needed, handed to an organisation.
 * A step's progress is its need's and its matches' (progress.server.ts); every change is audited.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import { type Db, type DbOrTx } from "@db/client";
import { arrivals, arrivalSteps, hoursLog, matches, needs, offers, organisations } from "@db/schema";
import { RUNNING_MATCH_STATUSES } from "@db/schema/enums";
import type { AuthUser } from "~/modules/auth/auth-user";
import { explainOrganisationCover } from "~/modules/matching";
import { completeMatch } from "~/modules/matches/lifecycle-commands.server";
import { insertProposals } from "~/modules/matches/proposals.server";
import { loadMatchingInstance } from "~/modules/matches/matching-instance.server";
import { isFinalNeedStatus } from "~/modules/needs/need-status";
import { needToFormValues } from "~/modules/needs/need-form-values";
import { NeedFormSchema } from "~/modules/needs/need.schema";
import { finishNeed, updateNeed } from "~/modules/needs/commands.server";
import { getNeedDetail } from "~/modules/needs/queries.server";
import { assertCan, notFound } from "~/modules/permissions/guards.server";
import { parseWithinLimits } from "~/utils/field-limits";
import { zonedIsoDate } from "~/utils/time";
import { loadTemplates } from "./templates.server";
import type { ArrivalResult } from "./commands.server";
import { defaultDoneOn, earliestDoneOn, requireArrival } from "./queries.server";

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
