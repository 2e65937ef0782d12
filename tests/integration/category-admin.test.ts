/**
 * Admins keep the categories of help in the hub (/admin/categories) instead of in SQL: add (its name shows
 * in every language), rename (the feed's address stays), stop offering one in the choices (records that
 * have it keep it, and can still be saved), remove one that nothing refers to, each with an audit entry;
 * bad input gets a translated message per field and changes nothing; only admins may.
 */
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, categories, needs } from "@db/schema";
import * as listPage from "~/routes/admin.categories._index";
import * as editPage from "~/routes/admin.categories.$id";
import * as activitiesPage from "~/routes/activities._index";
import * as newActivityPage from "~/routes/organisations.$id.activities.new";
import * as newNeedPage from "~/routes/coordination.needs.new";
import * as editNeedPage from "~/routes/coordination.needs.$id.edit";
import * as categoryFeed from "~/routes/feeds.categories.$slug[.ics]";
import { loadDashboard } from "~/modules/dashboard/dashboard.server";
import { ALL_NEIGHBOURHOODS } from "~/modules/dashboard/scope.server";
import { getDb } from "~/utils/db.server";
import { zonedIsoDate, zonedTimeToInstant } from "~/utils/time";
import {
  createCategory,
  createCoordinator,
  createEvent,
  createNeed,
  createNeighbourhood,
  createOrganisation,
  createUser,
} from "../factories";
import { callAction, callLoader, sessionCookieFor, noticesOf } from "../helpers/route-calls";

async function adminCookie() {
  return sessionCookieFor(createUser(getDb(), { role: "admin" }).id);
}

function byName(name: string) {
  return getDb().select().from(categories).where(eq(categories.name, name)).get();
}

function byId(id: number) {
  return getDb().select().from(categories).where(eq(categories.id, id)).get();
}

function auditOf(action: string, id: number) {
  return getDb()
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.action, action), eq(auditEvents.entityId, String(id))))
    .all();
}

type Choice = { id: number; slug: string };

/** The categories offered by the need form, the activity form and the activities' filter. */
async function choices(cookie: string, organisationId: number) {
  const need = (await callLoader(newNeedPage.loader, "/coordination/needs/new", { cookie })).data as {
    options: { categories: Choice[] };
  };
  const activity = (
    await callLoader(newActivityPage.loader, `/organisations/${organisationId}/activities/new`, {
      cookie,
      params: { id: String(organisationId) },
    })
  ).data as { categories: Choice[] };
  const filter = (await callLoader(activitiesPage.loader, "/activities", { cookie })).data as {
    categories: Choice[];
  };
  return {
    need: need.options.categories.map((c) => c.id),
    activity: activity.categories.map((c) => c.id),
    filter: filter.categories.map((c) => c.id),
  };
}

/** A week ahead at 10:00 Berlin: the need form refuses an end past midnight, whatever time the test runs. */
function nextWeekAtTen(): Date {
  const [y, m, d] = zonedIsoDate(Date.now() + 7 * 86_400_000)
    .split("-")
    .map(Number) as [number, number, number];
  return new Date(zonedTimeToInstant(y, m, d, 10));
}

describe("categories by admins", () => {
  it("adds one with a slug of the categories' form, offered, at the end, with an audit entry; lists uses", async () => {
    const cookie = await adminCookie();
    const used = createCategory(getDb(), { name: "Benutzter Bereich" });
    createEvent(getDb(), { categoryId: used.id });

    const added = await callAction(listPage.action, "/admin/categories", {
      cookie,
      form: { name: "Nähcafé und Reparatur", active: "on" },
    });
    expect(added.location).toBe("/admin/categories");
    expect(await noticesOf(added)).toEqual([
      { key: "admin:categories.added", values: { name: "Nähcafé und Reparatur" } },
    ]);
    const row = byName("Nähcafé und Reparatur")!;
    expect(row).toMatchObject({ slug: "naehcafe_und_reparatur", active: true });
    const maxOrder = Math.max(
      ...getDb()
        .select()
        .from(categories)
        .all()
        .map((c) => c.sortOrder),
    );
    expect(row.sortOrder).toBe(maxOrder);
    expect(auditOf("category.created", row.id)[0]).toMatchObject({
      entityType: "category",
      details: { name: "Nähcafé und Reparatur", active: true },
    });

    // A name without Latin letters still gets a slug the table accepts.
    await callAction(listPage.action, "/admin/categories", {
      cookie,
      form: { name: "مساعدة", active: "on" },
    });
    expect(byName("مساعدة")?.slug).toMatch(/^kategorie(_\d+)?$/);

    const shown = (await callLoader(listPage.loader, "/admin/categories", { cookie })).data as {
      categories: { name: string; uses: number; active: boolean }[];
    };
    expect(shown.categories.find((c) => c.name === "Nähcafé und Reparatur")).toMatchObject({
      uses: 0,
      active: true,
    });
    expect(shown.categories.find((c) => c.name === "Benutzter Bereich")?.uses).toBeGreaterThan(0);
  });

  it.each([
    [{ name: "" }, "admin:categories.errors.required"],
    [{ name: "   " }, "admin:categories.errors.required"],
    [{ name: "x" }, "admin:categories.errors.nameShort"],
    [{ name: "x".repeat(61) }, "admin:categories.errors.tooLong"],
    [{ name: "x".repeat(100_000) }, "admin:categories.errors.tooLong"],
  ])(
    "refuses bad input (case %#) with a message next to the field and adds nothing",
    async (form, message) => {
      const cookie = await adminCookie();
      const before = getDb().select().from(categories).all().length;
      const result = await callAction(listPage.action, "/admin/categories", { cookie, form });
      expect(result.status).toBe(400);
      expect((result.data as { errors: Record<string, string> }).errors.name).toBe(message);
      expect(getDb().select().from(categories).all().length).toBe(before);
    },
  );

  it("refuses a second category of the same name, in adding and in renaming, and changes nothing", async () => {
    const cookie = await adminCookie();
    createCategory(getDb(), { name: "Doppelt" });
    const other = createCategory(getDb(), { name: "Einzeln" });
    const added = await callAction(listPage.action, "/admin/categories", {
      cookie,
      form: { name: "doppelt", active: "on" },
    });
    expect(added.status).toBe(400);
    expect((added.data as { errors: Record<string, string> }).errors.name).toBe(
      "admin:categories.errors.nameTaken",
    );
    const renamed = await callAction(editPage.action, `/admin/categories/${other.id}`, {
      cookie,
      params: { id: String(other.id) },
      form: { name: "DOPPELT", active: "on" },
    });
    expect(renamed.status).toBe(400);
    expect(byId(other.id)?.name).toBe("Einzeln");
    expect(auditOf("category.renamed", other.id)).toHaveLength(0);
  });

  it("renames one in use: the slug (feed address) stays, records keep it, the audit names old and new", async () => {
    const cookie = await adminCookie();
    const category = createCategory(getDb(), { name: "Altname", slug: "altname" });
    const event = createEvent(getDb(), { categoryId: category.id });
    const params = { id: String(category.id) };
    const path = `/admin/categories/${category.id}`;
    const saved = await callAction(editPage.action, path, {
      cookie,
      params,
      form: { name: "Neuname", active: "on" },
    });
    expect(await noticesOf(saved)).toEqual([{ key: "admin:categories.saved" }]);
    expect(byId(category.id)).toMatchObject({ name: "Neuname", slug: "altname", active: true });
    expect(event.categoryId).toBe(category.id);
    expect(auditOf("category.renamed", category.id)[0]?.details).toMatchObject({
      from: "Altname",
      to: "Neuname",
    });

    // In use: it cannot be removed, and says why.
    const shown = (await callLoader(editPage.loader, path, { cookie, params })).data as {
      category: { uses: number };
    };
    expect(shown.category.uses).toBeGreaterThan(0);
    const refused = await callAction(editPage.action, path, { cookie, params, form: { intent: "remove" } });
    expect(refused.status).toBe(409);
    expect(refused.data).toEqual({ removeError: "admin:categories.errors.inUse" });
    expect(byId(category.id)).toBeTruthy();
  });

  it("stops offering one: gone from the need form, the activity form and the filter; an old need keeps it and still saves", async () => {
    const cookie = await adminCookie();
    const db = getDb();
    const nb = createNeighbourhood(db);
    const organisation = createOrganisation(db);
    const category = createCategory(db, { name: "Auslaufend" });
    const offered = createCategory(db, { name: "Weiter angeboten" });
    createEvent(db, { categoryId: category.id, neighbourhoodId: nb.id, organisationId: organisation.id });
    const need = createNeed(db, {
      categoryId: category.id,
      neighbourhoodId: nb.id,
      startsAt: nextWeekAtTen(),
    });

    const before = await choices(cookie, organisation.id);
    expect(before.need).toContain(category.id);
    expect(before.activity).toContain(category.id);
    expect(before.filter).toContain(category.id);

    const params = { id: String(category.id) };
    // An unticked checkbox posts nothing.
    const saved = await callAction(editPage.action, `/admin/categories/${category.id}`, {
      cookie,
      params,
      form: { name: "Auslaufend" },
    });
    expect(await noticesOf(saved)).toEqual([{ key: "admin:categories.saved" }]);
    expect(byId(category.id)?.active).toBe(false);
    expect(auditOf("category.updated", category.id)[0]?.details).toEqual({
      fields: ["active"],
      active: false,
    });

    const after = await choices(cookie, organisation.id);
    expect(after.need).not.toContain(category.id);
    expect(after.activity).not.toContain(category.id);
    expect(after.filter).not.toContain(category.id);
    for (const list of Object.values(after)) expect(list).toContain(offered.id);
    // The dashboard still counts the open need in it.
    expect(loadDashboard(db, ALL_NEIGHBOURHOODS).categories.map((c) => c.id)).toContain(category.id);
    // Its calendar feed keeps its address for those who subscribed.
    const feed = await callLoader(categoryFeed.loader, `/feeds/categories/${category.slug}.ics`, {
      params: { slug: category.slug },
    });
    expect(feed.status).toBe(200);

    // The old need keeps it: its edit form offers it, and saving it unchanged is accepted.
    const needParams = { id: String(need.id) };
    const edit = (
      await callLoader(editNeedPage.loader, `/coordination/needs/${need.id}/edit`, {
        cookie,
        params: needParams,
      })
    ).data as { options: { categories: Choice[] }; values: Record<string, string | string[]> };
    expect(edit.options.categories.map((c) => c.id)).toContain(category.id);
    const resaved = await callAction(editNeedPage.action, `/coordination/needs/${need.id}/edit`, {
      cookie,
      params: needParams,
      // The factory's need has no languages; the form asks for one.
      form: { ...edit.values, languages: ["de"], title: "Bedarf, weiter im alten Bereich" },
    });
    expect(resaved.status).toBe(302);
    expect(db.select().from(needs).where(eq(needs.id, need.id)).get()).toMatchObject({
      categoryId: category.id,
      title: "Bedarf, weiter im alten Bereich",
    });

    // A new need cannot take it.
    const other = createNeed(db, {
      categoryId: createCategory(db).id,
      neighbourhoodId: nb.id,
      startsAt: nextWeekAtTen(),
    });
    const otherParams = { id: String(other.id) };
    const otherEdit = (
      await callLoader(editNeedPage.loader, `/coordination/needs/${other.id}/edit`, {
        cookie,
        params: otherParams,
      })
    ).data as { values: Record<string, string | string[]> };
    const moved = await callAction(editNeedPage.action, `/coordination/needs/${other.id}/edit`, {
      cookie,
      params: otherParams,
      form: { ...otherEdit.values, languages: ["de"], categoryId: String(category.id) },
    });
    expect(moved.status).toBe(400);
    expect((moved.data as { errors: Record<string, string> }).errors.categoryId).toBe(
      "needs:errors.category",
    );
  });

  it("removes one nothing refers to, with an audit entry that keeps its name", async () => {
    const cookie = await adminCookie();
    const spare = createCategory(getDb(), { name: "Tippfehler" });
    const removed = await callAction(editPage.action, `/admin/categories/${spare.id}`, {
      cookie,
      params: { id: String(spare.id) },
      form: { intent: "remove" },
    });
    expect(removed.status).toBe(302);
    expect(removed.location).toBe("/admin/categories");
    expect(byId(spare.id)).toBeUndefined();
    expect(auditOf("category.removed", spare.id)[0]?.details).toEqual({ name: "Tippfehler" });
  });

  it("refuses everyone but admins, and changes nothing", async () => {
    const db = getDb();
    const category = createCategory(db, { name: "Geschützt" });
    const nb = createNeighbourhood(db);
    for (const user of [createCoordinator(db, [nb.id]), createUser(db, { role: "volunteer" })]) {
      const cookie = await sessionCookieFor(user.id);
      const params = { id: String(category.id) };
      expect((await callLoader(listPage.loader, "/admin/categories", { cookie })).status).toBe(403);
      expect(
        (
          await callAction(listPage.action, "/admin/categories", {
            cookie,
            form: { name: "Fremd", active: "on" },
          })
        ).status,
      ).toBe(403);
      expect(
        (await callLoader(editPage.loader, `/admin/categories/${category.id}`, { cookie, params })).status,
      ).toBe(403);
      const forms: Record<string, string>[] = [{ name: "Übernommen", active: "on" }, { intent: "remove" }];
      for (const form of forms) {
        const result = await callAction(editPage.action, `/admin/categories/${category.id}`, {
          cookie,
          params,
          form,
        });
        expect(result.status).toBe(403);
      }
    }
    expect(byName("Fremd")).toBeUndefined();
    expect(byId(category.id)).toMatchObject({ name: "Geschützt", active: true });
    const anonymous = await callLoader(listPage.loader, "/admin/categories", {});
    expect(anonymous.status).toBe(302);
  });

  it("answers 404 for a category that does not exist", async () => {
    const cookie = await adminCookie();
    const result = await callLoader(editPage.loader, "/admin/categories/999999", {
      cookie,
      params: { id: "999999" },
    });
    expect(result.status).toBe(404);
  });
});
