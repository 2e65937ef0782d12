import { eq, inArray } from "drizzle-orm";
import type { Db } from "@db/client";
import { categories, neighbourhoods } from "@db/schema";
import type { AuthUser } from "~/modules/auth/auth-user";
import { requireCan } from "~/modules/permissions/guards.server";
import { parseFigureFilter, type FigureFilter } from "./dashboard-filter";
import { scopeIncludes, scopeOf, type NeighbourhoodScope } from "./scope.server";

export interface FigureRouteContext {
  user: AuthUser;
  scope: NeighbourhoodScope;
  filter: FigureFilter;
  /** Names of the neighbourhood and category filters, for the list's title. */
  neighbourhoodName: string | null;
  category: { slug: string; name: string } | null;
}

/**
 * The guard and filter of every list behind a dashboard figure. A neighbourhood outside the reader's
 * scope in the URL is a 403, not an empty list: the dashboard never links there.
 */
export async function requireFigureRoute(db: Db, request: Request): Promise<FigureRouteContext> {
  const user = await requireCan(db, request, "dashboard:read");
  const scope = scopeOf(user);
  const filter = parseFigureFilter(new URL(request.url).searchParams);
  if (filter.neighbourhood !== undefined && !scopeIncludes(scope, filter.neighbourhood)) {
    throw new Response("Forbidden", { status: 403 });
  }
  const nb = filter.neighbourhood
    ? db
        .select({ name: neighbourhoods.name })
        .from(neighbourhoods)
        .where(eq(neighbourhoods.id, filter.neighbourhood))
        .get()
    : undefined;
  const category = filter.category
    ? db
        .select({ slug: categories.slug, name: categories.name })
        .from(categories)
        .where(inArray(categories.id, [filter.category]))
        .get()
    : undefined;
  return { user, scope, filter, neighbourhoodName: nb?.name ?? null, category: category ?? null };
}
