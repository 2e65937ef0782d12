/**
 * Server guards: the first call of every protected loader and action. Each returns the user or throws
 * (redirect to login for visitors, 403 when the user may know the object, 404 when not).
 */
import { eq } from "drizzle-orm";
import type { Db } from "@db/client";
import { neighbourhoods, organisationNeighbourhoods, organisations } from "@db/schema";
import type { MembershipRole } from "@db/schema/enums";
import { requireUser, type AuthUser } from "~/modules/auth/session.server";
import { can, mayKnowExists, type Action, type OrganisationResource, type ResourceArgs } from "./permissions";

export function forbidden(): Response {
  return new Response("Forbidden", { status: 403 });
}

export function notFound(): Response {
  return new Response("Not found", { status: 404 });
}

/** Throws 404 for objects the user may not know exist, 403 otherwise, unless `can` allows. */
export function assertCan<A extends Action>(
  user: AuthUser | null,
  action: A,
  ...args: ResourceArgs<A>
): void {
  if (can(user, action, ...args)) return;
  throw mayKnowExists(user, action, ...args) ? forbidden() : notFound();
}

/** requireUser + assertCan in one call. */
export async function requireCan<A extends Action>(
  db: Db,
  request: Request,
  action: A,
  ...args: ResourceArgs<A>
): Promise<AuthUser> {
  const user = await requireUser(db, request);
  assertCan(user, action, ...args);
  return user;
}

/** A positive integer route parameter, or 404 (a malformed id is "no such page", never a 500). */
export function requireIdParam(params: Record<string, string | undefined>, name = "id"): number {
  const raw = params[name];
  const id = raw && /^[1-9][0-9]{0,15}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(id)) throw notFound();
  return id;
}

/** The organisation as a permission resource (its neighbourhoods), or null when it does not exist. */
export function loadOrganisationResource(db: Db, organisationId: number): OrganisationResource | null {
  const org = db
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.id, organisationId))
    .get();
  if (!org) return null;
  const rows = db
    .select({ id: organisationNeighbourhoods.neighbourhoodId })
    .from(organisationNeighbourhoods)
    .where(eq(organisationNeighbourhoods.organisationId, organisationId))
    .all();
  return { organisationId, neighbourhoodIds: rows.map((r) => r.id) };
}

/**
 * The signed-in user if they belong to the organisation (with `role: "owner"`: if they own it).
 * Admins pass. Unknown organisation: 404; someone else's: 403.
 */
export async function requireOrgMember(
  db: Db,
  request: Request,
  organisationId: number,
  options: { role?: MembershipRole } = {},
): Promise<{ user: AuthUser; membershipRole: MembershipRole | null }> {
  const user = await requireUser(db, request);
  const org = db
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.id, organisationId))
    .get();
  if (!org) throw notFound();
  const membership = user.memberships.find((m) => m.organisationId === organisationId);
  if (user.role === "admin") return { user, membershipRole: membership?.role ?? null };
  if (!membership || (options.role === "owner" && membership.role !== "owner")) throw forbidden();
  return { user, membershipRole: membership.role };
}

/** The signed-in coordinator responsible for the neighbourhood (admins pass). Unknown neighbourhood: 404. */
export async function requireCoordinatorFor(
  db: Db,
  request: Request,
  neighbourhoodId: number,
): Promise<AuthUser> {
  const user = await requireUser(db, request);
  const nb = db
    .select({ id: neighbourhoods.id })
    .from(neighbourhoods)
    .where(eq(neighbourhoods.id, neighbourhoodId))
    .get();
  if (!nb) throw notFound();
  if (user.role === "admin") return user;
  if (user.role !== "coordinator" || !user.coordinatorNeighbourhoodIds.includes(neighbourhoodId))
    throw forbidden();
  return user;
}
