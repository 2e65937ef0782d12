/**
 * A need and its matches never contradict each other (docs/decisions/085-need-and-match-states.md):
 * whatever people do in whatever order — propose, accept, decline, start, complete, end, step back, edit
 * the helper count, close, cancel — the need's status is what its matches say, a finished need has no
 * match waiting, and no step is offered that the states forbid. Issue 13, seam 4: completing the only
 * match left the need "Vermittelt"; closing a need left an accepted match with "Vermittlung starten".
 */
import fc from "fast-check";
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { matches, needs } from "@db/schema";
import type { MatchStatus } from "@db/schema/enums";
import { seedDatabase } from "@db/seed/seed";
import {
  completeMatch,
  endMatch,
  respondToMatch,
  startMatch,
} from "~/modules/matches/lifecycle-commands.server";
import { proposeMatch } from "~/modules/matches/proposals.server";
import { getMatchPage } from "~/modules/matches/match-detail.server";
import { needAndMatchesAgree } from "~/modules/needs/need-status";
import { parseNeedFilter } from "~/modules/needs/need-filter.schema";
import { finishNeed, updateNeed } from "~/modules/needs/commands.server";
import { listNeeds } from "~/modules/needs/queries.server";
import { startOfZonedDay, zonedIsoDate } from "~/utils/time";
import { createCategory, createCoordinator, createNeighbourhood, createVolunteer } from "../factories";
import { authUserOf } from "../helpers/auth-user";
import { createTempDb, type TempDb } from "../helpers/db";
import { candidateFor, insertNeed, insertOffer, needInput } from "./coordination-fixture";

const HELPERS = 3;

type Command =
  | { kind: "propose" | "accept" | "decline" | "start" | "complete" | "end" | "stepBack"; helper: number }
  | { kind: "close" | "cancel" }
  | { kind: "setHelpersNeeded"; count: number };

const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({
    kind: fc.constantFrom(
      "propose" as const,
      "accept" as const,
      "decline" as const,
      "start" as const,
      "complete" as const,
      "end" as const,
      "stepBack" as const,
    ),
    helper: fc.integer({ min: 0, max: HELPERS - 1 }),
  }),
  fc.record({ kind: fc.constantFrom("close" as const, "cancel" as const) }),
  fc.record({ kind: fc.constant("setHelpersNeeded" as const), count: fc.integer({ min: 1, max: 3 }) }),
);

function run(temp: TempDb, commands: Command[]) {
  const { db } = temp;
  const nb = createNeighbourhood(db);
  const category = createCategory(db);
  const coordinator = authUserOf(db, createCoordinator(db, [nb.id]).id);
  const need = insertNeed(db, { categoryId: category.id, neighbourhoodId: nb.id, helpersNeeded: 2 });
  // The appointment is today, so completing with hours is possible.
  const appointment = startOfZonedDay(zonedIsoDate(Date.now())) + 60_000;
  db.update(needs)
    .set({ startsAt: new Date(appointment), endsAt: new Date(appointment + 2 * 3_600_000) })
    .where(eq(needs.id, need.id))
    .run();
  const helpers = Array.from({ length: HELPERS }, () => {
    const user = createVolunteer(db, { profile: { homeNeighbourhoodId: nb.id } }).user;
    const offer = insertOffer(db, {
      categoryId: category.id,
      neighbourhoodIds: [nb.id],
      volunteerId: user.id,
    });
    return { user: authUserOf(db, user.id), offer, matchId: null as number | null };
  });

  const check = (after: string) => {
    const n = db.select().from(needs).where(eq(needs.id, need.id)).get()!;
    const statuses = db
      .select({ id: matches.id, status: matches.status })
      .from(matches)
      .where(eq(matches.needId, need.id))
      .all();
    const list = statuses.map((m) => m.status) as MatchStatus[];
    expect(
      needAndMatchesAgree(n.status, n.helpersNeeded, list),
      `${after}: need ${n.status}, matches ${list}`,
    ).toBe(true);
    // What the pages offer agrees too: nothing to answer, start or complete on a finished need, and a
    // running match always has a next step for its coordinator.
    for (const m of statuses) {
      const steps = getMatchPage(db, coordinator, m.id).steps;
      if (n.status === "closed" || n.status === "cancelled") expect(steps, after).toEqual([]);
      if (m.status === "accepted" || m.status === "active") expect(steps, after).toContain("complete");
    }
  };

  for (const [i, c] of commands.entries()) {
    const label = `step ${i + 1} ${JSON.stringify(c)}`;
    if (c.kind === "close" || c.kind === "cancel") {
      finishNeed(db, coordinator, need.id, { intent: c.kind, note: "" });
    } else if (c.kind === "setHelpersNeeded") {
      const current = db.select().from(needs).where(eq(needs.id, need.id)).get()!;
      updateNeed(db, coordinator, need.id, {
        ...needInput({ categoryId: category.id, neighbourhoodId: nb.id }),
        helpersNeeded: c.count,
        schedule: {
          kind: "one_off",
          startsAt: current.startsAt.getTime(),
          endsAt: current.endsAt.getTime(),
        },
      });
    } else if ("helper" in c) {
      const h = helpers[c.helper]!;
      if (c.kind === "propose") {
        const r = proposeMatch(db, coordinator, need.id, candidateFor(h.offer.id));
        if (r.ok) h.matchId = r.value.id;
      } else if (h.matchId !== null) {
        const id = h.matchId;
        if (c.kind === "accept" || c.kind === "decline")
          respondToMatch(db, h.user, id, { answer: c.kind, reason: "" });
        else if (c.kind === "start") startMatch(db, coordinator, id);
        else if (c.kind === "complete") completeMatch(db, coordinator, id, { hours: 2, date: null });
        else if (c.kind === "end") endMatch(db, coordinator, id, "");
        else endMatch(db, h.user, id, "");
      }
    }
    check(label);
  }
}

describe("need and match states", () => {
  it("completing the only match finishes the need", () => {
    const temp = createTempDb();
    try {
      run(temp, [
        { kind: "setHelpersNeeded", count: 1 },
        { kind: "propose", helper: 0 },
        { kind: "propose", helper: 1 },
        { kind: "accept", helper: 0 },
        { kind: "complete", helper: 0 },
      ]);
      const need = temp.db.select().from(needs).get()!;
      expect(need.status).toBe("closed");
      // The proposal still waiting was withdrawn with it.
      expect(
        temp.db
          .select({ s: matches.status })
          .from(matches)
          .all()
          .map((m) => m.s)
          .sort(),
      ).toEqual(["completed", "ended"]);
    } finally {
      temp.cleanup();
    }
  });

  it("closing a need with a helper on the way is refused until that match is completed or ended", () => {
    const temp = createTempDb();
    try {
      run(temp, [{ kind: "propose", helper: 0 }, { kind: "accept", helper: 0 }, { kind: "close" }]);
      expect(temp.db.select().from(needs).get()!.status).toBe("partly_matched");
    } finally {
      temp.cleanup();
    }
  });

  it("agree after every step of any sequence", () => {
    fc.assert(
      fc.property(fc.array(command, { minLength: 1, maxLength: 24 }), (commands) => {
        const temp = createTempDb();
        try {
          run(temp, commands);
        } finally {
          temp.cleanup();
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe("the coordinator's needs list", () => {
  it("keeps a need whose helper accepted (it still needs starting and completing) until it is done", () => {
    const temp = createTempDb();
    try {
      const { db } = temp;
      const nb = createNeighbourhood(db);
      const category = createCategory(db);
      const coordinator = authUserOf(db, createCoordinator(db, [nb.id]).id);
      const need = insertNeed(db, { categoryId: category.id, neighbourhoodId: nb.id, helpersNeeded: 1 });
      const helper = createVolunteer(db).user;
      const offer = insertOffer(db, {
        categoryId: category.id,
        neighbourhoodIds: [nb.id],
        volunteerId: helper.id,
      });
      const shown = () =>
        listNeeds(db, coordinator, parseNeedFilter(new URLSearchParams()).filter).items.map((n) => n.id);
      const proposed = proposeMatch(db, coordinator, need.id, candidateFor(offer.id));
      if (!proposed.ok) throw new Error("propose");
      respondToMatch(db, authUserOf(db, helper.id), proposed.value.id, { answer: "accept", reason: "" });
      expect(db.select().from(needs).get()!.status).toBe("matched");
      expect(shown()).toEqual([need.id]);
      endMatch(db, coordinator, proposed.value.id, "");
      finishNeed(db, coordinator, need.id, { intent: "close", note: "" });
      expect(shown()).toEqual([]);
    } finally {
      temp.cleanup();
    }
  });
});

describe("the demo data", () => {
  const temp = createTempDb();
  afterAll(() => temp.cleanup());

  it("has no need that contradicts its matches", async () => {
    await seedDatabase(temp.db, { scale: "demo", anchor: new Date("2026-11-23T00:00:00Z") });
    const rows = temp.db.$client
      .prepare(
        `select n.id, n.status, n.helpers_needed as helpersNeeded,
                (select json_group_array(m.status) from matches m where m.need_id = n.id) as statuses
           from needs n`,
      )
      .all() as { id: number; status: string; helpersNeeded: number; statuses: string }[];
    expect(rows.length).toBeGreaterThan(10);
    const wrong = rows.filter(
      (r) =>
        !needAndMatchesAgree(r.status as never, r.helpersNeeded, JSON.parse(r.statuses) as MatchStatus[]),
    );
    expect(wrong.map((r) => `${r.id} ${r.status} (${r.helpersNeeded}): ${r.statuses}`)).toEqual([]);
  });
});
