/**
 * Admins keep the list of neighbourhoods in the hub (/admin/neighbourhoods) instead of in SQL: add,
 * change, rename (the feed's address stays), remove one that nothing refers to, each with an audit entry;
 * bad input gets a translated message per field and changes nothing.
 */
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, neighbourhoods } from "@db/schema";
import * as listPage from "~/routes/admin.neighbourhoods._index";
import * as editPage from "~/routes/admin.neighbourhoods.$id";
import { getDb } from "~/utils/db.server";
import { createCoordinator, createEvent, createNeighbourhood, createUser } from "../factories";
import { callAction, callLoader, sessionCookieFor, noticesOf } from "../helpers/route-calls";

const valid = {
  name: "Neues Viertel",
  district: "Mitte",
  municipality: "Musterstadt",
  lat: "51,5123",
  lon: "7.0456",
  radiusKm: "1,5",
};

async function adminCookie() {
  return sessionCookieFor(createUser(getDb(), { role: "admin" }).id);
}

function byName(name: string) {
  return getDb().select().from(neighbourhoods).where(eq(neighbourhoods.name, name)).get();
}

function auditOf(action: string, id: number) {
  return getDb()
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.action, action), eq(auditEvents.entityId, String(id))))
    .all();
}

describe("neighbourhoods by admins", () => {
  it("lists the neighbourhoods with how often each is used, and adds one with a slug and an audit entry", async () => {
    const cookie = await adminCookie();
    const used = createNeighbourhood(getDb(), { name: "Benutztes Viertel" });
    createEvent(getDb(), { neighbourhoodId: used.id });

    const added = await callAction(listPage.action, "/admin/neighbourhoods", { cookie, form: valid });
    expect(added.status).toBe(302);
    expect((await noticesOf(added))?.[0]?.key).toBe("admin:neighbourhoods.added");
    const row = byName("Neues Viertel")!;
    expect(row).toMatchObject({
      slug: "neues-viertel",
      district: "Mitte",
      municipality: "Musterstadt",
      lat: 51.5123,
      lon: 7.0456,
      radiusKm: 1.5,
    });
    expect(auditOf("neighbourhood.created", row.id)[0]?.details).toEqual({ name: "Neues Viertel" });

    const shown = (await callLoader(listPage.loader, "/admin/neighbourhoods", { cookie })).data as {
      neighbourhoods: { name: string; uses: number }[];
    };
    expect(shown.neighbourhoods.find((n) => n.name === "Neues Viertel")?.uses).toBe(0);
    expect(shown.neighbourhoods.find((n) => n.name === "Benutztes Viertel")?.uses).toBeGreaterThan(0);
  });

  it.each([
    [{ name: "" }, "name", "admin:neighbourhoods.errors.required"],
    [{ name: "x".repeat(81) }, "name", "admin:neighbourhoods.errors.tooLong"],
    [{ lat: "91" }, "lat", "admin:neighbourhoods.errors.lat"],
    [{ lat: "51.5.1" }, "lat", "admin:neighbourhoods.errors.lat"],
    [{ lon: "1".repeat(5000) }, "lon", "admin:neighbourhoods.errors.lon"],
    [{ radiusKm: "0" }, "radiusKm", "admin:neighbourhoods.errors.radius"],
    [{ municipality: "" }, "municipality", "admin:neighbourhoods.errors.required"],
  ])(
    "refuses bad input (case %#) with a message next to the field and adds nothing",
    async (change, field, message) => {
      const cookie = await adminCookie();
      const before = getDb().select().from(neighbourhoods).all().length;
      const result = await callAction(listPage.action, "/admin/neighbourhoods", {
        cookie,
        form: { ...valid, name: "Abgelehnt", ...change },
      });
      expect(result.status).toBe(400);
      expect((result.data as { errors: Record<string, string> }).errors[field]).toBe(message);
      expect(getDb().select().from(neighbourhoods).all().length).toBe(before);
    },
  );

  it("refuses a second neighbourhood of the same name", async () => {
    const cookie = await adminCookie();
    createNeighbourhood(getDb(), { name: "Doppelt" });
    const result = await callAction(listPage.action, "/admin/neighbourhoods", {
      cookie,
      form: { ...valid, name: "doppelt" },
    });
    expect(result.status).toBe(400);
    expect((result.data as { errors: Record<string, string> }).errors.name).toBe(
      "admin:neighbourhoods.errors.nameTaken",
    );
  });

  it("renames one in use: records keep it, its feed address stays, the audit names old and new", async () => {
    const cookie = await adminCookie();
    const nb = createNeighbourhood(getDb(), { name: "Altname", slug: "altname" });
    const event = createEvent(getDb(), { neighbourhoodId: nb.id });
    const path = `/admin/neighbourhoods/${nb.id}`;
    const params = { id: String(nb.id) };
    const saved = await callAction(editPage.action, path, {
      cookie,
      params,
      form: { ...valid, name: "Neuname", lat: String(nb.lat), lon: String(nb.lon), radiusKm: "2" },
    });
    expect(await noticesOf(saved)).toEqual([{ key: "admin:neighbourhoods.saved" }]);
    const row = getDb().select().from(neighbourhoods).where(eq(neighbourhoods.id, nb.id)).get()!;
    expect(row).toMatchObject({ name: "Neuname", slug: "altname" });
    expect(event.neighbourhoodId).toBe(nb.id);
    expect(auditOf("neighbourhood.renamed", nb.id)[0]?.details).toMatchObject({
      from: "Altname",
      to: "Neuname",
    });

    // In use: it cannot be removed, and says why.
    const shown = (await callLoader(editPage.loader, path, { cookie, params })).data as {
      neighbourhood: { uses: number };
    };
    expect(shown.neighbourhood.uses).toBeGreaterThan(0);
    const refused = await callAction(editPage.action, path, { cookie, params, form: { intent: "remove" } });
    expect(refused.status).toBe(409);
    expect(refused.data).toEqual({ removeError: "admin:neighbourhoods.errors.inUse" });
    expect(getDb().select().from(neighbourhoods).where(eq(neighbourhoods.id, nb.id)).get()).toBeTruthy();
  });

  it("counts a coordinator's area as a use, and removes one nothing refers to", async () => {
    const cookie = await adminCookie();
    const covered = createNeighbourhood(getDb(), { name: "Betreut" });
    createCoordinator(getDb(), [covered.id]);
    const coveredPath = `/admin/neighbourhoods/${covered.id}`;
    const refused = await callAction(editPage.action, coveredPath, {
      cookie,
      params: { id: String(covered.id) },
      form: { intent: "remove" },
    });
    expect(refused.status).toBe(409);

    const spare = createNeighbourhood(getDb(), { name: "Tippfehler" });
    const removed = await callAction(editPage.action, `/admin/neighbourhoods/${spare.id}`, {
      cookie,
      params: { id: String(spare.id) },
      form: { intent: "remove" },
    });
    expect(removed.status).toBe(302);
    expect(byName("Tippfehler")).toBeUndefined();
    expect(auditOf("neighbourhood.removed", spare.id)[0]?.details).toEqual({ name: "Tippfehler" });
  });

  it("answers 404 for a neighbourhood that does not exist", async () => {
    const cookie = await adminCookie();
    const result = await callLoader(editPage.loader, "/admin/neighbourhoods/999999", {
      cookie,
      params: { id: "999999" },
    });
    expect(result.status).toBe(404);
  });
});
