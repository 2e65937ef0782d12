import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import { memberships, organisationNeighbourhoods, organisations, users } from "@db/schema";
import type { OrganisationKind } from "@db/schema/enums";
import { recordAudit } from "~/modules/audit/audit.server";
import type { AuthUser } from "~/modules/auth/auth-user";
import { notify } from "~/modules/notifications/notify.server";
import { can } from "~/modules/permissions/permissions";
import { getDb } from "~/utils/db.server";

export interface OrganisationForReview {
  id: number;
  name: string;
  kind: OrganisationKind;
  email: string | null;
  website: string | null;
  description: string;
  createdAt: number;
  verifiedAt: number | null;
  neighbourhoodIds: number[];
  ownerNames: string[];
}

/** Organisations waiting for verification (or all), as seen by this coordinator: two queries. */
export function listOrganisationsForReview(user: AuthUser, options: { onlyUnverified: boolean }): OrganisationForReview[] {
  const db = getDb();
  const rows = db
    .select({
      id: organisations.id,
      name: organisations.name,
      kind: organisations.kind,
      email: organisations.email,
      website: organisations.website,
      description: organisations.description,
      createdAt: organisations.createdAt,
      verifiedAt: organisations.verifiedAt,
      neighbourhoodIds: sql<string>`(select json_group_array(neighbourhood_id) from organisation_neighbourhoods where organisation_id = ${organisations.id})`,
    })
    .from(organisations)
    .where(options.onlyUnverified ? isNull(organisations.verifiedAt) : undefined)
    .orderBy(asc(organisations.createdAt), asc(organisations.id))
    .all();
  const visible = rows
    .map((r) => ({ ...r, neighbourhoodIds: JSON.parse(r.neighbourhoodIds) as number[] }))
    .filter((r) => can(user, "organisation:verify", { organisationId: r.id, neighbourhoodIds: r.neighbourhoodIds }));
  const owners = visible.length
    ? db
        .select({ organisationId: memberships.organisationId, name: users.displayName })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(and(eq(memberships.role, "owner"), inArray(memberships.organisationId, visible.map((r) => r.id))))
        .all()
    : [];
  return visible.map((r) => ({
    ...r,
    createdAt: r.createdAt.getTime(),
    verifiedAt: r.verifiedAt?.getTime() ?? null,
    ownerNames: owners.filter((o) => o.organisationId === r.id).map((o) => o.name),
  }));
}

export function organisationNeighbourhoodIds(organisationId: number): number[] {
  return getDb()
    .select({ id: organisationNeighbourhoods.neighbourhoodId })
    .from(organisationNeighbourhoods)
    .where(eq(organisationNeighbourhoods.organisationId, organisationId))
    .all()
    .map((r) => r.id);
}

/** Marks the organisation verified (its published activities become public), audits it and tells the owners. */
export function verifyOrganisation(organisationId: number, coordinatorId: string): boolean {
  const db = getDb();
  return db.transaction((tx) => {
    const updated = tx
      .update(organisations)
      .set({ verifiedAt: new Date(), verifiedBy: coordinatorId })
      .where(and(eq(organisations.id, organisationId), isNull(organisations.verifiedAt)))
      .returning({ name: organisations.name })
      .get();
    if (!updated) return false;
    recordAudit(tx, { actorId: coordinatorId, action: "organisation.verified", entityType: "organisation", entityId: organisationId, neighbourhoodId: null });
    const owners = tx
      .select({ id: memberships.userId })
      .from(memberships)
      .where(and(eq(memberships.organisationId, organisationId), eq(memberships.role, "owner")))
      .all();
    for (const owner of owners) {
      notify(tx, { userId: owner.id, kind: "organisation_verified", params: { organisationName: updated.name }, link: "/organisation" });
    }
    return true;
  });
}
