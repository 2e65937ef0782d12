import { describe, expect, it } from "vitest";
import {
  ANSWER_WINDOW_MS,
  answerExpiry,
  freePlaces,
  MAX_WAVES,
  pickWave,
  reachTrigger,
  waveSize,
  type NeedTiming,
} from "./waves";

const HOUR = 3_600_000;
const now = Date.UTC(2026, 11, 7, 9);

function need(overrides: Partial<NeedTiming> = {}): NeedTiming {
  return {
    status: "open",
    urgency: "normal",
    schedule: "one_off",
    startsAt: now + 5 * 24 * HOUR,
    endsAt: now + 5 * 24 * HOUR + 2 * HOUR,
    ...overrides,
  };
}

describe("when the hub asks by itself", () => {
  it("asks for urgent needs and for one-offs within 72 hours, never for finished or begun ones", () => {
    expect(reachTrigger(need({ urgency: "urgent" }), now)).toBe("urgent");
    expect(reachTrigger(need({ startsAt: now + 72 * HOUR, endsAt: now + 74 * HOUR }), now)).toBe("soon");
    expect(reachTrigger(need({ startsAt: now + 72 * HOUR + 1, endsAt: now + 74 * HOUR }), now)).toBeNull();
    expect(reachTrigger(need({ urgency: "high" }), now)).toBeNull();
    expect(reachTrigger(need({ urgency: "urgent", status: "matched" }), now)).toBeNull();
    expect(reachTrigger(need({ urgency: "urgent", status: "cancelled" }), now)).toBeNull();
    expect(reachTrigger(need({ urgency: "urgent", startsAt: now, endsAt: now + HOUR }), now)).toBeNull();
    // A recurring need runs over weeks: asked for while its period lasts, if marked urgent.
    const recurring = need({
      schedule: "recurring",
      startsAt: now - 24 * HOUR,
      endsAt: now + 30 * 24 * HOUR,
    });
    expect(reachTrigger(recurring, now)).toBeNull();
    expect(reachTrigger({ ...recurring, urgency: "urgent" }, now)).toBe("urgent");
  });

  it("sizes waves 5, 10, 10, 10 and ends after the last", () => {
    expect(Array.from({ length: MAX_WAVES + 1 }, (_, i) => waveSize(i + 1))).toEqual([5, 10, 10, 10, 0]);
  });

  it("lets answer links expire after 48 hours or when the need begins", () => {
    expect(answerExpiry(now, need())).toBe(now + ANSWER_WINDOW_MS);
    expect(answerExpiry(now, need({ startsAt: now + 3 * HOUR }))).toBe(now + 3 * HOUR);
    expect(
      answerExpiry(now, need({ schedule: "recurring", startsAt: now - HOUR, endsAt: now + 5 * HOUR })),
    ).toBe(now + 5 * HOUR);
  });

  it("counts places held by matches and waiting yes answers", () => {
    expect(freePlaces(3, 1, 1)).toBe(1);
    expect(freePlaces(1, 1, 1)).toBe(0);
  });
});

describe("picking a wave", () => {
  const ranked = [
    { offerId: 1, volunteerId: "a", score: 90 },
    { offerId: 2, volunteerId: "a", score: 85 },
    { offerId: 3, volunteerId: "b", score: 80 },
    { offerId: 4, volunteerId: "c", score: 70 },
    { offerId: 5, volunteerId: "d", score: 60 },
    { offerId: 6, volunteerId: "e", score: 50 },
  ];
  const none = {
    alreadyInvolved: new Set<string>(),
    optedOut: new Set<string>(),
    askedThisWeek: new Map(),
    maxPerWeek: 2,
  };

  it("takes the best, each person once with their best offer", () => {
    expect(pickWave(ranked, none, 3).map((p) => [p.volunteerId, p.offerId])).toEqual([
      ["a", 1],
      ["b", 3],
      ["c", 4],
    ]);
  });

  it("leaves out who was involved, opted out or reached the weekly limit", () => {
    const picked = pickWave(
      ranked,
      {
        alreadyInvolved: new Set(["a"]),
        optedOut: new Set(["c"]),
        askedThisWeek: new Map([
          ["b", 2],
          ["d", 1],
        ]),
        maxPerWeek: 2,
      },
      5,
    );
    expect(picked.map((p) => p.volunteerId)).toEqual(["d", "e"]);
    expect(pickWave(ranked, { ...none, maxPerWeek: 0 }, 5)).toEqual([]);
  });
});
