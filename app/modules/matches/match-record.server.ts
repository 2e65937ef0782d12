/** Reading one match as a permission resource, and the guard every match command starts with. */
import { eq, sql } from "drizzle-orm";
import { type DbOrTx } from "@db/client";
import { matches, needs, offerNeighbourhoods, offers } from "@db/schema";
import type { MatchStatus, NeedStatus } from "@db/schema/enums";
import type { AuthUser } from "~/modules/auth/auth-user";
import { assertCan, notFound } from "~/modules/permissions/guards.server";
import type { MatchResource, NeedResource, OfferResource } from "~/modules/permissions/permissions";
import type { FieldErrors } from "~/utils/form-validation";

export type LifecycleResult<T = { id: number }> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

export const fail = (errors: FieldErrors) => ({ ok: false as const, errors });

export interface MatchRecord extends MatchResource {
  id: number;
  status: MatchStatus;
  needId: number;
  offerId: number | null;
  needTitle: string;
  needStatus: NeedStatus;
  proposedBy: string | null;
  offerTitle: string | null;
}

/** The match as a permission resource, with what the commands need; null when there is none. */
export function loadMatchRecord(db: DbOrTx, matchId: number): MatchRecord | null {
  const row = db
    .select({
      id: matches.id,
      status: matches.status,
      needId: matches.needId,
      offerId: matches.offerId,
      proposedBy: matches.proposedBy,
      needTitle: needs.title,
      needStatus: needs.status,
      needNeighbourhoodId: needs.neighbourhoodId,
      needOrganisationId: needs.organisationId,
      offerTitle: offers.title,
      offerVolunteerId: offers.volunteerId,
      offerOrganisationId: offers.organisationId,
      offerNeighbourhoodIds: sql<string>`(select json_group_array(neighbourhood_id) from ${offerNeighbourhoods} where offer_id = matches.offer_id)`,
    })
    .from(matches)
    .innerJoin(needs, eq(needs.id, matches.needId))
    .leftJoin(offers, eq(offers.id, matches.offerId))
    .where(eq(matches.id, matchId))
    .get();
  if (!row) return null;
  const need: NeedResource = {
    neighbourhoodId: row.needNeighbourhoodId,
    organisationId: row.needOrganisationId,
  };
  const offer: OfferResource = {
    volunteerId: row.offerVolunteerId,
    organisationId: row.offerOrganisationId,
    neighbourhoodIds: JSON.parse(row.offerNeighbourhoodIds) as number[],
  };
  return {
    id: row.id,
    status: row.status,
    needId: row.needId,
    offerId: row.offerId,
    proposedBy: row.proposedBy,
    needTitle: row.needTitle,
    needStatus: row.needStatus,
    offerTitle: row.offerTitle,
    need,
    offer,
  };
}

type MatchAction = "match:read" | "match:respond" | "match:manage" | "match:end";

/** The match if `user` may do `action` on it; 404 when they may not know it exists, 403 otherwise. */
export function requireMatch(db: DbOrTx, user: AuthUser, matchId: number, action: MatchAction): MatchRecord {
  const match = loadMatchRecord(db, matchId);
  if (!match) throw notFound();
  assertCan(user, action, match);
  return match;
}
