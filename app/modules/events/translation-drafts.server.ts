/**
 * "Entwurf übersetzen" on an activity's translations page: the form as submitted is saved, and the
 * languages it leaves empty are filled with machine drafts of the activity's title and description
 * (marked until a person edits or confirms them). Only these two texts of the activity are sent.
 */
import type { Db } from "@db/client";
import type { UiLocale } from "@db/schema/enums";
import type { DraftSummary } from "~/modules/outside/machine-mark";
import { translationHelpAvailable } from "~/modules/outside/outside-config.server";
import { draftEmptyLanguages } from "~/modules/outside/translation-drafts.server";
import type { TranslationsFormValues } from "./activity.schema";
import { loadOwnActivity, saveTranslations, type CommandResult } from "./commands.server";
import type { ActivityScope } from "./queries.server";

export async function saveTranslationsWithDrafts(
  db: Db,
  scope: ActivityScope,
  values: TranslationsFormValues,
): Promise<CommandResult<{ summary: DraftSummary }>> {
  const own = loadOwnActivity(db, scope);
  if (!own.ok) return own;
  const activity = own.activity;
  if (!translationHelpAvailable())
    return { ok: false, errors: { form: "common:translationHelp.problems.not_configured" } };

  // No transaction is open while the service is asked: other requests write on meanwhile.
  const { drafts, summary } = await draftEmptyLanguages(db, {
    subject: "activity",
    source: activity.originalLanguage,
    sourceTexts: [activity.title, activity.description],
    current: Object.fromEntries(
      Object.entries(values.translations).map(([l, t]) => [l, [t?.title ?? "", t?.description ?? ""]]),
    ),
  });
  const translations = { ...values.translations };
  for (const [locale, [title = "", description = ""]] of drafts) {
    translations[locale] = { title, description, reviewed: false };
  }
  const saved = saveTranslations(db, scope, { translations }, new Set<UiLocale>(drafts.keys()));
  return saved.ok ? { ok: true, summary } : saved;
}
