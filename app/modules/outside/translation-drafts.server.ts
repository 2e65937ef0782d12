/**
 * "Entwurf übersetzen" for the two forms that offer it (an activity's translations, an organisation's
 * profile): which languages are still empty, and the machine drafts for them. A draft is stored marked
 * `machine_translated` and keeps that mark until a person edits the text or ticks "geprüft"
 * (`keepsMachineMark` in machine-mark.ts).
 */
import type { Db } from "@db/client";
import { UI_LOCALE, type UiLocale } from "@db/schema/enums";
import type { DraftSummary } from "./machine-mark";
import { draftTranslations, type TranslationSubject } from "./translate.server";

export interface DraftResult {
  /** The machine texts per language, in the order of `sourceTexts`. */
  drafts: Map<UiLocale, string[]>;
  summary: DraftSummary;
}

/** Drafts for the languages whose texts are all empty. Never waits longer than the outside timeout. */
export async function draftEmptyLanguages(
  db: Db,
  request: {
    subject: TranslationSubject;
    source: UiLocale;
    sourceTexts: readonly string[];
    /** What the form holds now per language (other than the source). */
    current: Partial<Record<UiLocale, readonly string[]>>;
  },
): Promise<DraftResult> {
  const empty = UI_LOCALE.filter(
    (locale) =>
      locale !== request.source && (request.current[locale] ?? []).every((text) => text.trim() === ""),
  );
  const drafts = new Map<UiLocale, string[]>();
  const summary: DraftSummary = { drafted: [], missing: [], problem: null };
  if (empty.length === 0) return { drafts, summary };
  const outcomes = await draftTranslations(db, {
    subject: request.subject,
    source: request.source,
    targets: empty,
    texts: request.sourceTexts,
  });
  for (const locale of empty) {
    const outcome = outcomes.get(locale);
    if (outcome?.ok) {
      drafts.set(locale, outcome.texts);
      summary.drafted.push(locale);
    } else {
      summary.missing.push(locale);
      summary.problem ??= outcome ? outcome.problem : "failed";
    }
  }
  return { drafts, summary };
}
