/**
 * Writing offers. Ownership is part of every `where`: an update or a status change with a scope that does
 * not own the offer finds nothing, so callers answer 404 without a separate permission query that could
 * drift from the write.
 */
import { and, eq } from "drizzle-orm";
import type { Db, DbOrTx } from "@db/client";
import { offerAvailability, offerLanguages, offerNeighbourhoods, offers } from "@db/schema";
import { type OfferStatus } from "@db/schema/enums";
import { categoryAllowed, neighbourhoodsExist } from "~/modules/places/places.server";
import type { FieldErrors } from "~/utils/form-validation";
import type { OfferInput, OfferStatusIntent } from "./offers.schema";
import { scopeWhere, type OfferOwner, type OfferScope } from "./queries.server";

export type OfferWriteResult =
  | { ok: true; id: number }
  | { ok: false; errors: FieldErrors }
  | { ok: false; notFound: true };

/** Checks what only the database knows (category and neighbourhoods exist) and what depends on today. */
function checkReferences(
  tx: DbOrTx,
  input: OfferInput,
  today: string,
  currentCategoryId: number | null = null,
): FieldErrors {
  const errors: FieldErrors = {};
  // An edited offer keeps the category it has, even one no longer offered in the choices.
  if (!categoryAllowed(tx, input.categoryId, currentCategoryId))
    errors.categoryId = "offers:errors.categoryUnknown";
  if (!neighbourhoodsExist(tx, input.neighbourhoodIds))
    errors.neighbourhoodIds = "offers:errors.neighbourhoodUnknown";
  if (input.validUntil !== null && input.validUntil < today)
    errors.validUntil = "offers:errors.validUntilPast";
  return errors;
}

function replaceChildren(tx: DbOrTx, offerId: number, input: OfferInput): void {
  tx.delete(offerLanguages).where(eq(offerLanguages.offerId, offerId)).run();
  tx.insert(offerLanguages)
    .values(input.languages.map((language) => ({ offerId, language })))
    .run();
  tx.delete(offerNeighbourhoods).where(eq(offerNeighbourhoods.offerId, offerId)).run();
  tx.insert(offerNeighbourhoods)
    .values(input.neighbourhoodIds.map((neighbourhoodId) => ({ offerId, neighbourhoodId })))
    .run();
  tx.delete(offerAvailability).where(eq(offerAvailability.offerId, offerId)).run();
  if (input.availability.length > 0) {
    tx.insert(offerAvailability)
      .values(input.availability.map((w) => ({ offerId, ...w })))
      .run();
  }
}

function offerColumns(input: OfferInput) {
  return {
    categoryId: input.categoryId,
    title: input.title,
    description: input.description,
    capacity: input.capacity,
    radiusKm: input.radiusKm,
    validUntil: input.validUntil,
  };
}

/** A new active offer of `owner`. `today` is the ISO date in Europe/Berlin. */
export function createOffer(db: Db, owner: OfferOwner, input: OfferInput, today: string): OfferWriteResult {
  return db.transaction(
    (tx) => {
      const errors = checkReferences(tx, input, today);
      if (Object.keys(errors).length > 0) return { ok: false as const, errors };
      const created = tx
        .insert(offers)
        .values({
          ...offerColumns(input),
          volunteerId: "volunteerId" in owner ? owner.volunteerId : null,
          organisationId: "organisationId" in owner ? owner.organisationId : null,
          status: "active",
        })
        .returning({ id: offers.id })
        .get();
      replaceChildren(tx, created.id, input);
      return { ok: true as const, id: created.id };
    },
    { behavior: "immediate" },
  );
}

/** Changes an offer the scope owns; someone else's changes nothing (not found), an ended one is refused. */
export function updateOffer(
  db: Db,
  target: { id: number; scope: OfferScope },
  input: OfferInput,
  today: string,
): OfferWriteResult {
  return db.transaction(
    (tx) => {
      const mine = tx
        .select({ status: offers.status, categoryId: offers.categoryId })
        .from(offers)
        .where(and(eq(offers.id, target.id), scopeWhere(target.scope)))
        .get();
      if (!mine) return { ok: false as const, notFound: true as const };
      const errors = checkReferences(tx, input, today, mine.categoryId);
      if (Object.keys(errors).length > 0) return { ok: false as const, errors };
      if (mine.status === "ended") return { ok: false as const, errors: { form: "offers:errors.ended" } };
      const changed = tx
        .update(offers)
        .set(offerColumns(input))
        .where(and(eq(offers.id, target.id), scopeWhere(target.scope)))
        .run().changes;
      if (changed !== 1) return { ok: false as const, notFound: true as const };
      replaceChildren(tx, target.id, input);
      return { ok: true as const, id: target.id };
    },
    { behavior: "immediate" },
  );
}

const TRANSITIONS: Record<OfferStatusIntent, { from: OfferStatus[]; to: OfferStatus }> = {
  pause: { from: ["active"], to: "paused" },
  resume: { from: ["paused"], to: "active" },
  end: { from: ["active", "paused"], to: "ended" },
};

export type OfferStatusResult =
  | { ok: true; status: OfferStatus }
  | { ok: false; error: "not_found" | "not_allowed" | "expired" };

/** Pause, resume or end an offer of the scope. An offer whose end date has passed cannot be resumed. */
export function changeOfferStatus(
  db: Db,
  target: { id: number; scope: OfferScope },
  intent: OfferStatusIntent,
  today: string,
): OfferStatusResult {
  const transition = TRANSITIONS[intent];
  return db.transaction(
    (tx) => {
      const current = tx
        .select({ status: offers.status, validUntil: offers.validUntil })
        .from(offers)
        .where(and(eq(offers.id, target.id), scopeWhere(target.scope)))
        .get();
      if (!current) return { ok: false as const, error: "not_found" as const };
      if (!transition.from.includes(current.status))
        return { ok: false as const, error: "not_allowed" as const };
      if (intent === "resume" && current.validUntil !== null && current.validUntil < today) {
        return { ok: false as const, error: "expired" as const };
      }
      tx.update(offers)
        .set({ status: transition.to })
        .where(and(eq(offers.id, target.id), scopeWhere(target.scope)))
        .run();
      return { ok: true as const, status: transition.to };
    },
    { behavior: "immediate" },
  );
}
