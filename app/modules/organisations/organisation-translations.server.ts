/**
 * An organisation's description in the other UI languages, typed by people or drafted by the
 * translation service ("Entwurf übersetzen": only the description is sent). A draft keeps its
 * machine mark until a person edits it or ticks "geprüft".
 */
import { eq } from "drizzle-orm";
import type { Db } from "@db/client";
import { organisations, organisationTranslations } from "@db/schema";
import { UI_LOCALE, type UiLocale } from "@db/schema/enums";
import { keepsMachineMark, type DraftSummary } from "~/modules/outside/machine-mark";
import { translationHelpAvailable } from "~/modules/outside/outside-config.server";
import { draftEmptyLanguages } from "~/modules/outside/translation-drafts.server";
import type { FieldErrors } from "~/utils/form-validation";
import type { OrganisationTranslationsValues } from "./organisation.schema";

export interface OrganisationTranslation {
  locale: UiLocale;
  description: string;
  machineTranslated: boolean;
}

export function listOrganisationTranslations(db: Db, organisationId: number): OrganisationTranslation[] {
  return db
    .select({
      locale: organisationTranslations.locale,
      description: organisationTranslations.description,
      machineTranslated: organisationTranslations.machineTranslated,
    })
    .from(organisationTranslations)
    .where(eq(organisationTranslations.organisationId, organisationId))
    .all();
}

type SaveResult = { ok: true } | { ok: false; errors: FieldErrors };

/**
 * Replaces the translations of the description. `machineDrafts`: languages the service just filled;
 * a stored draft keeps its mark while unchanged and not ticked as reviewed.
 */
export function saveOrganisationTranslations(
  db: Db,
  organisationId: number,
  values: OrganisationTranslationsValues,
  machineDrafts: ReadonlySet<UiLocale> = new Set(),
): SaveResult {
  return db.transaction((tx): SaveResult => {
    const org = tx
      .select({ originalLanguage: organisations.originalLanguage })
      .from(organisations)
      .where(eq(organisations.id, organisationId))
      .get();
    if (!org) return { ok: false, errors: { form: "organisations:errors.gone" } };
    const stored = new Map(
      tx
        .select()
        .from(organisationTranslations)
        .where(eq(organisationTranslations.organisationId, organisationId))
        .all()
        .map((r) => [r.locale, { texts: [r.description], machineTranslated: r.machineTranslated }]),
    );
    tx.delete(organisationTranslations)
      .where(eq(organisationTranslations.organisationId, organisationId))
      .run();
    const rows = UI_LOCALE.flatMap((locale) => {
      const t = values.translations[locale];
      if (locale === org.originalLanguage || !t?.description) return [];
      return [
        {
          organisationId,
          locale,
          description: t.description,
          machineTranslated:
            machineDrafts.has(locale) ||
            keepsMachineMark(stored.get(locale), [t.description], t.reviewed ?? false),
        },
      ];
    });
    if (rows.length) tx.insert(organisationTranslations).values(rows).run();
    return { ok: true };
  });
}

/** Saves what the form holds and fills its empty languages with machine drafts of the description. */
export async function saveOrganisationTranslationsWithDrafts(
  db: Db,
  organisationId: number,
  values: OrganisationTranslationsValues,
): Promise<(SaveResult & { ok: false }) | { ok: true; summary: DraftSummary }> {
  const org = db
    .select({ description: organisations.description, originalLanguage: organisations.originalLanguage })
    .from(organisations)
    .where(eq(organisations.id, organisationId))
    .get();
  if (!org) return { ok: false, errors: { form: "organisations:errors.gone" } };
  if (!translationHelpAvailable())
    return { ok: false, errors: { form: "common:translationHelp.problems.not_configured" } };
  if (!org.description.trim())
    return { ok: false, errors: { form: "organisations:translations.noDescription" } };
  const { drafts, summary } = await draftEmptyLanguages(db, {
    subject: "organisation_profile",
    source: org.originalLanguage,
    sourceTexts: [org.description],
    current: Object.fromEntries(
      Object.entries(values.translations).map(([l, t]) => [l, [t?.description ?? ""]]),
    ),
  });
  const translations = { ...values.translations };
  for (const [locale, [description = ""]] of drafts) translations[locale] = { description, reviewed: false };
  const saved = saveOrganisationTranslations(db, organisationId, { translations }, new Set(drafts.keys()));
  return saved.ok ? { ok: true, summary } : saved;
}
