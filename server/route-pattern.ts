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

/** The literal path segments of the manifest's routes (lower case: routes match case-insensitively). */
function staticSegments(manifest: ServerBuild["routes"]): Set<string> {
  const segments = new Set<string>();
  for (const route of Object.values(manifest))
    for (const segment of (route.path ?? "").split("/"))
      if (segment && !segment.startsWith(":") && segment !== "*")
        segments.add(segment.replace(/^\(|\)?\??$/g, "").toLowerCase());
  return segments;
}

/** Stands for any segment that is not a literal one (it is none itself: literals never contain "~"). */
const VALUE = "~";
/**
 * A value segment's shape: its own text does not matter, but a dynamic segment may carry a literal suffix
 * (`:id.ics`), so the part from the last dot is kept.
 */
function valueShape(segment: string): string {
  const dot = segment.lastIndexOf(".");
  return dot > 0 ? `${VALUE}${segment.slice(dot)}` : VALUE;
}

/** Paths remembered with their pattern; the memo starts over when full. */
const MEMO_SIZE = 2_000;

/**
 * Returns a function from a URL path to its route pattern. The router's matchRoutes ranks and compiles
 * every route on each call (about half a millisecond for this app), so patterns are remembered per path
 * shape: a segment that is no route's literal segment (an id, a slug, a token) can only be matched by a
 * dynamic segment or a splat, whatever its value, so all such segments with the same suffix share one key.
 */
export function createRoutePatternMatcher(build: Pick<ServerBuild, "routes">): (pathname: string) => string {
  const routes = routeTree(build.routes);
  const literals = staticSegments(build.routes);
  const memo = new Map<string, string>();
  return (pathname: string) => {
    if (pathname.startsWith("/assets/")) return ASSETS_PATTERN;
    const path = pagePath(pathname);
    const shape = path
      .split("/")
      .map((segment) =>
        segment === "" || literals.has(segment.toLowerCase()) ? segment : valueShape(segment),
      )
      .join("/");
    let pattern = memo.get(shape);
    if (pattern === undefined) {
      pattern = matchPattern(routes, shape);
      if (memo.size >= MEMO_SIZE) memo.clear();
      memo.set(shape, pattern);
    }
    return pattern;
  };
}

function matchPattern(routes: AgnosticRouteObject[], path: string): string {
  let matches: ReturnType<typeof matchRoutes>;
  try {
    matches = matchRoutes(routes, path);
  } catch {
    return UNMATCHED_PATTERN;
  }
  if (!matches || matches.length === 0) return UNMATCHED_PATTERN;
  const leaf = matches[matches.length - 1]!;
  // The root layout alone matches nothing but "/" itself; a splat-less miss ends here.
  if (leaf.route.path === undefined && !leaf.route.index && matches.length === 1) return UNMATCHED_PATTERN;
  const segments = matches.map((m) => m.route.path).filter((p): p is string => !!p);
  return `/${segments.join("/")}`.replace(/\/+/g, "/");
}
