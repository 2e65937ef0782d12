import type { ServerBuild } from "@remix-run/node";
import { matchRoutes, type AgnosticRouteObject } from "@remix-run/router";

/*
 * The route pattern of a request ("/activities/:id"), for logs and metrics: never the raw URL, whose
 * ids, slugs, tokens and query strings would put personal data into the logs and give a metric one
 * series per record. Matching uses the router Remix itself uses, on the build's own route manifest.
 */

/** Fingerprinted client files (one label for all of them). */
export const ASSETS_PATTERN = "/assets/*";
/** Anything no route matches: other static files, 404s. */
export const UNMATCHED_PATTERN = "(unmatched)";

type ManifestRoute = ServerBuild["routes"][string];

function routeTree(manifest: ServerBuild["routes"]): AgnosticRouteObject[] {
  const byParent = new Map<string, ManifestRoute[]>();
  for (const route of Object.values(manifest)) {
    const parent = route.parentId ?? "";
    byParent.set(parent, [...(byParent.get(parent) ?? []), route]);
  }
  const build = (parentId: string): AgnosticRouteObject[] =>
    (byParent.get(parentId) ?? []).map((route) =>
      route.index
        ? { id: route.id, index: true, path: route.path }
        : { id: route.id, path: route.path, caseSensitive: route.caseSensitive, children: build(route.id) },
    );
  return build("");
}

/** Single-fetch data requests ask for `/path.data` (`/_root.data` for "/"): they count as the page. */
function pagePath(pathname: string): string {
  if (!pathname.endsWith(".data")) return pathname;
  const page = pathname.slice(0, -".data".length);
  return page === "/_root" ? "/" : page;
}

/** Returns a function from a URL path to its route pattern. */
export function createRoutePatternMatcher(build: Pick<ServerBuild, "routes">): (pathname: string) => string {
  const routes = routeTree(build.routes);
  return (pathname: string) => {
    if (pathname.startsWith("/assets/")) return ASSETS_PATTERN;
    let matches: ReturnType<typeof matchRoutes>;
    try {
      matches = matchRoutes(routes, pagePath(pathname));
    } catch {
      return UNMATCHED_PATTERN;
    }
    if (!matches || matches.length === 0) return UNMATCHED_PATTERN;
    const leaf = matches[matches.length - 1]!;
    // The root layout alone matches nothing but "/" itself; a splat-less miss ends here.
    if (leaf.route.path === undefined && !leaf.route.index && matches.length === 1) return UNMATCHED_PATTERN;
    const segments = matches.map((m) => m.route.path).filter((p): p is string => !!p);
    return `/${segments.join("/")}`.replace(/\/+/g, "/");
  };
}
