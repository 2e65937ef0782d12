/**
 * The machine-translation mark (pure): when a saved translation is still an unreviewed machine draft,
 * and the note a page shows after drafting. Shared by activities and organisation profiles.
 */
import { UI_LOCALE, type UiLocale } from "@db/schema/enums";

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

/** The note after drafting, for the redirect's query string. */
export function draftNoticeQuery(summary: DraftSummary): string {
  const params = new URLSearchParams({ drafted: summary.drafted.join(".") });
  if (summary.missing.length > 0) params.set("missing", summary.missing.join("."));
  if (summary.problem) params.set("problem", summary.problem);
  return params.toString();
}

/** The note from a page's query string; anything unknown in it is dropped (anyone can type a URL). */
export function readDraftNotice(params: URLSearchParams): DraftSummary | null {
  if (!params.has("drafted")) return null;
  const locales = (name: string) =>
    (params.get(name) ?? "")
      .slice(0, 40)
      .split(".")
      .filter((l): l is UiLocale => (UI_LOCALE as readonly string[]).includes(l));
  const problem = params.get("problem");
  return {
    drafted: locales("drafted"),
    missing: locales("missing"),
    problem: DRAFT_PROBLEMS.find((p) => p === problem) ?? null,
  };
}
