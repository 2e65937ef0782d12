/**
 * The machine-translation mark (pure): when a saved translation is still an unreviewed machine draft,
 * and what a draft did (the notices after it: draft-notices.server.ts). Shared by activities and
 * organisation profiles.
 */
import type { UiLocale } from "@db/schema/enums";

/** Why no draft came for a language (the same values as the translation client's). */
export const DRAFT_PROBLEMS = ["not_configured", "paused", "timeout", "failed", "wrong_language"] as const;
export type DraftProblem = (typeof DRAFT_PROBLEMS)[number];

export interface DraftSummary {
  drafted: UiLocale[];
  missing: UiLocale[];
  /** Why the missing ones are missing (the first reason; they share one deadline). */
  problem: DraftProblem | null;
}

/**
 * A saved translation stays marked as machine-made only when it was a machine draft, its text is
 * unchanged, and nobody ticked "geprüft".
 */
export function keepsMachineMark(
  stored: { texts: readonly string[]; machineTranslated: boolean } | undefined,
  submitted: readonly string[],
  reviewed: boolean,
): boolean {
  if (!stored?.machineTranslated || reviewed) return false;
  const same = (a: string, b: string) => a.replace(/\r\n/g, "\n").trim() === b.replace(/\r\n/g, "\n").trim();
  return (
    stored.texts.length === submitted.length && stored.texts.every((t, i) => same(t, submitted[i] ?? ""))
  );
}
