import { sql, type SQL } from "drizzle-orm";
import type { AuthUser } from "~/modules/auth/auth-user";

/**
 * Whose numbers a reader sees: a coordinator's neighbourhoods, or everything for admins. Shared by the
 * dashboard, the reports and the audit log, so "in scope" means the same on every page.
 */
export interface NeighbourhoodScope {
  /** null = every neighbourhood (admins). */
  neighbourhoodIds: readonly number[] | null;
}

export function scopeOf(user: Pick<AuthUser, "role" | "coordinatorNeighbourhoodIds">): NeighbourhoodScope {
  if (user.role === "admin") return { neighbourhoodIds: null };
  if (user.role === "coordinator") return { neighbourhoodIds: [...user.coordinatorNeighbourhoodIds] };
  return { neighbourhoodIds: [] };
}

export const ALL_NEIGHBOURHOODS: NeighbourhoodScope = { neighbourhoodIds: null };

/**
 * `<column> in scope` as SQL. The id list travels as one JSON parameter, so the statement text is the
 * same for every coordinator (and SQLite still uses the column's index for `in (select …)`).
 */
export function inScope(column: string, scope: NeighbourhoodScope): SQL {
  if (scope.neighbourhoodIds === null) return sql`1`;
  if (scope.neighbourhoodIds.length === 0) return sql`0`;
  return sql`${sql.raw(column)} in (select value from json_each(${JSON.stringify(scope.neighbourhoodIds)}))`;
}

/** A volunteer is in scope through the home neighbourhood or a neighbourhood they chose to serve. */
export function volunteerInScope(userIdColumn: string, homeColumn: string, scope: NeighbourhoodScope): SQL {
  if (scope.neighbourhoodIds === null) return sql`1`;
  return sql`(${inScope(homeColumn, scope)} or exists (select 1 from volunteer_neighbourhoods vn
    where vn.user_id = ${sql.raw(userIdColumn)} and ${inScope("vn.neighbourhood_id", scope)}))`;
}

/** Whether a single neighbourhood id is in scope (for filters taken from a URL). */
export function scopeIncludes(scope: NeighbourhoodScope, neighbourhoodId: number): boolean {
  return scope.neighbourhoodIds === null || scope.neighbourhoodIds.includes(neighbourhoodId);
}
