import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * The files that take longest, first, so that the two workers end together: left to vitest, a fresh
 * clone (no timings cached yet) runs the largest files first, and these are small files that attack
 * every route (tests/helpers/event-loop-attack.ts, hostile-app.ts).
 */
const SLOW_FIRST: readonly RegExp[] = [
  /\/event-loop-organisations\.test\.ts$/,
  /\/fuzz\.test\.ts$/,
  /\/event-loop-people\.test\.ts$/,
  /\/event-loop-coordination\.test\.ts$/,
  /\/event-loop-admin\.test\.ts$/,
];

export default class SlowFilesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (spec: TestSpecification) => {
      const index = SLOW_FIRST.findIndex((pattern) => pattern.test(spec.moduleId));
      return index === -1 ? SLOW_FIRST.length : index;
    };
    // Array.prototype.sort is stable: the rest keeps vitest's order.
    return sorted.sort((a, b) => rank(a) - rank(b));
  }
}
