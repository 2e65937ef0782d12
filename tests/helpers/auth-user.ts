import { eq } from "drizzle-orm";
import type { Db } from "@db/client";
import { coordinatorNeighbourhoods, memberships, users, volunteerProfiles } from "@db/schema";
import type { AuthUser } from "~/modules/auth/auth-user";

/** The AuthUser that session.server.ts would build for this user, read from the test database. */
export function authUserOf(db: Db, userId: string): AuthUser {
  const user = db.select().from(users).where(eq(users.id, userId)).get();
  if (!user) throw new Error(`authUserOf: no user ${userId}`);
  const profile = db
    .select({ id: volunteerProfiles.userId })
    .from(volunteerProfiles)
    .where(eq(volunteerProfiles.userId, userId))
    .get();
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    locale: user.locale,
    isVolunteer: user.role === "volunteer" || !!profile,
    memberships: db
      .select({ organisationId: memberships.organisationId, role: memberships.role })
      .from(memberships)
      .where(eq(memberships.userId, userId))
      .all(),
    coordinatorNeighbourhoodIds: db
      .select({ id: coordinatorNeighbourhoods.neighbourhoodId })
      .from(coordinatorNeighbourhoods)
      .where(eq(coordinatorNeighbourhoods.userId, userId))
      .all()
      .map((r) => r.id),
  };
}

/** The HTTP status of a guard's thrown Response (404 / 403), or a failure when nothing was thrown. */
export function statusThrownBy(fn: () => unknown): number {
  try {
    fn();
  } catch (error) {
    if (error instanceof Response) return error.status;
    throw error;
  }
  throw new Error("Expected a Response to be thrown, but the call succeeded.");
}
