/**
 * Writing urgent reach outside the wave job: a volunteer's opt-out switch, and the coordinator's commands
 * on a need (auto-accept, ask now, stop asking, confirm or release a yes), each with an audit entry.
 */
import { eq } from "drizzle-orm";
import { type Db, type DbOrTx } from "@db/client";
import { needs, urgentReach, urgentRequests, volunteerProfiles } from "@db/schema";
import type { AuthUser } from "~/modules/auth/auth-user";
import type { AuditDetails } from "~/modules/audit/audit-details";
import { recordAudit } from "~/modules/audit/audit.server";
import { insertAcceptedMatch } from "~/modules/matches/proposals.server";
import { explainCandidate } from "~/modules/matches/matching.server";
import { notify } from "~/modules/notifications/notify.server";
import { assertCan, notFound } from "~/modules/permissions/guards.server";
import type { FieldErrors } from "~/utils/form-validation";
import { bringWaveForward, scheduleWave, startUrgentReach } from "./start.server";
import { MAX_WAVES } from "./waves";
import { endReach, loadNeedState, reasonToStop } from "./wave-jobs.server";
import { loadRequest, type RequestRow } from "./answers.server";

export function setAcceptsUrgentRequests(db: DbOrTx, userId: string, accepts: boolean): void {
  db.update(volunteerProfiles)
    .set({ acceptsUrgentRequests: accepts })
    .where(eq(volunteerProfiles.userId, userId))
    .run();
}

export type ReachCommandResult = { ok: true } | { ok: false; errors: FieldErrors };

interface NeedForCommand {
  id: number;
  neighbourhoodId: number;
  organisationId: number | null;
}

function requireNeedToCoordinate(db: DbOrTx, user: AuthUser, needId: number): NeedForCommand {
  const need = db
    .select({ id: needs.id, neighbourhoodId: needs.neighbourhoodId, organisationId: needs.organisationId })
    .from(needs)
    .where(eq(needs.id, needId))
    .get();
  if (!need) throw notFound();
  assertCan(user, "need:read", need);
  assertCan(user, "match:propose", need);
  return need;
}

function audit(tx: DbOrTx, user: AuthUser, need: NeedForCommand, action: string, details: AuditDetails) {
  recordAudit(tx, {
    actorId: user.id,
    action: `need.${action}`,
    entityType: "need",
    entityId: need.id,
    neighbourhoodId: need.neighbourhoodId,
    details,
  });
}

/** Auto-accept on or off for a need (before or while asking). */
export function setAutoAccept(
  db: Db,
  user: AuthUser,
  needId: number,
  autoAccept: boolean,
): ReachCommandResult {
  const need = requireNeedToCoordinate(db, user, needId);
  db.transaction((tx) => {
    tx.insert(urgentReach)
      .values({ needId, autoAccept })
      .onConflictDoUpdate({ target: urgentReach.needId, set: { autoAccept } })
      .run();
    audit(tx, user, need, "urgent_auto_accept", { autoAccept });
  });
  return { ok: true };
}

/**
 * "Ask now": starts asking for a need that is not urgent by itself, or sends the next wave at once
 * (also after asking ended or was stopped, as long as the need is ahead and has a free place).
 */
export function askNow(db: Db, user: AuthUser, needId: number, now = Date.now()): ReachCommandResult {
  const need = requireNeedToCoordinate(db, user, needId);
  return db.transaction(
    (tx): ReachCommandResult => {
      const state = loadNeedState(tx, needId);
      const stop = reasonToStop(state, now);
      if (stop) return { ok: false, errors: { form: `needs:urgent.errors.${stop}` } };
      const reach = tx.select().from(urgentReach).where(eq(urgentReach.needId, needId)).get();
      if (!reach?.startedAt) {
        startUrgentReach(tx, needId, { startedBy: user.id, now });
        return { ok: true };
      }
      if (reach.wavesSent >= MAX_WAVES)
        return { ok: false, errors: { form: "needs:urgent.errors.all_waves" } };
      tx.update(urgentReach)
        .set({ endedAt: null, endReason: null, nextWaveAt: new Date(now) })
        .where(eq(urgentReach.needId, needId))
        .run();
      const next = reach.wavesSent + 1;
      if (!bringWaveForward(tx, needId, next, now)) scheduleWave(tx, needId, next, now);
      audit(tx, user, need, "urgent_asked_now", { wave: next });
      return { ok: true };
    },
    { behavior: "immediate" },
  );
}

/** Stops asking: no further wave goes out. Links sent already still take answers. */
export function stopAsking(db: Db, user: AuthUser, needId: number, now = Date.now()): ReachCommandResult {
  const need = requireNeedToCoordinate(db, user, needId);
  db.transaction((tx) => {
    endReach(tx, needId, "stopped", now);
    audit(tx, user, need, "urgent_stopped", {});
  });
  return { ok: true };
}

function requireYes(tx: DbOrTx, needId: number, requestId: number): RequestRow {
  const request = loadRequest(tx, requestId);
  if (!request || request.needId !== needId) throw notFound();
  return request;
}

/** The coordinator confirms a volunteer's "Ich kann": an accepted match, the volunteer is told. */
export function confirmYes(
  db: Db,
  user: AuthUser,
  needId: number,
  requestId: number,
  now = Date.now(),
): ReachCommandResult {
  const need = requireNeedToCoordinate(db, user, needId);
  const request = requireYes(db, needId, requestId);
  if (request.answer !== "yes" || !(request.outcome === "proposed" || request.outcome === "not_needed"))
    return { ok: false, errors: { form: "needs:urgent.errors.notConfirmable" } };
  const verdict = request.offerId !== null ? explainCandidate(db, needId, request.offerId, { now }) : null;
  if (!verdict || verdict.status !== "candidate") {
    db.update(urgentRequests)
      .set({ outcome: "no_longer_fits" })
      .where(eq(urgentRequests.id, requestId))
      .run();
    return { ok: false, errors: { form: "needs:urgent.errors.noLongerFits" } };
  }
  return db.transaction(
    (tx): ReachCommandResult => {
      const state = loadNeedState(tx, needId);
      if (!state || state.status === "closed" || state.status === "cancelled")
        return { ok: false, errors: { form: "needs:errors.finished" } };
      const match = insertAcceptedMatch(tx, {
        needId,
        neighbourhoodId: need.neighbourhoodId,
        candidate: verdict.candidate,
        proposedBy: user.id,
        actorId: user.id,
        now,
      });
      if (!match) return { ok: false, errors: { form: "matches:errors.alreadyProposed" } };
      tx.update(urgentRequests)
        .set({ outcome: "matched", matchId: match.id })
        .where(eq(urgentRequests.id, requestId))
        .run();
      audit(tx, user, need, "urgent_confirmed", { requestId, matchId: match.id });
      notify(tx, {
        userId: request.volunteerId,
        kind: "urgent_confirmed",
        params: { needId, needTitle: state.title },
        link: `/matches/${match.id}`,
      });
      const after = loadNeedState(tx, needId);
      if (after && reasonToStop(after, now) === "covered") endReach(tx, needId, "covered", now);
      return { ok: true };
    },
    { behavior: "immediate" },
  );
}

/**
 * The coordinator thanks a volunteer whose "Ich kann" is not taken: their place is free again, and if
 * asking had ended because the need was covered, it goes on with the next wave.
 */
export function releaseYes(
  db: Db,
  user: AuthUser,
  needId: number,
  requestId: number,
  now = Date.now(),
): ReachCommandResult {
  const need = requireNeedToCoordinate(db, user, needId);
  return db.transaction(
    (tx): ReachCommandResult => {
      const request = requireYes(tx, needId, requestId);
      if (request.answer !== "yes" || request.outcome !== "proposed")
        return { ok: false, errors: { form: "needs:urgent.errors.notConfirmable" } };
      tx.update(urgentRequests).set({ outcome: "released" }).where(eq(urgentRequests.id, requestId)).run();
      audit(tx, user, need, "urgent_released", { requestId });
      const state = loadNeedState(tx, needId);
      notify(tx, {
        userId: request.volunteerId,
        kind: "urgent_released",
        params: { needId, needTitle: state?.title ?? "" },
      });
      const reach = tx.select().from(urgentReach).where(eq(urgentReach.needId, needId)).get();
      if (
        reach?.endReason === "covered" &&
        state &&
        reasonToStop(state, now) === null &&
        reach.wavesSent < MAX_WAVES
      ) {
        tx.update(urgentReach)
          .set({ endedAt: null, endReason: null, nextWaveAt: new Date(now) })
          .where(eq(urgentReach.needId, needId))
          .run();
        scheduleWave(tx, needId, reach.wavesSent + 1, now);
      }
      return { ok: true };
    },
    { behavior: "immediate" },
  );
}
