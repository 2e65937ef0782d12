/** Replacing a person's name, address or id inside other people's records (erase-steps.server.ts). */
/** What replaces the person's name, address or id where it appears inside someone else's record. */
export const ERASED = "[erased]";

export type EraseResult =
  | { ok: true; report: EraseReport }
  | { ok: false; error: "not_found" | "last_admin" };

export interface EraseReport {
  cancelledSignups: number;
  endedMatches: number;
  keptMatches: number;
  keptHours: number;
  /** Organisations left without an owner (an admin should appoint one). */
  organisationsWithoutOwner: number[];
  scrubbedRecords: number;
  /** False when a reader kept the WAL from being emptied (it is emptied at the next checkpoint). */
  walTruncated: boolean;
}

export interface EraseOptions {
  now?: number;
  /** The admin erasing someone else's account; omitted when people erase their own. */
  actorId?: string;
}

/** Replaces every string that contains one of `needles` (deeply, in a JSON value). */
export function scrubJson(value: unknown, needles: readonly string[]): { value: unknown; changed: boolean } {
  let changed = false;
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") {
      if (needles.some((n) => v.includes(n))) {
        changed = true;
        return ERASED;
      }
      return v;
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === "object")
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return { value: walk(value), changed };
}

export function replaceAll(text: string, needles: readonly string[]): string {
  return needles.reduce((out, needle) => out.split(needle).join(ERASED), text);
}
