import type { SeedContext, SeededNeighbourhood, Slot } from "./context";
import type { Rng } from "./prng";

/** Picks neighbourhoods by their weight (where newcomers and helpers live). */
export function neighbourhoodPicker(ctx: SeedContext): (rng: Rng) => SeededNeighbourhood {
  const entries = ctx.neighbourhoods.map((nb) => [nb, nb.weight] as const);
  return (rng) => rng.weighted(entries);
}

/** For each neighbourhood id, the other neighbourhoods ordered by distance (nearest first, ties by id). */
export function nearestNeighbourhoods(ctx: SeedContext): Map<number, number[]> {
  const result = new Map<number, number[]>();
  for (const nb of ctx.neighbourhoods) {
    const others = ctx.neighbourhoods
      .filter((other) => other.id !== nb.id)
      .map((other) => other.id)
      .sort((a, b) => ctx.distanceKm(nb.id, a) - ctx.distanceKm(nb.id, b) || a - b);
    result.set(nb.id, others);
  }
  return result;
}

/** Neighbourhoods within `radiusKm` of `homeNb`, including it. */
export function withinRadius(ctx: SeedContext, homeNb: number, radiusKm: number): number[] {
  return ctx.neighbourhoods.filter((nb) => ctx.distanceKm(homeNb, nb.id) <= radiusKm).map((nb) => nb.id);
}

const WEEKDAY_WINDOWS: readonly (readonly [number, number])[] = [
  [9 * 60, 12 * 60],
  [9 * 60, 13 * 60],
  [10 * 60, 13 * 60],
  [14 * 60, 17 * 60],
  [14 * 60, 18 * 60],
  [15 * 60, 19 * 60],
  [16 * 60, 20 * 60],
  [17 * 60, 21 * 60],
  [9 * 60, 17 * 60],
];
const WEEKEND_WINDOWS: readonly (readonly [number, number])[] = [
  [10 * 60, 14 * 60],
  [9 * 60, 16 * 60],
  [13 * 60, 18 * 60],
];

/** 1–4 weekly availability windows on distinct weekdays, sorted by weekday. */
export function weeklySlots(rng: Rng, min = 1, max = 4): Slot[] {
  const days = rng.sample([0, 1, 2, 3, 4, 5, 6], rng.int(min, max)).sort((a, b) => a - b);
  return days.map((day): Slot => {
    const [start, end] = rng.pick(day >= 5 ? WEEKEND_WINDOWS : WEEKDAY_WINDOWS);
    return [day, start, end];
  });
}

/** Minutes two sets of weekly windows overlap. */
export function overlapMinutes(a: readonly Slot[], b: readonly Slot[]): number {
  let total = 0;
  for (const [dayA, startA, endA] of a) {
    for (const [dayB, startB, endB] of b) {
      if (dayA !== dayB) continue;
      const overlap = Math.min(endA, endB) - Math.max(startA, startB);
      if (overlap > 0) total += overlap;
    }
  }
  return total;
}
