import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { UiLocale } from "@db/schema/enums";
import { OrganisationTranslationsSchema } from "~/modules/organisations/organisation.schema";
import type { FormFailure } from "~/utils/form-validation";
import { ErrorSummary, useValidatedForm, CheckboxField, TextAreaField } from "~/components/forms";
import { DraftButton, MachineMark } from "./machine-translation";

/**
 * The organisation's description in the other UI languages, with "Entwurf übersetzen" when the
 * installation has a translation service. Posts `intent=translations` (save) or `intent=draft`.
 */
export function OrganisationTranslationsForm({
  originalLanguage,
  translations,
  canDraft,
  failure,
}: {
  originalLanguage: UiLocale;
  translations: { locale: UiLocale; description: string; machineTranslated: boolean }[];
  canDraft: boolean;
  failure: FormFailure | undefined;
}) {
  const { t } = useTranslation(["organisations", "common"]);
  const locales = (["de", "en", "uk", "ar", "tr"] as const).filter((l) => l !== originalLanguage);
  const stored = new Map(translations.map((tr) => [tr.locale, tr]));
  const form = useValidatedForm({
    id: "organisation-translations",
    schema: OrganisationTranslationsSchema,
    actionData: failure,
    defaultValues: Object.fromEntries(
      locales.map((l) => [`translations.${l}.description`, stored.get(l)?.description ?? ""]),
    ),
  });
  return (
    <section id="translations" aria-labelledby="translations-heading" className="section-card">
      <h2 id="translations-heading">{t("translations.title")}</h2>
      <p>{t("translations.intro", { language: t(`common:languages.${originalLanguage}`) })}</p>
      <ErrorSummary form={form} />
      <Form method="post" noValidate onSubmit={form.onSubmit}>
        {locales.map((locale) => (
          <fieldset key={locale} className="form-section">
            <legend className="h3">{t(`common:languages.${locale}`)}</legend>
            {stored.get(locale)?.machineTranslated ? <MachineMark /> : null}
            <TextAreaField
              form={form}
              name={`translations.${locale}.description`}
              label={t("profile.description")}
              rows={5}
              maxLength={2000}
              dir="auto"
              lang={locale}
            />
            {stored.get(locale)?.machineTranslated ? (
              <CheckboxField
                form={form}
                name={`translations.${locale}.reviewed`}
                label={t("common:translationHelp.reviewed")}
              />
            ) : null}
          </fieldset>
        ))}
        <div className="actions">
          <button type="submit" name="intent" value="translations" className="button">
            {t("translations.save")}
          </button>
        </div>
        {canDraft ? <DraftButton id="organisation-draft-hint" sends="organisation" /> : null}
      </Form>
    </section>
  );
}
