/**
 * The coordinator's matching panel and bulk confirmation on top of the real engine: suggestions in
 * words, proposals re-checked by the engine, a declined candidate never suggested again, capacities
 * held across a bulk batch.
 */
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { matches, offerAvailability } from "@db/schema";
import { confirmBulkPairs, parsePairs, reviewBulkAssignment } from "~/modules/matches/bulk-review.server";
import { respondToMatch } from "~/modules/matches/lifecycle-commands.server";
import {
  proposeFromSuggestion,
  suggestionsForNeed,
  whyNotForNeed,
} from "~/modules/matches/need-suggestions.server";
import { createNeed } from "~/modules/needs/commands.server";
import { zonedIsoDate, zonedTimeToInstant } from "~/utils/time";
import { createCategory, createCoordinator, createNeighbourhood, createVolunteer } from "../factories";
import { authUserOf, statusThrownBy } from "../helpers/auth-user";
import { createTempDb, type TempDb } from "../helpers/db";
import { insertOffer, needInput } from "./coordination-fixture";

let temp: TempDb;
beforeEach(() => {
  temp = createTempDb();
});
afterEach(() => temp.cleanup());

/** Thursday 15:00–16:30 (Europe/Berlin) at least a week ahead. */
function thursdayAfternoon(weeks = 1): { startsAt: number; endsAt: number } {
  // Berlin's calendar, not UTC's: between 23:00 and midnight UTC, Berlin is already on the next day.
  let instant = Date.now() + 7 * weeks * 86_400_000;
  while (new Date(`${zonedIsoDate(instant)}T12:00:00Z`).getUTCDay() !== 4) instant += 86_400_000;
  const [y, m, d] = zonedIsoDate(instant).split("-").map(Number) as [number, number, number];
  return { startsAt: zonedTimeToInstant(y, m, d, 15, 0), endsAt: zonedTimeToInstant(y, m, d, 16, 30) };
}

function setup() {
  const { db } = temp;
  const nb = createNeighbourhood(db);
  const otherNb = createNeighbourhood(db);
  const category = createCategory(db);
  const coordinator = authUserOf(db, createCoordinator(db, [nb.id]).id);
  const helper = (name: string, capacity = 2) => {
    const user = createVolunteer(db, {
      user: { displayName: name },
      profile: { homeNeighbourhoodId: nb.id },
    }).user;
    const offer = insertOffer(db, {
      categoryId: category.id,
      neighbourhoodIds: [nb.id],
      volunteerId: user.id,
      capacity,
    });
    db.insert(offerAvailability)
      .values({ offerId: offer.id, weekday: 3, startMinute: 14 * 60, endMinute: 19 * 60 })
      .run();
    return { user: authUserOf(db, user.id), offer };
  };
  const need = (weeks = 1) => {
    const result = createNeed(
      db,
      coordinator,
      needInput({
        categoryId: category.id,
        neighbourhoodId: nb.id,
        schedule: { kind: "one_off", ...thursdayAfternoon(weeks) },
      }),
    );
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    return result.value.id;
  };
  return { db, nb, otherNb, category, coordinator, helper, need };
}

describe("suggestions and proposals through the engine", () => {
  it("describes the top suggestions in words of the reader's language", () => {
    const { db, helper, need } = setup();
    const amira = helper("Amira Test");
    const needId = need();
    const de = suggestionsForNeed(db, needId, "de");
    expect(de?.items.map((s) => [s.offerId, s.ownerName, s.rank])).toEqual([
      [amira.offer.id, "Amira Test", 1],
    ]);
    expect(de?.items[0]?.sentence).toContain("spricht Arabisch");
    expect(de?.items[0]?.sentence).toContain("donnerstagnachmittags");
    expect(de?.items[0]?.components.map((c) => c.key)).toEqual([
      "language",
      "distance",
      "availability",
      "load",
      "experience",
      "responsiveness",
    ]);
    const en = suggestionsForNeed(db, needId, "en");
    expect(en?.items[0]?.sentence).toContain("speaks Arabic");
  });

  it("proposes what the engine confirms, stores its score, and never suggests a declined candidate again", () => {
    const { db, coordinator, helper, need } = setup();
    const amira = helper("Amira Test");
    const needId = need();
    const suggested = suggestionsForNeed(db, needId, "de")!.items[0]!;

    const proposed = proposeFromSuggestion(db, coordinator, needId, String(amira.offer.id));
    expect(proposed.ok).toBe(true);
    const id = proposed.ok ? proposed.value.id : 0;
    const row = db.select().from(matches).where(eq(matches.id, id)).get();
    expect(row).toMatchObject({ status: "proposed", score: suggested.score });
    expect(row!.scoreLanguage).toBeGreaterThan(0);
    expect(proposeFromSuggestion(db, coordinator, needId, String(amira.offer.id))).toEqual({
      ok: false,
      errors: { offerId: "matches:errors.alreadyProposed" },
    });
    expect(proposeFromSuggestion(db, coordinator, needId, "abc")).toEqual({
      ok: false,
      errors: { offerId: "matches:errors.offerUnknown" },
    });

    expect(respondToMatch(db, amira.user, id, { answer: "decline", reason: "" }).ok).toBe(true);
    expect(suggestionsForNeed(db, needId, "de")!.items).toEqual([]);
    expect(proposeFromSuggestion(db, coordinator, needId, String(amira.offer.id))).toEqual({
      ok: false,
      errors: { offerId: "matches:errors.declinedBefore" },
    });
    const whyNot = whyNotForNeed(db, needId, "de", { query: "Amira", offerId: String(amira.offer.id) });
    expect(whyNot.results?.map((r) => r.offerId)).toEqual([amira.offer.id]);
    expect(whyNot.explanation).toMatchObject({
      status: "excluded",
      reasons: ["hat diese Anfrage schon abgelehnt"],
    });
  });

  it("explains where a candidate ranks, and refuses a need outside the scope with 404", () => {
    const { db, otherNb, helper, need } = setup();
    helper("Amira Test");
    const basma = helper("Basma Test");
    const needId = need();
    const whyNot = whyNotForNeed(db, needId, "de", { query: "", offerId: String(basma.offer.id) });
    expect(whyNot.explanation).toMatchObject({ status: "candidate", candidateCount: 2 });
    const stranger = authUserOf(db, createCoordinator(db, [otherNb.id]).id);
    expect(statusThrownBy(() => proposeFromSuggestion(db, stranger, needId, String(basma.offer.id)))).toBe(
      404,
    );
    expect(db.select().from(matches).all()).toEqual([]);
  });
});

describe("bulk assignment", () => {
  it("computes exact and greedy in a worker, then confirms the chosen pairs in one transaction within capacity", async () => {
    const { db, coordinator, helper, need } = setup();
    const amira = helper("Amira Test", 1);
    const needs = [need(1), need(2)];

    const review = await reviewBulkAssignment(db, coordinator);
    expect(review.needs).toBe(2);
    expect(review.certified).toBe(true);
    expect(review.exactTotal).toBeGreaterThanOrEqual(review.greedyTotal);
    expect(review.pairs).toHaveLength(1);

    // A tampered form asking for both: the offer has room for one, the second pair is skipped.
    const pairs = parsePairs(
      needs.map((n) => `${n}:${amira.offer.id}`).concat(["junk", `${needs[0]}:${amira.offer.id}`]),
    );
    expect(pairs).toHaveLength(2);
    expect(confirmBulkPairs(db, coordinator, pairs)).toEqual({ ok: true, value: { created: 1, skipped: 1 } });
    expect(db.select({ needId: matches.needId, status: matches.status }).from(matches).all()).toEqual([
      { needId: needs[0], status: "proposed" },
    ]);
    expect(confirmBulkPairs(db, coordinator, [])).toEqual({
      ok: false,
      errors: { pairs: "matches:errors.noPairs" },
    });
  });

  it("refuses a batch with a need outside the scope as a whole (404), proposing nothing", () => {
    const { db, otherNb, category, coordinator, helper, need } = setup();
    const amira = helper("Amira Test");
    const mine = need();
    const otherCoordinator = authUserOf(db, createCoordinator(db, [otherNb.id]).id);
    const theirs = createNeed(
      db,
      otherCoordinator,
      needInput({
        categoryId: category.id,
        neighbourhoodId: otherNb.id,
        schedule: { kind: "one_off", ...thursdayAfternoon() },
      }),
    );
    const theirId = theirs.ok ? theirs.value.id : 0;
    expect(
      statusThrownBy(() =>
        confirmBulkPairs(db, coordinator, [
          { needId: mine, offerId: amira.offer.id },
          { needId: theirId, offerId: amira.offer.id },
        ]),
      ),
    ).toBe(404);
    expect(db.select().from(matches).all()).toEqual([]);
  });
});
