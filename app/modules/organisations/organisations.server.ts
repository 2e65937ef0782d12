/**
 * An organisation as its members see and change it: the profile and its neighbourhoods.
 * Members live in members.server.ts, registration in registration.server.ts, offers in offers/.
 */
import { asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@db/client";
import { neighbourhoods, organisationNeighbourhoods, organisations } from "@db/schema";
import type { OrganisationKind, UiLocale } from "@db/schema/enums";
import type { AuthUser } from "~/modules/auth/auth-user";
import { requireUser } from "~/modules/auth/session.server";
import { assertCan, notFound, requireIdParam } from "~/modules/permissions/guards.server";
import type { Action, OrganisationResource } from "~/modules/permissions/permissions";
import type { FieldErrors } from "~/utils/form-validation";
import type { OrganisationProfileValues } from "./organisation.schema";

export interface OrganisationProfile {
  id: number;
  slug: string;
  name: string;
  kind: OrganisationKind;
  description: string;
  originalLanguage: UiLocale;
  website: string | null;
  email: string | null;
  phone: string | null;
  verifiedAt: number | null;
  neighbourhoodIds: number[];
}

const PROFILE_COLUMNS = {
  id: organisations.id,
  slug: organisations.slug,
  name: organisations.name,
  kind: organisations.kind,
  description: organisations.description,
  originalLanguage: organisations.originalLanguage,
  website: organisations.website,
  email: organisations.email,
  phone: organisations.phone,
  verifiedAt: organisations.verifiedAt,
  neighbourhoodIds: sql<string>`(select json_group_array(neighbourhood_id) from (select neighbourhood_id from organisation_neighbourhoods where organisation_id = ${organisations.id} order by neighbourhood_id))`,
};

function toProfile(
  row: { verifiedAt: Date | null; neighbourhoodIds: string } & Omit<
    OrganisationProfile,
    "verifiedAt" | "neighbourhoodIds"
  >,
): OrganisationProfile {
  return {
    ...row,
    verifiedAt: row.verifiedAt?.getTime() ?? null,
    neighbourhoodIds: JSON.parse(row.neighbourhoodIds) as number[],
  };
}

export function getOrganisationProfile(db: Db, organisationId: number): OrganisationProfile | null {
  const row = db
    .select(PROFILE_COLUMNS)
    .from(organisations)
    .where(eq(organisations.id, organisationId))
    .get();
  return row ? toProfile(row) : null;
}

/** The id of the organisation with this slug (old links used slugs), or null. */
export function findOrganisationIdBySlug(db: Db, slug: string | undefined): number | null {
  if (!slug || !/^[a-z0-9][a-z0-9-]{0,79}$/.test(slug)) return null;
  return (
    db.select({ id: organisations.id }).from(organisations).where(eq(organisations.slug, slug)).get()?.id ??
    null
  );
}

export type OrganisationAction = Extract<
  Action,
  | "organisation:read-private"
  | "organisation:update"
  | "organisation:manage-members"
  | "organisation:manage-activities"
>;

/**
 * Guard for every page under /organisations/:id: the signed-in user, the organisation, and the
 * permission. Malformed or unknown id: 404; an organisation the user may not act for: 403.
 */
export async function requireOrganisation(
  db: Db,
  request: Request,
  params: Record<string, string | undefined>,
  action: OrganisationAction,
): Promise<{ user: AuthUser; organisation: OrganisationProfile; resource: OrganisationResource }> {
  const organisationId = requireIdParam(params);
  const user = await requireUser(db, request);
  const organisation = getOrganisationProfile(db, organisationId);
  if (!organisation) throw notFound();
  const resource: OrganisationResource = {
    organisationId: organisation.id,
    neighbourhoodIds: organisation.neighbourhoodIds,
  };
  assertCan(user, action, resource);
  return { user, organisation, resource };
}

/** The organisations a person belongs to, for the organisation area's start page. */
export function listOrganisationsOf(db: Db, user: AuthUser) {
  const ids = user.memberships.map((m) => m.organisationId);
  if (ids.length === 0) return [];
  return db
    .select({
      id: organisations.id,
      slug: organisations.slug,
      name: organisations.name,
      verifiedAt: organisations.verifiedAt,
    })
    .from(organisations)
    .where(inArray(organisations.id, ids))
    .orderBy(asc(organisations.name))
    .all()
    .map((o) => ({
      ...o,
      verifiedAt: o.verifiedAt?.getTime() ?? null,
      role: user.memberships.find((m) => m.organisationId === o.id)?.role ?? "member",
    }));
}

/**
 * Saves the profile and its neighbourhoods in one transaction. The slug stays as it was, so links to
 * the organisation keep working after a rename. Unknown neighbourhood ids are reported, nothing saved.
 */
export function updateOrganisationProfile(
  db: Db,
  organisationId: number,
  values: OrganisationProfileValues,
): { ok: true } | { ok: false; errors: FieldErrors } {
  const wanted = [...new Set(values.neighbourhoodIds.map(Number))];
  return db.transaction((tx): { ok: true } | { ok: false; errors: FieldErrors } => {
    const known = wanted.length
      ? tx
          .select({ id: neighbourhoods.id })
          .from(neighbourhoods)
          .where(inArray(neighbourhoods.id, wanted))
          .all()
      : [];
    if (known.length !== wanted.length)
      return { ok: false, errors: { neighbourhoodIds: "organisations:errors.choose" } };
    const updated = tx
      .update(organisations)
      .set({
        name: values.name,
        kind: values.kind,
        description: values.description,
        originalLanguage: values.originalLanguage,
        website: values.website || null,
        email: values.email || null,
        phone: values.phone || null,
      })
      .where(eq(organisations.id, organisationId))
      .run();
    if (updated.changes === 0) return { ok: false, errors: { form: "organisations:errors.gone" } };
    tx.delete(organisationNeighbourhoods)
      .where(eq(organisationNeighbourhoods.organisationId, organisationId))
      .run();
    if (wanted.length) {
      tx.insert(organisationNeighbourhoods)
        .values(wanted.map((neighbourhoodId) => ({ organisationId, neighbourhoodId })))
        .run();
    }
    return { ok: true };
  });
}
