import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "@db/client";
import { memberships, organisationNeighbourhoods, organisations, users } from "@db/schema";
import type { OrganisationKind } from "@db/schema/enums";
import type { AuthUser } from "~/modules/auth/auth-user";
import { can } from "~/modules/permissions/permissions";

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

/** Organisations per page of the review list. */
export const REVIEW_PAGE_SIZE = 25;

/**
 * The ids of the organisations waiting for verification (or all) that this coordinator may verify,
 * oldest first: one light query (ids and neighbourhoods), the permission check in code.
 */
function reviewableIds(db: Db, user: AuthUser, options: { onlyUnverified: boolean }): number[] {
  return db
    .select({
      id: organisations.id,
      neighbourhoodIds: sql<string>`(select json_group_array(neighbourhood_id) from organisation_neighbourhoods where organisation_id = ${organisations.id})`,
    })
    .from(organisations)
    .where(options.onlyUnverified ? isNull(organisations.verifiedAt) : undefined)
    .orderBy(asc(organisations.createdAt), asc(organisations.id))
    .all()
    .filter((r) =>
      can(user, "organisation:verify", {
        organisationId: r.id,
        neighbourhoodIds: JSON.parse(r.neighbourhoodIds) as number[],
      }),
    )
    .map((r) => r.id);
}

/** How many organisations wait for this coordinator's verification. */
export function countOrganisationsForReview(db: Db, user: AuthUser): number {
  return reviewableIds(db, user, { onlyUnverified: true }).length;
}

/**
 * One page of the organisations waiting for verification (or all), as seen by this coordinator:
 * three queries whatever the page (ids, the page's rows, their owners).
 */
export function listOrganisationsForReview(
  db: Db,
  user: AuthUser,
  options: { onlyUnverified: boolean; page?: number },
): { organisations: OrganisationForReview[]; total: number; page: number; pageCount: number } {
  const ids = reviewableIds(db, user, options);
  const pageCount = Math.max(1, Math.ceil(ids.length / REVIEW_PAGE_SIZE));
  const page = Math.min(pageCount, Math.max(1, Math.floor(options.page ?? 1) || 1));
  const pageIds = ids.slice((page - 1) * REVIEW_PAGE_SIZE, page * REVIEW_PAGE_SIZE);
  const rows = pageIds.length
    ? db
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
        .where(inArray(organisations.id, pageIds))
        .orderBy(asc(organisations.createdAt), asc(organisations.id))
        .all()
    : [];
  const owners = pageIds.length
    ? db
        .select({ organisationId: memberships.organisationId, name: users.displayName })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(and(eq(memberships.role, "owner"), inArray(memberships.organisationId, pageIds)))
        .all()
    : [];
  return {
    organisations: rows.map((r) => ({
      ...r,
      neighbourhoodIds: JSON.parse(r.neighbourhoodIds) as number[],
      createdAt: r.createdAt.getTime(),
      verifiedAt: r.verifiedAt?.getTime() ?? null,
      ownerNames: owners.filter((o) => o.organisationId === r.id).map((o) => o.name),
    })),
    total: ids.length,
    page,
    pageCount,
  };
}

export function organisationNeighbourhoodIds(db: Db, organisationId: number): number[] {
  return db
    .select({ id: organisationNeighbourhoods.neighbourhoodId })
    .from(organisationNeighbourhoods)
    .where(eq(organisationNeighbourhoods.organisationId, organisationId))
    .all()
    .map((r) => r.id);
}
