import { assertCan, notFound, requireIdParam } from "~/modules/permissions/guards.server";
import type { Action } from "~/modules/permissions/permissions";
import { requireOrganisation } from "~/modules/organisations/organisations.server";
import { loadEventResource, type ActivityScope } from "./queries.server";
import type { Db } from "@db/client";

/**
 * Guard for /organisations/:id/activities/:eventId/…: a member of the organisation, acting on an
 * activity that belongs to it. Another organisation's activity answers as the permission rules say
 * (404 unless it is public, 403 then) and never reaches the command; the ids must also agree.
 */
export async function requireManagedActivity(
  db: Db,
  request: Request,
  params: Record<string, string | undefined>,
  action: Extract<Action, "event:update" | "shift:manage" | "signup:read-list"> = "event:update",
) {
  const { user, organisation } = await requireOrganisation(
    db,
    request,
    params,
    "organisation:manage-activities",
  );
  const eventId = requireIdParam(params, "eventId");
  const resource = loadEventResource(db, eventId);
  if (!resource) throw notFound();
  assertCan(user, action, resource);
  if (resource.organisationId !== organisation.id) throw notFound();
  const scope: ActivityScope = { eventId, organisationId: organisation.id };
  return { user, organisation, resource, scope };
}
