/**
 * Needs: recorded by coordinators (for their neighbourhoods) and organisation members (for their
 * organisation), edited, closed or cancelled. Every change is audited in its own transaction; a need's
 * status follows its matches (see need-status.ts and `recomputeNeedStatus`). Reading: queries.server.ts.
 */
import { and, asc, eq, inArray } from "drizzle-orm";
import { type Db, type DbOrTx } from "@db/client";
import { matches, needLanguages, needSlots, needs, organisations } from "@db/schema";
import { LIVE_MATCH_STATUSES, RUNNING_MATCH_STATUSES, type NeedStatus } from "@db/schema/enums";
import type { AuthUser } from "~/modules/auth/auth-user";
import { recordAudit } from "~/modules/audit/audit.server";
import { categoryAllowed, neighbourhoodsExist } from "~/modules/places/places.server";
import { startUrgentReachIfDue } from "~/modules/reach/start.server";
import { can, isMemberOf } from "~/modules/permissions/permissions";
import type { FieldErrors } from "~/utils/form-validation";
import { endMatchesOfNeed, recomputeNeedStatus } from "~/modules/matches/need-match-state.server";
import { isFinalNeedStatus } from "./need-status";
import type { NeedCloseSchema, NeedInput } from "./need.schema";
import type { z } from "zod";
import { requireNeed } from "./queries.server";

export type CommandResult<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

/** Field errors for references that don't exist or lie outside the user's scope. */
function referenceErrors(
  db: DbOrTx,
  user: AuthUser,
  input: Pick<NeedInput, "categoryId" | "neighbourhoodId" | "organisationId">,
): FieldErrors {
  const errors: FieldErrors = {};
  if (!categoryAllowed(db, input.categoryId)) errors.categoryId = "needs:errors.category";
  if (!neighbourhoodsExist(db, [input.neighbourhoodId])) {
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
