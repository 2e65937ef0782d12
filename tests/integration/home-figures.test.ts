/**
 * Every number on a home page and on the dashboard leads to exactly the list it counts: follow each link
 * as the person who sees it and count what that page lists (issue 13, seam 5: "22 Vorschläge ohne
 * Antwort" on the coordinator's home linked to a page that said there were none). On the demo data, for
 * every role; the dashboard's links come from modules/dashboard/dashboard-links.ts, as the page's do.
 */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { users } from "@db/schema";
import { DEMO_EMAILS, seedDatabase } from "@db/seed/seed";
import type { HomeFigure } from "~/modules/home/home-pages.server";
import { loader as adminHome } from "~/routes/admin._index";
import { dashboardLinks } from "~/modules/dashboard/dashboard-links";
import type { HeatPage } from "~/modules/dashboard/heat-rows";
import { loader as coordinationHome } from "~/routes/coordination._index";
import { loader as dashboard } from "~/routes/coordination.dashboard._index";
import { loader as organisationHome } from "~/routes/organisation._index";
import { loader as volunteerHome } from "~/routes/volunteer._index";
import { getDb } from "~/utils/db.server";
import { callLoader, sessionCookieFor } from "../helpers/route-calls";
import { loaderFor } from "../helpers/route-paths";

type Data = Record<string, unknown>;
const list = (data: Data, key: string) => (data[key] as unknown[]).length;

/** How many things each list page shows, read from its loader's data. */
const COUNT: Record<string, (data: Data) => number> = {
  "volunteer.hours.tsx": (d) => d.confirmedThisYear as number,
  "volunteer.commitments.tsx": (d) => list(d, "upcoming") + list(d, "matchDates"),
  "matches._index.tsx": (d) => list(d, "matches"),
  "coordination.needs._index.tsx": (d) => d.total as number,
  "coordination.dashboard.matches.tsx": (d) => d.total as number,
  "coordination.dashboard.needs.tsx": (d) => d.total as number,
  "coordination.dashboard.shifts.tsx": (d) => d.total as number,
  "coordination.dashboard.certificates.tsx": (d) => d.total as number,
  "coordination.dashboard.load.tsx": (d) => d.total as number,
  "coordination.dashboard.offers.tsx": (d) => d.freeCapacity as number,
  "coordination.organisations.tsx": (d) => d.total as number,
  "admin.users._index.tsx": (d) => d.total as number,
  "admin.invites.tsx": (d) => list(d, "invites"),
  "admin.outbox._index.tsx": (d) => {
    expect(d.nextBefore, "the outbox list fits one page").toBeNull();
    return list(d, "messages");
  },
  "organisations.$id.members.tsx": (d) => list(d, "members"),
  "organisations.$id.activities.$eventId._index.tsx": (d) =>
    (d.activity as { shifts: { confirmed: unknown[] }[] }).shifts.reduce((n, s) => n + s.confirmed.length, 0),
};

const cookies = new Map<string, string>();
async function cookieOf(email: string): Promise<string> {
  if (!cookies.has(email)) {
    const user = getDb().select({ id: users.id }).from(users).where(eq(users.email, email)).get()!;
    cookies.set(email, await sessionCookieFor(user.id));
  }
  return cookies.get(email)!;
}

type Figure = { key: string; value: number; href: string };

/** Follows a figure's link as `email` and returns what the list there counts. */
async function countBehind(figure: Pick<HomeFigure, "href">, email: string): Promise<number> {
  const route = await loaderFor(figure.href);
  expect(route, `a page answers ${figure.href}`).not.toBeNull();
  const counter = COUNT[route!.file];
  expect(counter, `a counter for ${route!.file}`).toBeDefined();
  const result = await callLoader(route!.loader, figure.href, {
    cookie: await cookieOf(email),
    params: route!.params,
  });
  expect(result.status, figure.href).toBe(200);
  return counter!(result.data as Data);
}

/** The helpers the needs on a needs list still miss, over all its pages. */
async function missingHelpersBehind(href: string, email: string): Promise<number> {
  const route = (await loaderFor(href))!;
  expect(route.file).toBe("coordination.needs._index.tsx");
  let missing = 0;
  for (let page = 1, pageCount = 1; page <= pageCount; page++) {
    const result = await callLoader(route.loader, page === 1 ? href : `${href}&page=${page}`, {
      cookie: await cookieOf(email),
      params: route.params,
    });
    const data = result.data as { items: { helpersNeeded: number; filled: number }[]; pageCount: number };
    pageCount = data.pageCount;
    missing += data.items.reduce((n, need) => n + Math.max(0, need.helpersNeeded - need.filled), 0);
  }
  return missing;
}

async function home(loader: Parameters<typeof callLoader>[0], path: string, email: string) {
  const result = await callLoader(loader, path, { cookie: await cookieOf(email) });
  expect(result.status).toBe(200);
  return result.data as Data;
}

beforeAll(async () => {
  await seedDatabase(getDb(), { scale: "demo", anchor: new Date() });
});

describe("every number on a home page is the length of the list it links to", () => {
  it("volunteer", async () => {
    const data = await home(volunteerHome, "/volunteer", DEMO_EMAILS.volunteer);
    const figures = data.figures as HomeFigure[];
    expect(figures.map((f) => f.key)).toEqual(["hoursConfirmed", "dates", "proposals"]);
    for (const f of figures) expect(await countBehind(f, DEMO_EMAILS.volunteer), f.key).toBe(f.value);
  });

  it("coordinator, and the admin on the same page", async () => {
    for (const email of [DEMO_EMAILS.coordinator, DEMO_EMAILS.admin]) {
      const data = await home(coordinationHome, "/coordination", email);
      const figures = data.figures as HomeFigure[];
      expect(figures.find((f) => f.key === "proposals")!.value).toBeGreaterThan(0);
      const rows = data.neighbourhoods as { openNeeds: HomeFigure; urgentNeeds: HomeFigure }[];
      for (const f of [...figures, ...rows.flatMap((r) => [r.openNeeds, r.urgentNeeds])]) {
        expect(await countBehind(f, email), `${email} ${f.key} ${f.href}`).toBe(f.value);
      }
    }
  });

  it("the coordinator's dashboard: its figures, categories, weeks and heat-map cells", async () => {
    for (const email of [DEMO_EMAILS.coordinator, DEMO_EMAILS.admin]) {
      const d = await home(dashboard, "/coordination/dashboard", email);
      type Counted = { total: number };
      const figures: Figure[] = [
        { key: "openNeeds", value: d.openNeeds as number, href: dashboardLinks.openNeeds() },
        {
          key: "covered",
          value: (d.coverage as { covered: number }).covered,
          href: dashboardLinks.covered(),
        },
        { key: "shifts", value: (d.shifts as Counted).total, href: dashboardLinks.shifts() },
        {
          key: "certificates",
          value: (d.certificates as Counted).total,
          href: dashboardLinks.certificates(),
        },
        { key: "overCap", value: (d.overCap as Counted).total, href: dashboardLinks.overCap() },
        { key: "drop", value: (d.activityDrop as Counted).total, href: dashboardLinks.drop() },
        ...(d.openByCategory as { categoryId: number; openNeeds: number }[]).map((row) => ({
          key: `category ${row.categoryId}`,
          value: row.openNeeds,
          href: dashboardLinks.category(row.categoryId),
        })),
        ...(
          d.weeks as { start: string; end: string; needs: number; proposed: number; accepted: number }[]
        ).flatMap((w) =>
          (["needs", "proposed", "accepted"] as const).map((kind) => ({
            key: `week ${w.start} ${kind}`,
            value: w[kind],
            href: dashboardLinks.week(kind, w),
          })),
        ),
      ];
      expect(figures.find((f) => f.key === "openNeeds")!.value).toBeGreaterThan(0);
      expect(figures.some((f) => f.key.startsWith("week") && f.value > 0)).toBe(true);
      for (const f of figures)
        expect(await countBehind(f, email), `${email} ${f.key} ${f.href}`).toBe(f.value);

      // Heat-map cells, every page of them: where helpers are missing, the needs behind the cell are
      // its open needs and miss exactly its helpers; elsewhere the offers behind it have its free places.
      const categories = d.categories as { id: number }[];
      const heat = d.heat as HeatPage;
      let cells = 0;
      for (let page = 1; page <= heat.pageCount; page++) {
        const rows =
          page === 1
            ? heat.rows
            : ((await home(dashboard, `/coordination/dashboard?heat=${page}`, email)).heat as HeatPage).rows;
        for (const row of rows)
          for (const [i, cell] of row.cells.entries()) {
            if (!cell) continue;
            cells++;
            const [openNeeds, missing, , free] = cell;
            const href = dashboardLinks.heatCell(row.id, categories[i]!.id, missing);
            const where = `${email} heat ${row.name} × category ${categories[i]!.id} ${href}`;
            if (missing > 0) {
              expect(await countBehind({ href }, email), where).toBe(openNeeds);
              expect(await missingHelpersBehind(href, email), where).toBe(missing);
            } else {
              expect(await countBehind({ href }, email), where).toBe(free);
            }
          }
      }
      expect(cells).toBeGreaterThan(0);
    }
  });

  it("admin", async () => {
    const data = await home(adminHome, "/admin", DEMO_EMAILS.admin);
    for (const f of [...(data.people as HomeFigure[]), ...(data.figures as HomeFigure[])]) {
      expect(await countBehind(f, DEMO_EMAILS.admin), f.key).toBe(f.value);
    }
  });

  it("organisation: members and each activity's helpers", async () => {
    const data = await home(organisationHome, "/organisation", DEMO_EMAILS.organisationMember);
    const orgs = data.organisations as {
      id: number;
      myRole: string;
      memberCount: number;
      activities: { id: number; helpersConfirmed: number }[];
    }[];
    expect(orgs.length).toBeGreaterThan(0);
    for (const org of orgs) {
      if (org.myRole === "owner") {
        const href = `/organisations/${org.id}/members`;
        expect(await countBehind({ href }, DEMO_EMAILS.organisationMember)).toBe(org.memberCount);
      }
      expect(org.activities.length).toBeGreaterThan(0);
      for (const a of org.activities) {
        const href = `/organisations/${org.id}/activities/${a.id}`;
        expect(await countBehind({ href }, DEMO_EMAILS.organisationMember), href).toBe(a.helpersConfirmed);
      }
    }
  });
});
