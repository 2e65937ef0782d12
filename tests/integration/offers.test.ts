import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { offerLanguages, offers } from "@db/schema";
import type { OfferInput } from "~/modules/offers/offers.schema";
import { changeOfferStatus, createOffer, updateOffer } from "~/modules/offers/commands.server";
import {
  countOffersByStatus,
  getOwnOffer,
  listOffers,
  offerPrefillFromNeed,
} from "~/modules/offers/queries.server";
import { action as offerAction, loader as offerLoader } from "~/routes/offers.$id";
import { action as newOrgOfferAction } from "~/routes/offers.organisation.$orgId.new";
import { action as newOfferAction, loader as newOfferLoader } from "~/routes/volunteer.offers.new";
import { getDb } from "~/utils/db.server";
import { zonedIsoDate } from "~/utils/time";
import {
  createCategory,
  createNeighbourhood,
  createOrganisation,
  createUser,
  createVolunteer,
} from "../factories";
import { callAction, callLoader, sessionCookieFor, noticesOf } from "../helpers/route-calls";
import { createNeed } from "./volunteers-fixture";

const today = () => zonedIsoDate(Date.now());

function setup() {
  const db = getDb();
  const category = createCategory(db);
  const nb = createNeighbourhood(db);
  const owner = createVolunteer(db).user;
  const stranger = createVolunteer(db).user;
  const input: OfferInput = {
    categoryId: category.id,
    title: "Begleitung zu Ämtern",
    description: "Ich begleite auf Arabisch und Deutsch.",
    languages: ["ar", "de"],
    neighbourhoodIds: [nb.id],
    availability: [{ weekday: 1, startMinute: 720, endMinute: 1020 }],
    capacity: 2,
    radiusKm: 3,
    validUntil: null,
  };
  return { db, category, nb, owner, stranger, input };
}

function formOf(input: OfferInput): Record<string, string | string[]> {
  return {
    intent: "save",
    categoryId: String(input.categoryId),
    title: input.title,
    description: input.description,
    languages: input.languages,
    neighbourhoodIds: input.neighbourhoodIds.map(String),
    availability: ["1-afternoon"],
    capacity: String(input.capacity),
    radiusKm: String(input.radiusKm),
    validUntil: input.validUntil ?? "",
  };
}

describe("offers of a volunteer", () => {
  it("are created, read back with their languages, places and times, listed and counted by status", () => {
    const { db, owner, input } = setup();
    const created = createOffer(db, { volunteerId: owner.id }, input, today());
    if (!created.ok) throw new Error(JSON.stringify(created));
    const scope = { userId: owner.id, organisationIds: [] };
    expect(getOwnOffer(db, { id: created.id, scope })).toMatchObject({
      status: "active",
      languages: ["ar", "de"],
      neighbourhoodIds: input.neighbourhoodIds,
      availability: input.availability,
      capacity: 2,
    });
    createOffer(db, { volunteerId: owner.id }, { ...input, title: "Zweites" }, today());
    expect(changeOfferStatus(db, { id: created.id, scope }, "pause", today())).toEqual({
      ok: true,
      status: "paused",
    });
    expect(listOffers(db, { volunteerId: owner.id }, "paused", today()).map((o) => o.id)).toEqual([
      created.id,
    ]);
    expect(listOffers(db, { volunteerId: owner.id }, "all", today()).map((o) => o.title)).toEqual([
      "Zweites",
      "Begleitung zu Ämtern",
    ]);
    expect(countOffersByStatus(db, { volunteerId: owner.id })).toEqual({ active: 1, paused: 1, ended: 0 });
  });

  it("cannot be changed, paused or read by someone else: ownership is in the where", () => {
    const { db, owner, stranger, input } = setup();
    const created = createOffer(db, { volunteerId: owner.id }, input, today());
    if (!created.ok) throw new Error("create failed");
    const strangerScope = { userId: stranger.id, organisationIds: [] };
    expect(
      updateOffer(db, { id: created.id, scope: strangerScope }, { ...input, title: "Gekapert" }, today()),
    ).toEqual({ ok: false, notFound: true });
    expect(changeOfferStatus(db, { id: created.id, scope: strangerScope }, "end", today())).toEqual({
      ok: false,
      error: "not_found",
    });
    expect(getOwnOffer(db, { id: created.id, scope: strangerScope })).toBeNull();
    const row = db.select().from(offers).where(eq(offers.id, created.id)).get();
    expect(row).toMatchObject({ title: "Begleitung zu Ämtern", status: "active" });
  });

  it("answers 404 to an update by id of someone else's offer and changes nothing", async () => {
    const { db, owner, stranger, input } = setup();
    const created = createOffer(db, { volunteerId: owner.id }, input, today());
    if (!created.ok) throw new Error("create failed");
    const params = { id: String(created.id) };
    const cookie = await sessionCookieFor(stranger.id);
    const attempt = await callAction(offerAction, `/offers/${created.id}`, {
      cookie,
      params,
      form: formOf({ ...input, title: "Gekapert", languages: ["fa"] }),
    });
    expect(attempt.status).toBe(404);
    expect((await callLoader(offerLoader, `/offers/${created.id}`, { cookie, params })).status).toBe(404);
    expect(db.select().from(offers).where(eq(offers.id, created.id)).get()?.title).toBe(
      "Begleitung zu Ämtern",
    );
    expect(
      db
        .select()
        .from(offerLanguages)
        .where(eq(offerLanguages.offerId, created.id))
        .all()
        .map((l) => l.language)
        .sort(),
    ).toEqual(["ar", "de"]);

    const ownerCookie = await sessionCookieFor(owner.id);
    const edited = await callAction(offerAction, `/offers/${created.id}`, {
      cookie: ownerCookie,
      params,
      form: formOf({ ...input, title: "Neuer Titel" }),
    });
    expect(edited.location).toBe(`/offers/${created.id}`);
    expect(await noticesOf(edited)).toEqual([{ key: "offers:offer.notice.saved" }]);
    expect(db.select().from(offers).where(eq(offers.id, created.id)).get()?.title).toBe("Neuer Titel");
  });

  it("moves through pause, resume and end; an ended offer stays ended and an expired one is not resumed", () => {
    const { db, owner, input } = setup();
    const scope = { userId: owner.id, organisationIds: [] };
    const created = createOffer(db, { volunteerId: owner.id }, input, today());
    if (!created.ok) throw new Error("create failed");
    expect(changeOfferStatus(db, { id: created.id, scope }, "resume", today())).toEqual({
      ok: false,
      error: "not_allowed",
    });
    expect(changeOfferStatus(db, { id: created.id, scope }, "pause", today()).ok).toBe(true);
    db.update(offers).set({ validUntil: "2020-01-01" }).where(eq(offers.id, created.id)).run();
    expect(changeOfferStatus(db, { id: created.id, scope }, "resume", today())).toEqual({
      ok: false,
      error: "expired",
    });
    expect(changeOfferStatus(db, { id: created.id, scope }, "end", today())).toEqual({
      ok: true,
      status: "ended",
    });
    expect(changeOfferStatus(db, { id: created.id, scope }, "pause", today())).toEqual({
      ok: false,
      error: "not_allowed",
    });
    expect(updateOffer(db, { id: created.id, scope }, input, today())).toEqual({
      ok: false,
      errors: { form: "offers:errors.ended" },
    });
  });

  it("checks what only the database knows: category, neighbourhoods and an end date in the past", () => {
    const { db, owner, input } = setup();
    const result = createOffer(
      db,
      { volunteerId: owner.id },
      { ...input, categoryId: 999_999, neighbourhoodIds: [999_999], validUntil: "2020-01-01" },
      today(),
    );
    expect(result).toEqual({
      ok: false,
      errors: {
        categoryId: "offers:errors.categoryUnknown",
        neighbourhoodIds: "offers:errors.neighbourhoodUnknown",
        validUntil: "offers:errors.validUntilPast",
      },
    });
  });

  it("works as a plain form post: errors and values come back, a right one is created", async () => {
    const { db, owner, input } = setup();
    const cookie = await sessionCookieFor(owner.id);
    const bad = await callAction(newOfferAction, "/volunteer/offers/new", {
      cookie,
      form: { ...formOf(input), title: " ", languages: [], capacity: "0" },
    });
    expect(bad).toMatchObject({
      status: 400,
      data: {
        errors: {
          title: "offers:errors.titleRequired",
          languages: "offers:errors.languageRequired",
          capacity: "offers:errors.capacityRange",
        },
        values: { capacity: "0", description: input.description },
      },
    });
    const good = await callAction(newOfferAction, "/volunteer/offers/new", { cookie, form: formOf(input) });
    expect(good.location).toMatch(/^\/offers\/\d+$/);
    expect(await noticesOf(good)).toEqual([{ key: "offers:offer.notice.created" }]);
    expect(listOffers(db, { volunteerId: owner.id }, "all", today())).toHaveLength(1);
  });
});

describe("offers of an organisation", () => {
  it("belong to the organisation: every member may change them, nobody else", async () => {
    const { db, input } = setup();
    const owner = createUser(db, { role: "org_member" });
    const organisation = createOrganisation(db, { ownerId: owner.id });
    const outsider = createUser(db, { role: "org_member" });
    createOrganisation(db, { ownerId: outsider.id });
    const params = { orgId: String(organisation.id) };
    const created = await callAction(newOrgOfferAction, `/offers/organisation/${organisation.id}/new`, {
      cookie: await sessionCookieFor(owner.id),
      params,
      form: formOf(input),
    });
    expect(created.location).toMatch(/^\/offers\/\d+/);
    const id = Number(created.location!.match(/\d+/)![0]);
    expect(db.select().from(offers).where(eq(offers.id, id)).get()).toMatchObject({
      organisationId: organisation.id,
      volunteerId: null,
    });
    const refused = await callAction(newOrgOfferAction, `/offers/organisation/${organisation.id}/new`, {
      cookie: await sessionCookieFor(outsider.id),
      params,
      form: formOf(input),
    });
    expect(refused.status).toBe(403);
    const outsiderScope = { userId: outsider.id, organisationIds: [organisation.id + 1] };
    expect(changeOfferStatus(db, { id, scope: outsiderScope }, "pause", today())).toEqual({
      ok: false,
      error: "not_found",
    });
    expect(
      changeOfferStatus(
        db,
        { id, scope: { userId: owner.id, organisationIds: [organisation.id] } },
        "pause",
        today(),
      ).ok,
    ).toBe(true);
  });
});

describe("an offer in answer to a need", () => {
  it("starts with the need's category, neighbourhood, languages and time, and nothing else of it", async () => {
    const { db, category, nb, owner } = setup();
    // A Wednesday, 10:00–12:00 in Berlin (summer time): the grid ticks Wednesday morning.
    const need = createNeed(db, {
      categoryId: category.id,
      neighbourhoodId: nb.id,
      languages: ["uk"],
      startsAt: new Date("2099-06-03T08:00:00Z"),
      endsAt: new Date("2099-06-03T10:00:00Z"),
    });
    expect(offerPrefillFromNeed(db, need.id)).toEqual({
      needId: need.id,
      categoryId: category.id,
      neighbourhoodIds: [nb.id],
      languages: ["uk"],
      availability: ["2-morning"],
    });
    const page = await callLoader(newOfferLoader, `/volunteer/offers/new?need=${need.id}`, {
      cookie: await sessionCookieFor(owner.id),
    });
    expect(page.data).toMatchObject({
      fromNeed: true,
      defaults: {
        categoryId: String(category.id),
        neighbourhoodIds: [String(nb.id)],
        languages: ["uk"],
        availability: ["2-morning"],
        title: "",
      },
    });
    expect(JSON.stringify(page.data)).not.toContain(need.description);
  });
});
