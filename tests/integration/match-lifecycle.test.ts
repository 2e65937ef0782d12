import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { auditEvents, hoursLog, matches, needs, notifications } from "@db/schema";
import {
  completeMatch,
  confirmMatchHours,
  endMatch,
  respondToMatch,
  startMatch,
} from "~/modules/matches/lifecycle-commands.server";
import { proposeMatch } from "~/modules/matches/proposals.server";
import { logMatchHours } from "~/modules/volunteers/hours.server";
import { startOfZonedDay, zonedIsoDate } from "~/utils/time";
import {
  createCategory,
  createCoordinator,
  createNeighbourhood,
  createOrganisation,
  createUser,
  createVolunteer,
} from "../factories";
import { authUserOf, statusThrownBy } from "../helpers/auth-user";
import { createTempDb, type TempDb } from "../helpers/db";
import { candidateFor, insertNeed, insertOffer } from "./coordination-fixture";

let temp: TempDb;
beforeEach(() => {
  temp = createTempDb();
});
afterEach(() => temp.cleanup());

function setup(helpersNeeded = 2) {
  const { db } = temp;
  const nb = createNeighbourhood(db);
  const otherNb = createNeighbourhood(db);
  const category = createCategory(db);
  const coordinator = authUserOf(db, createCoordinator(db, [nb.id]).id);
  const need = insertNeed(db, {
    categoryId: category.id,
    neighbourhoodId: nb.id,
    helpersNeeded,
    title: "Begleitung zur Familienkasse",
  });
  // The appointment is today (hours are logged and completed for its day).
  const appointment = startOfZonedDay(zonedIsoDate(Date.now())) + 8 * 3_600_000;
  db.update(needs)
    .set({ startsAt: new Date(appointment), endsAt: new Date(appointment + 2 * 3_600_000) })
    .where(eq(needs.id, need.id))
    .run();
  const helpers = [1, 2, 3].map(() => {
    const user = createVolunteer(db, { profile: { homeNeighbourhoodId: nb.id } }).user;
    const offer = insertOffer(db, {
      categoryId: category.id,
      neighbourhoodIds: [nb.id],
      volunteerId: user.id,
    });
    return { user: authUserOf(db, user.id), offer };
  });
  return { db, nb, otherNb, category, coordinator, need, helpers };
}

const statusOfNeed = (needId: number) =>
  temp.db.select({ s: needs.status }).from(needs).where(eq(needs.id, needId)).get()?.s;
const auditActions = () =>
  temp.db
    .select({ a: auditEvents.action })
    .from(auditEvents)
    .all()
    .map((r) => r.a);

describe("match lifecycle", () => {
  it("proposes with the score as seen, tells the offerer, and never proposes the same pair twice", () => {
    const { db, nb, coordinator, need, helpers } = setup();
    const h = helpers[0]!;
    const result = proposeMatch(db, coordinator, need.id, candidateFor(h.offer.id, 72));
    expect(result.ok).toBe(true);
    const id = result.ok ? result.value.id : 0;
    expect(db.select().from(matches).where(eq(matches.id, id)).get()).toMatchObject({
      status: "proposed",
      score: 72,
      scoreLanguage: 1,
      scoreDistance: 0.88,
      scoreAvailability: 0.5,
      distanceKm: 1.2,
      proposedBy: coordinator.id,
    });
    expect(db.select().from(notifications).where(eq(notifications.userId, h.user.id)).all()).toEqual([
      expect.objectContaining({
        kind: "match_proposed",
        link: `/matches/${id}`,
        params: { needId: need.id, needTitle: "Begleitung zur Familienkasse" },
      }),
    ]);
    expect(db.select().from(auditEvents).all()).toEqual([
      expect.objectContaining({
        action: "match.proposed",
        entityType: "match",
        entityId: String(id),
        neighbourhoodId: nb.id,
      }),
    ]);
    expect(statusOfNeed(need.id)).toBe("open");
    expect(proposeMatch(db, coordinator, need.id, candidateFor(h.offer.id))).toEqual({
      ok: false,
      errors: { offerId: "matches:errors.alreadyProposed" },
    });
  });

  it("follows acceptance, decline, start, completion and ending with the need's status", () => {
    const { db, coordinator, need, helpers } = setup(2);
    const [a, b, c] = helpers as [(typeof helpers)[0], (typeof helpers)[0], (typeof helpers)[0]];
    const ids = [a, b, c].map((h) => {
      const r = proposeMatch(db, coordinator, need.id, candidateFor(h.offer.id));
      return r.ok ? r.value.id : 0;
    });

    expect(respondToMatch(db, a.user, ids[0]!, { answer: "accept", reason: "" })).toEqual({
      ok: true,
      value: { id: ids[0], status: "accepted" },
    });
    expect(statusOfNeed(need.id)).toBe("partly_matched");
    expect(
      respondToMatch(db, b.user, ids[1]!, { answer: "decline", reason: "Ich bin im Urlaub." }),
    ).toMatchObject({ ok: true });
    expect(db.select().from(matches).where(eq(matches.id, ids[1]!)).get()).toMatchObject({
      status: "declined",
      declineReason: "Ich bin im Urlaub.",
    });
    expect(respondToMatch(db, b.user, ids[1]!, { answer: "accept", reason: "" })).toEqual({
      ok: false,
      errors: { form: "matches:errors.notProposed" },
    });
    // A declined candidate cannot be proposed again for this need.
    expect(proposeMatch(db, coordinator, need.id, candidateFor(b.offer.id))).toEqual({
      ok: false,
      errors: { offerId: "matches:errors.declinedBefore" },
    });
    expect(respondToMatch(db, c.user, ids[2]!, { answer: "accept", reason: "" }).ok).toBe(true);
    expect(statusOfNeed(need.id)).toBe("matched");

    const kinds = db
      .select({ k: notifications.kind })
      .from(notifications)
      .where(eq(notifications.userId, coordinator.id))
      .all()
      .map((n) => n.k);
    expect(kinds).toEqual(["match_accepted", "match_declined", "match_accepted"]);

    expect(startMatch(db, coordinator, ids[0]!).ok).toBe(true);
    expect(startMatch(db, coordinator, ids[0]!)).toEqual({
      ok: false,
      errors: { form: "matches:errors.notAccepted" },
    });
    expect(completeMatch(db, coordinator, ids[0]!, { hours: null, date: null })).toEqual({
      ok: false,
      errors: { hours: "matches:errors.hoursRequired" },
    });
    expect(completeMatch(db, coordinator, ids[0]!, { hours: 2.5, date: null }).ok).toBe(true);
    expect(db.select().from(hoursLog).where(eq(hoursLog.matchId, ids[0]!)).all()).toEqual([
      expect.objectContaining({
        volunteerId: a.user.id,
        hours: 2.5,
        source: "match",
        confirmedBy: coordinator.id,
      }),
    ]);
    expect(statusOfNeed(need.id)).toBe("matched");

    // The second helper steps back: the need has a place again.
    expect(endMatch(db, c.user, ids[2]!, "Ich bin umgezogen.").ok).toBe(true);
    expect(statusOfNeed(need.id)).toBe("partly_matched");
    expect(auditActions()).toEqual([
      "match.proposed",
      "match.proposed",
      "match.proposed",
      "match.accepted",
      "need.status_changed",
      "match.declined",
      "match.accepted",
      "need.status_changed",
      "match.started",
      "match.completed",
      "match.ended",
      "need.status_changed",
    ]);
  });

  it("lets the volunteer log hours that the coordinator confirms (the volunteer is told)", () => {
    const { db, coordinator, need, helpers } = setup(1);
    const a = helpers[0]!;
    const proposed = proposeMatch(db, coordinator, need.id, candidateFor(a.offer.id));
    const id = proposed.ok ? proposed.value.id : 0;
    respondToMatch(db, a.user, id, { answer: "accept", reason: "" });
    const today = zonedIsoDate(Date.now());
    const logged = logMatchHours(db, a.user.id, { matchId: id, date: today, hours: 2, note: "" }, today);
    expect(logged.ok).toBe(true);
    const hoursId = logged.ok ? logged.id : 0;
    expect(statusThrownBy(() => confirmMatchHours(db, a.user, hoursId))).toBe(403);
    expect(confirmMatchHours(db, coordinator, hoursId).ok).toBe(true);
    expect(confirmMatchHours(db, coordinator, hoursId)).toEqual({
      ok: false,
      errors: { form: "matches:errors.hoursConfirmedAlready" },
    });
    expect(
      db
        .select()
        .from(notifications)
        .where(and(eq(notifications.userId, a.user.id), eq(notifications.kind, "hours_confirmed")))
        .all(),
    ).toHaveLength(1);
    // Completing without new hours is fine now: the logged ones count.
    expect(completeMatch(db, coordinator, id, { hours: null, date: null }).ok).toBe(true);
  });

  it("asks an organisation's owners and lets any member answer", () => {
    const { db, nb, coordinator, need, category } = setup(1);
    const owner = createUser(db, { role: "org_member" });
    const org = createOrganisation(db, { ownerId: owner.id });
    const offer = insertOffer(db, {
      categoryId: category.id,
      neighbourhoodIds: [nb.id],
      organisationId: org.id,
    });
    const proposed = proposeMatch(db, coordinator, need.id, candidateFor(offer.id));
    const id = proposed.ok ? proposed.value.id : 0;
    expect(db.select({ u: notifications.userId }).from(notifications).all()).toEqual([{ u: owner.id }]);
    expect(respondToMatch(db, authUserOf(db, owner.id), id, { answer: "accept", reason: "" }).ok).toBe(true);
    expect(
      db.select().from(notifications).where(eq(notifications.userId, coordinator.id)).get(),
    ).toMatchObject({
      kind: "match_accepted",
      params: { needId: need.id, needTitle: need.title, helperName: org.name },
    });
  });

  it("refuses strangers: 404 where they may not know the match or need exists, 403 for the wrong role", () => {
    const { db, otherNb, coordinator, need, helpers } = setup(1);
    const a = helpers[0]!;
    const proposed = proposeMatch(db, coordinator, need.id, candidateFor(a.offer.id));
    const id = proposed.ok ? proposed.value.id : 0;
    const strangerCoordinator = authUserOf(db, createCoordinator(db, [otherNb.id]).id);
    const otherVolunteer = helpers[1]!.user;

    expect(
      statusThrownBy(() =>
        proposeMatch(db, strangerCoordinator, need.id, candidateFor(helpers[1]!.offer.id)),
      ),
    ).toBe(404);
    expect(
      statusThrownBy(() => respondToMatch(db, otherVolunteer, id, { answer: "accept", reason: "" })),
    ).toBe(404);
    expect(
      statusThrownBy(() => respondToMatch(db, strangerCoordinator, id, { answer: "accept", reason: "" })),
    ).toBe(404);
    // The coordinator may see the match but answering is the offerer's.
    expect(statusThrownBy(() => respondToMatch(db, coordinator, id, { answer: "accept", reason: "" }))).toBe(
      403,
    );
    expect(statusThrownBy(() => startMatch(db, a.user, id))).toBe(403);
    expect(statusThrownBy(() => endMatch(db, otherVolunteer, id, ""))).toBe(404);
    // The offerer cannot withdraw a proposal (they decline it instead).
    expect(endMatch(db, a.user, id, "")).toEqual({ ok: false, errors: { form: "matches:errors.cannotEnd" } });
    expect(db.select({ s: matches.status }).from(matches).where(eq(matches.id, id)).get()?.s).toBe(
      "proposed",
    );
  });

  it("tells the other side when a match ends: the helper when the coordination ends it, the proposer when the helper steps back", () => {
    const { db, coordinator, need, helpers } = setup(2);
    const [a, b] = [helpers[0]!, helpers[1]!];
    const idOf = (r: ReturnType<typeof proposeMatch>) => (r.ok ? r.value.id : 0);
    const withdrawn = idOf(proposeMatch(db, coordinator, need.id, candidateFor(a.offer.id)));
    const accepted = idOf(proposeMatch(db, coordinator, need.id, candidateFor(b.offer.id)));
    respondToMatch(db, b.user, accepted, { answer: "accept", reason: "" });
    const inbox = (userId: string) =>
      db
        .select({ kind: notifications.kind, params: notifications.params, link: notifications.link })
        .from(notifications)
        .where(and(eq(notifications.userId, userId)))
        .all()
        .filter((n) => n.kind.startsWith("match_ended"));

    // The coordinator withdraws a proposal: the volunteer hears it, the coordinator gets nothing.
    expect(endMatch(db, coordinator, withdrawn, "Hat sich anders erledigt.").ok).toBe(true);
    expect(inbox(a.user.id)).toEqual([
      {
        kind: "match_ended_by_coordination",
        params: { needId: need.id, needTitle: "Begleitung zur Familienkasse" },
        link: `/matches/${withdrawn}`,
      },
    ]);
    expect(inbox(coordinator.id)).toEqual([]);

    // The helper steps back from an accepted match: the coordinator who proposed it hears it.
    expect(endMatch(db, b.user, accepted, "Ich bin umgezogen.").ok).toBe(true);
    const told = inbox(coordinator.id);
    expect(told).toEqual([
      {
        kind: "match_ended_by_helper",
        params: {
          needId: need.id,
          needTitle: "Begleitung zur Familienkasse",
          helperName: expect.any(String),
        },
        link: `/coordination/needs/${need.id}`,
      },
    ]);
    expect(told[0]!.params.helperName).not.toBe("");
    expect(inbox(b.user.id)).toEqual([]);
    // The reason is the person's own words: it stays with the match and the audit trail, not in messages.
    expect(JSON.stringify(db.select().from(notifications).all())).not.toMatch(/umgezogen|anders erledigt/);
  });
});
