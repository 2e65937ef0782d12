/**
 * Weekly activities sort by their next occurrence, among the one-off ones (issue 13, seam 9: the list
 * read Wed 9, Sat 12, then Tue 8 Dec — running series came a week late).
 */
import { describe, expect, it } from "vitest";
import { organisationNeighbourhoods } from "@db/schema";
import { parseActivityFilter } from "~/modules/events/activity-filter.schema";
import { listOrganisationActivities, usualNeighbourhoodOf } from "~/modules/events/queries.server";
import { listPublicActivities } from "~/modules/events/public-activities.server";
import { getDb } from "~/utils/db.server";
import { createCategory, createEvent, createNeighbourhood, createOrganisation } from "../factories";

const DAY = 86_400_000;
const HOUR = 3_600_000;

describe("activities in date order", () => {
  it("a running weekly series sorts by its next time, before later one-off activities", () => {
    const db = getDb();
    const now = Date.now();
    const organisation = createOrganisation(db);
    const common = {
      organisationId: organisation.id,
      categoryId: createCategory(db).id,
      neighbourhoodId: createNeighbourhood(db).id,
    };
    // Began two weeks ago less a day: the next time is tomorrow.
    const weekly = createEvent(db, {
      ...common,
      title: "Wöchentlich",
      startsAt: new Date(now - 13 * DAY),
      endsAt: new Date(now - 13 * DAY + 2 * HOUR),
      recurrence: "weekly",
      recurrenceUntil: new Date(now + 60 * DAY).toISOString().slice(0, 10),
    });
    const soon = createEvent(db, { ...common, title: "In drei Tagen", startsAt: new Date(now + 3 * DAY) });
    const later = createEvent(db, { ...common, title: "In neun Tagen", startsAt: new Date(now + 9 * DAY) });
    const ids = [weekly.id, soon.id, later.id];

    const publicList = listPublicActivities(
      db,
      parseActivityFilter(new URLSearchParams()).filter,
      "de",
      now,
    ).items.filter((i) => ids.includes(i.id));
    expect(publicList.map((i) => i.title)).toEqual(["Wöchentlich", "In drei Tagen", "In neun Tagen"]);

    const own = listOrganisationActivities(
      db,
      organisation.id,
      { status: "all", when: "upcoming", page: 1 },
      now,
    );
    expect(own.items.map((i) => i.title)).toEqual(["Wöchentlich", "In drei Tagen", "In neun Tagen"]);
  });
});

describe("a new activity's neighbourhood", () => {
  it("is the club's own: where it was last active, else the first it named", () => {
    const db = getDb();
    const neustadt = createNeighbourhood(db, { name: "Neustadt" });
    const ueckendorf = createNeighbourhood(db, { name: "Ückendorf" });
    const club = createOrganisation(db, { name: "SV Ückendorf 1912 e.V." });
    // Named at registration: home first, then another it serves (with a lower id).
    db.insert(organisationNeighbourhoods)
      .values([
        { organisationId: club.id, neighbourhoodId: ueckendorf.id },
        { organisationId: club.id, neighbourhoodId: neustadt.id },
      ])
      .run();
    expect(usualNeighbourhoodOf(db, club.id)).toBe(ueckendorf.id);
    createEvent(db, { organisationId: club.id, neighbourhoodId: neustadt.id });
    expect(usualNeighbourhoodOf(db, club.id)).toBe(neustadt.id);
  });
});
