/**
 * The coordination and match pages as a browser without JavaScript uses them: plain form posts, the
 * answer a redirect or the errors with what was typed.
 */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { matches, needs } from "@db/schema";
import { action as needPageAction, loader as needPageLoader } from "~/routes/coordination.needs.$id._index";
import { loader as needsListLoader } from "~/routes/coordination.needs._index";
import { action as newNeedAction } from "~/routes/coordination.needs.new";
import { action as matchAction, loader as matchLoader } from "~/routes/matches.$id";
import { getDb } from "~/utils/db.server";
import { createCategory, createCoordinator, createNeighbourhood, createVolunteer } from "../factories";
import { callAction, callLoader, sessionCookieFor, noticesOf } from "../helpers/route-calls";
import { insertNeed, insertOffer } from "./coordination-fixture";

let f: {
  nb: number;
  category: number;
  coordinator: string;
  volunteer: string;
  cookie: string;
  volunteerCookie: string;
  offer: number;
};

beforeAll(async () => {
  const db = getDb();
  const nb = createNeighbourhood(db);
  const category = createCategory(db);
  const coordinator = createCoordinator(db, [nb.id]);
  const volunteer = createVolunteer(db, { profile: { homeNeighbourhoodId: nb.id } }).user;
  const offer = insertOffer(db, {
    categoryId: category.id,
    neighbourhoodIds: [nb.id],
    volunteerId: volunteer.id,
  });
  f = {
    nb: nb.id,
    category: category.id,
    coordinator: coordinator.id,
    volunteer: volunteer.id,
    cookie: await sessionCookieFor(coordinator.id),
    volunteerCookie: await sessionCookieFor(volunteer.id),
    offer: offer.id,
  };
});

function needForm(overrides: Record<string, string | string[]> = {}) {
  return {
    categoryId: String(f.category),
    neighbourhoodId: String(f.nb),
    title: "Begleitung zum Bürgeramt",
    description:
      "Eine Familie braucht Begleitung zum Bürgeramt. Bitte auf Arabisch erklären, was besprochen wird.",
    languages: ["ar", "de"],
    helpersNeeded: "1",
    urgency: "high",
    schedule: "one_off",
    date: new Date(Date.now() + 9 * 86_400_000).toISOString().slice(0, 10),
    startTime: "10:00",
    endTime: "11:30",
    genderPreference: "none",
    ...overrides,
  };
}

describe("recording a need without JavaScript", () => {
  it("answers personal data with 400, the reason next to the field and every typed value", async () => {
    const form = needForm({
      description: "Die Familie wohnt in der Bahnhofstraße 12 und braucht Begleitung zum Amt.",
    });
    const result = await callAction(newNeedAction, "/coordination/needs/new", { cookie: f.cookie, form });
    expect(result.status).toBe(400);
    expect(result.data).toMatchObject({
      errors: { description: "needs:errors.personalData.address" },
      values: {
        title: form.title,
        description: form.description,
        languages: ["ar", "de"],
        startTime: "10:00",
      },
    });
    expect(getDb().select().from(needs).where(eq(needs.title, form.title)).all()).toEqual([]);
  });

  it("records a valid need and redirects to its page, where it shows in the list", async () => {
    const result = await callAction(newNeedAction, "/coordination/needs/new", {
      cookie: f.cookie,
      form: needForm({ title: "Begleitung zur Meldebehörde" }),
    });
    expect(result.status).toBe(302);
    expect(result.location).toMatch(/^\/coordination\/needs\/\d+$/);
    expect((await noticesOf(result))?.map((n) => n.key)).toEqual(["coordination:notices.need-created"]);
    const list = await callLoader(
      needsListLoader,
      "/coordination/needs?urgency=high&q=Meldebeh%C3%B6rde&language=ar",
      { cookie: f.cookie },
    );
    expect((list.data as { items: { title: string }[] }).items.map((n) => n.title)).toEqual([
      "Begleitung zur Meldebehörde",
    ]);
  });
});

describe("the need page and the match page", () => {
  it("closes a need with a note; a note with a phone number is refused", async () => {
    const need = insertNeed(getDb(), { categoryId: f.category, neighbourhoodId: f.nb });
    const path = `/coordination/needs/${need.id}`;
    const params = { id: String(need.id) };
    const refused = await callAction(needPageAction, path, {
      cookie: f.cookie,
      params,
      form: { intent: "close", note: "Rückruf unter 0209 123456" },
    });
    expect(refused.status).toBe(400);
    expect(refused.data).toMatchObject({ errors: { note: "needs:errors.personalData.phone" } });
    const closed = await callAction(needPageAction, path, {
      cookie: f.cookie,
      params,
      form: { intent: "close", note: "erledigt" },
    });
    expect(closed).toMatchObject({ status: 302, location: path });
    expect((await noticesOf(closed))?.map((n) => n.key)).toEqual(["coordination:notices.need-closed"]);
    const page = await callLoader(needPageLoader, path, { cookie: f.cookie, params });
    expect(page.data).toMatchObject({ need: { status: "closed" }, mayEdit: false, suggestions: null });
  });

  it("lets the offerer decline with a reason, and shows the coordinator the helper's contact, not the offerer", async () => {
    const db = getDb();
    const need = insertNeed(db, { categoryId: f.category, neighbourhoodId: f.nb });
    const match = db
      .insert(matches)
      .values({
        needId: need.id,
        offerId: f.offer,
        score: 61,
        proposedBy: f.coordinator,
        proposedAt: new Date(),
      })
      .returning()
      .get();
    const path = `/matches/${match.id}`;
    const params = { id: String(match.id) };

    const asHelper = await callLoader(matchLoader, path, { cookie: f.volunteerCookie, params });
    expect(asHelper.data).toMatchObject({
      steps: ["respond"],
      match: { helperContact: null, score: 61 },
      audit: null,
    });
    expect(asHelper.data).not.toHaveProperty("need.createdByName");

    const declined = await callAction(matchAction, path, {
      cookie: f.volunteerCookie,
      params,
      form: { intent: "decline", reason: "Ich bin an dem Tag verreist." },
    });
    expect(declined).toMatchObject({ status: 302, location: path });
    expect((await noticesOf(declined))?.map((n) => n.key)).toEqual(["coordination:notices.match-declined"]);
    const again = await callAction(matchAction, path, {
      cookie: f.volunteerCookie,
      params,
      form: { intent: "accept" },
    });
    expect(again).toMatchObject({ status: 400, data: { errors: { form: "matches:errors.notProposed" } } });

    const asCoordinator = await callLoader(matchLoader, path, { cookie: f.cookie, params });
    expect(asCoordinator.data).toMatchObject({
      steps: [],
      match: {
        status: "declined",
        declineReason: "Ich bin an dem Tag verreist.",
        helperContact: [expect.stringContaining("@")],
      },
    });
  });
});
