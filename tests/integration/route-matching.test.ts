/**
 * The route matcher as patched (patches/@remix-run+router+1.23.3.patch, ADR 098): on the server a route
 * tree's ranked branches are computed once and each path pattern compiled once. Matching must give
 * exactly what a fresh tree gives, whatever was matched before.
 */
import { matchRoutes, type AgnosticRouteObject } from "@remix-run/router";
import { describe, expect, it } from "vitest";

/** A tree of the app's shapes: pathless and path layouts, index routes, params, dotted files, a splat. */
function routeTree(): AgnosticRouteObject[] {
  return [
    {
      id: "root",
      path: "",
      children: [
        { id: "home", index: true },
        { id: "activities", path: "activities" },
        { id: "activity", path: "activities/:id" },
        { id: "activity-ics", path: "activities/:id.ics" },
        {
          id: "coordination",
          path: "coordination",
          children: [
            { id: "coordination-home", index: true },
            {
              id: "needs",
              path: "needs",
              children: [
                { id: "needs-list", index: true },
                { id: "need-new", path: "new" },
                { id: "need", path: ":id" },
              ],
            },
            { id: "need-edit", path: "needs/:id/edit" },
            { id: "reports-csv", path: "reports/:name.csv" },
          ],
        },
        {
          id: "organisation",
          path: "organisations/:id",
          children: [
            { id: "organisation-home", index: true },
            { id: "members", path: "members" },
          ],
        },
        { id: "volunteer-optional", path: "volunteer/hours/:year?" },
        { id: "not-found", path: "*" },
      ],
    },
  ];
}

const PATHS = [
  "/",
  "/activities",
  "/activities/12",
  "/activities/12.ics",
  "/coordination",
  "/coordination/needs",
  "/coordination/needs/new",
  "/coordination/needs/7",
  "/coordination/needs/7/edit",
  "/coordination/reports/needs.csv",
  "/organisations/3",
  "/organisations/3/members",
  "/volunteer/hours",
  "/volunteer/hours/2026",
  "/Coordination/Needs/",
  "/nowhere/at/all",
  "/activities/%C3%A4",
];

/** What a match says, without the route objects' identity. */
function shape(tree: AgnosticRouteObject[], path: string) {
  return matchRoutes(tree, path)?.map((m) => ({
    id: m.route.id,
    params: m.params,
    pathname: m.pathname,
    pathnameBase: m.pathnameBase,
  }));
}

describe("route matching on the server", () => {
  it("answers every path as a fresh tree does, in any order and any number of times", () => {
    const shared = routeTree();
    const expected = new Map(PATHS.map((path) => [path, shape(routeTree(), path)]));
    expect(expected.get("/coordination/needs/7")?.at(-1)).toEqual({
      id: "need",
      params: { id: "7" },
      pathname: "/coordination/needs/7",
      pathnameBase: "/coordination/needs/7",
    });
    expect(expected.get("/nowhere/at/all")?.at(-1)?.id).toBe("not-found");
    for (const order of [PATHS, [...PATHS].reverse(), PATHS.filter((_, i) => i % 2 === 0)]) {
      for (const path of order) expect(shape(shared, path), path).toEqual(expected.get(path));
    }
  });

  it("keeps each tree's branches apart", () => {
    const small: AgnosticRouteObject[] = [{ id: "only", path: "only" }];
    const full = routeTree();
    expect(shape(full, "/activities/1")?.at(-1)?.id).toBe("activity");
    expect(shape(small, "/activities/1")).toBeUndefined();
    expect(shape(small, "/only")?.at(-1)?.id).toBe("only");
    expect(shape(full, "/only")?.at(-1)?.id).toBe("not-found");
  });

  it("ranks a tree once: a route added to it afterwards is not seen (the patch is applied)", () => {
    const tree = routeTree();
    expect(shape(tree, "/late")?.at(-1)?.id).toBe("not-found");
    tree[0]!.children!.push({ id: "late", path: "late" });
    // Unpatched, the matcher would rank the tree again and find "late". The server never changes a tree
    // it has built; a new tree is ranked anew.
    expect(shape(tree, "/late")?.at(-1)?.id).toBe("not-found");
    expect(shape([...tree], "/late")?.at(-1)?.id).toBe("late");
  });
});
