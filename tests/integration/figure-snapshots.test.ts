import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  cachedFigures as cached,
  FIGURES_FRESH_MS,
  forgetFigures,
} from "~/modules/dashboard/figure-snapshots.server";
import { loadArrivalsLagebild } from "~/modules/arrivals/lagebild.server";
import { ALL_NEIGHBOURHOODS } from "~/modules/dashboard/scope.server";
import { defaultAnchor, seedDatabase } from "@db/seed/seed";
import { createTempDb, type TempDb } from "../helpers/db";

let temp: TempDb;
beforeAll(async () => {
  temp = createTempDb();
  await seedDatabase(temp.db, { scale: "demo", anchor: defaultAnchor() });
});
afterAll(() => temp.cleanup());

/** Figures as a city's are served: from memory however cheap they were. */
const cachedFigures: typeof cached = (db, job, now) => cached(db, job, now, { exactBelowMs: 0 });

const job = { kind: "dashboard", scope: ALL_NEIGHBOURHOODS } as const;
const openNeeds = () =>
  temp.db.$client
    .prepare("SELECT count(*) FROM needs WHERE status IN ('open', 'partly_matched')")
    .pluck()
    .get() as number;

describe("dashboard and report figures", () => {
  it("are computed once a minute per scope, refreshed in the worker after that, computed afresh when old", async () => {
    forgetFigures(temp.db);
    const t0 = Date.now();
    const first = cachedFigures(temp.db, job, t0);
    expect(first.openNeeds).toBe(openNeeds());
    expect(first.generatedAt).toBe(t0);

    // A need is cancelled: within the minute the figures stay as they were.
    temp.db.$client
      .prepare(
        "UPDATE needs SET status = 'cancelled', closed_at = ? WHERE id = (SELECT min(id) FROM needs WHERE status = 'open')",
      )
      .run(t0);
    expect(cachedFigures(temp.db, job, t0 + FIGURES_FRESH_MS - 1)).toBe(first);

    // Past the minute the old figures are served at once, and a refresh starts in the worker thread.
    expect(cachedFigures(temp.db, job, t0 + FIGURES_FRESH_MS + 1)).toBe(first);
    await expect
      .poll(() => cachedFigures(temp.db, job, t0 + FIGURES_FRESH_MS + 2).openNeeds, { timeout: 30_000 })
      .toBe(first.openNeeds - 1);
    // The worker computes the arrivals' part of the Lagebild with the rest.
    const refreshed = cachedFigures(temp.db, job, t0 + FIGURES_FRESH_MS + 2);
    expect(refreshed.arrivals.arrivals).toBeGreaterThan(0);
    expect(refreshed.arrivals).toEqual(
      loadArrivalsLagebild(temp.db, ALL_NEIGHBOURHOODS, t0 + FIGURES_FRESH_MS + 1),
    );

    // Figures nobody looked at for a quarter of an hour are computed on the request.
    const later = Date.now() + 20 * 60_000;
    const fresh = cachedFigures(temp.db, job, later);
    expect(fresh.generatedAt).toBe(later);
    expect(fresh.openNeeds).toBe(openNeeds());
  }, 60_000);

  it("are kept apart per scope and per report period", () => {
    forgetFigures(temp.db);
    const now = Date.now();
    const reports = (from: string) =>
      cachedFigures(temp.db, { kind: "reports", scope: ALL_NEIGHBOURHOODS, from, to: "2030-12-31" }, now);
    expect(reports("2020-01-01")).not.toBe(reports("2021-01-01"));
    expect(reports("2020-01-01")).toBe(reports("2020-01-01"));
    const none = cachedFigures(temp.db, { kind: "dashboard", scope: { neighbourhoodIds: [] } }, now);
    expect(none.openNeeds).toBe(0);
    expect(cachedFigures(temp.db, job, now).openNeeds).toBe(openNeeds());
  });

  it("where they are cheap, are computed again after any write, so a number equals its list", () => {
    forgetFigures(temp.db);
    const now = Date.now();
    const first = cached(temp.db, job, now);
    expect(cached(temp.db, job, now + 1)).toBe(first);
    temp.db.$client
      .prepare(
        "UPDATE needs SET status = 'cancelled', closed_at = ? WHERE id = (SELECT min(id) FROM needs WHERE status = 'open')",
      )
      .run(now);
    const after = cached(temp.db, job, now + 2);
    expect(after).not.toBe(first);
    expect(after.openNeeds).toBe(first.openNeeds - 1);
    expect(after.openNeeds).toBe(openNeeds());
  });
});
