/** Admin screens for people: list, change role, set a coordinator's neighbourhoods. */
import { and, asc, count, eq, like, or, sql } from "drizzle-orm";
import type { Db } from "@db/client";
import { coordinatorNeighbourhoods, sessions, users } from "@db/schema";
import type { UserRole } from "@db/schema/enums";
import { recordAudit } from "~/modules/audit/audit.server";
import type { Outcome } from "./account-queries.server";
import { neighbourhoodsExist } from "~/modules/places/places.server";

export const USERS_PAGE_SIZE = 50;

export interface UserListItem {
  id: string;
  displayName: string;
  email: string;
  role: UserRole;
  lastLoginAt: number | null;
  neighbourhoodNames: string[];
}

/** One page of people, filtered by role and a search in name or e-mail: two queries. */
export function listUsers(
  db: Db,
  filter: { role?: UserRole; q?: string; page: number },
): {
  items: UserListItem[];
  total: number;
} {
  const q = filter.q?.trim().toLowerCase();
  const where = and(
    filter.role ? eq(users.role, filter.role) : undefined,
    q ? or(like(sql`lower(${users.displayName})`, `%${q}%`), like(users.email, `%${q}%`)) : undefined,
  );
  const total = db.select({ n: count() }).from(users).where(where).get()?.n ?? 0;
  const rows = db
    .select({
      id: users.id,
      displayName: users.displayName,
      email: users.email,
      role: users.role,
      lastLoginAt: users.lastLoginAt,
      neighbourhoodNames: sql<string>`(select json_group_array(n.name) from coordinator_neighbourhoods cn join neighbourhoods n on n.id = cn.neighbourhood_id where cn.user_id = ${users.id})`,
    })
    .from(users)
    .where(where)
    .orderBy(asc(users.displayName), asc(users.id))
    .limit(USERS_PAGE_SIZE)
    .offset((filter.page - 1) * USERS_PAGE_SIZE)
    .all();
  return {
    total,
    items: rows.map((r) => ({
      ...r,
      lastLoginAt: r.lastLoginAt?.getTime() ?? null,
      neighbourhoodNames: JSON.parse(r.neighbourhoodNames) as string[],
    })),
  };
}

export function getUserForAdmin(db: Db, userId: string) {
  const user = db
    .select({
      id: users.id,
      displayName: users.displayName,
      email: users.email,
      role: users.role,
      createdAt: users.createdAt,
      lastLoginAt: users.lastLoginAt,
    })
    .from(users)
    .where(eq(users.id, userId))
    .get();
  if (!user) return null;
  const scope = db
    .select({ id: coordinatorNeighbourhoods.neighbourhoodId })
    .from(coordinatorNeighbourhoods)
    .where(eq(coordinatorNeighbourhoods.userId, userId))
    .all()
    .map((r) => r.id);
  return {
    ...user,
    createdAt: user.createdAt.getTime(),
    lastLoginAt: user.lastLoginAt?.getTime() ?? null,
    neighbourhoodIds: scope,
  };
}

/**
 * Changes a person's role. Their sessions end, so the new rights and the new session lifetime apply at
 * once. An admin cannot change their own role (no one locks the last admin out by accident).
 */
export function setUserRole(db: Db, adminId: string, userId: string, role: UserRole): Outcome<null> {
  if (adminId === userId) return { ok: false, errors: { role: "auth:errors.ownRole" } };
  return db.transaction((tx): Outcome<null> => {
    const before = tx.select({ role: users.role }).from(users).where(eq(users.id, userId)).get();
    if (!before) return { ok: false, errors: { form: "auth:errors.userMissing" } };
    if (before.role === role) return { ok: true, value: null };
    tx.update(users).set({ role }).where(eq(users.id, userId)).run();
    if (role !== "coordinator")
      tx.delete(coordinatorNeighbourhoods).where(eq(coordinatorNeighbourhoods.userId, userId)).run();
    tx.delete(sessions).where(eq(sessions.userId, userId)).run();
    recordAudit(tx, {
      actorId: adminId,
      action: "user.role_changed",
      entityType: "user",
      entityId: userId,
      neighbourhoodId: null,
      details: { from: before.role, to: role },
    });
    return { ok: true, value: null };
  });
}

/** Replaces a coordinator's neighbourhoods (their scope). */
export function setCoordinatorNeighbourhoods(
  db: Db,
  adminId: string,
  userId: string,
  neighbourhoodIds: number[],
): Outcome<null> {
  return db.transaction((tx): Outcome<null> => {
    const user = tx.select({ role: users.role }).from(users).where(eq(users.id, userId)).get();
    if (!user) return { ok: false, errors: { form: "auth:errors.userMissing" } };
    if (user.role !== "coordinator")
      return { ok: false, errors: { neighbourhoodIds: "auth:errors.notCoordinator" } };
    const ids = [...new Set(neighbourhoodIds)];
    if (!neighbourhoodsExist(tx, ids))
      return { ok: false, errors: { neighbourhoodIds: "auth:errors.neighbourhoodInvalid" } };
    tx.delete(coordinatorNeighbourhoods).where(eq(coordinatorNeighbourhoods.userId, userId)).run();
    if (ids.length)
      tx.insert(coordinatorNeighbourhoods)
        .values(ids.map((neighbourhoodId) => ({ userId, neighbourhoodId })))
        .run();
    recordAudit(tx, {
      actorId: adminId,
      action: "user.scope_changed",
      entityType: "user",
      entityId: userId,
      neighbourhoodId: null,
      details: { neighbourhoodIds: ids },
    });
    return { ok: true, value: null };
  });
}
