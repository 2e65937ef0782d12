import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import { memberships, organisationNeighbourhoods, organisations, users } from "@db/schema";
import type { OrganisationKind } from "@db/schema/enums";
import type { AuthUser } from "~/modules/auth/auth-user";
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
export function listOrganisationsForReview(
  user: AuthUser,
  options: { onlyUnverified: boolean },
): OrganisationForReview[] {
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
    .filter((r) =>
      can(user, "organisation:verify", { organisationId: r.id, neighbourhoodIds: r.neighbourhoodIds }),
    );
  const owners = visible.length
    ? db
        .select({ organisationId: memberships.organisationId, name: users.displayName })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(
          and(
            eq(memberships.role, "owner"),
            inArray(
              memberships.organisationId,
              visible.map((r) => r.id),
            ),
          ),
        )
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
