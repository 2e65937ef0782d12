import { redirect } from "@remix-run/node";
import { requireUser, type AuthUser } from "~/modules/auth/session.server";
import { assertCan } from "~/modules/permissions/guards.server";
import { can } from "~/modules/permissions/permissions";
import type { Db } from "@db/client";

/** Where someone without a volunteer profile starts one. */
export const PROFILE_PATH = "/volunteer/profile";

/**
 * The signed-in volunteer. Someone who could become one (an organisation member without a profile)
 * is sent to create the profile first; everyone else gets a 403.
 */
export async function requireVolunteer(db: Db, request: Request): Promise<AuthUser> {
  const user = await requireUser(db, request);
  if (!user.isVolunteer && can(user, "volunteer-profile:create")) throw redirect(PROFILE_PATH);
  assertCan(user, "volunteer-area:access");
  return user;
}
