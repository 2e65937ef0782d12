import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AGE_GROUP, LANGUAGE, UI_LOCALE } from "@db/schema/enums";
import {
  ErrorSummary,
  SelectField,
  TextField,
  useValidatedForm,
  CheckboxField,
  ChoiceGroupField,
  TextAreaField,
} from "~/components/forms";
import { LOCALE_NAMES } from "~/modules/i18n/config";
import {
  LEAD_DAYS_MAX,
  TEMPLATE_DESCRIPTION_MAX,
  TEMPLATE_TITLE_MAX,
  TemplateFormSchema,
  textField,
} from "~/modules/arrivals/first-step-template.schema";
import { useCategoryName } from "~/components/use-category-name";

/** A first step of the city (admins): when, how long, for whom, in which languages, and its texts. */
export function TemplateForm({
  categories,
  defaultValues,
  actionData,
  submitLabel,
}: {
  categories: { id: number; slug: string; name: string }[];
  defaultValues: Record<string, string | string[]>;
  actionData: unknown;
  submitLabel: string;
}) {
  const { t } = useTranslation(["arrivals", "common"]);
  const categoryName = useCategoryName();
  const form = useValidatedForm({ id: "template", schema: TemplateFormSchema, actionData, defaultValues });
  return (
    <>
      <ErrorSummary form={form} />
      <Form method="post" noValidate onSubmit={form.onSubmit}>
        <fieldset>
          <legend>{t("templates.form.what")}</legend>
          <SelectField
            form={form}
            name="categoryId"
            label={t("templates.fields.category")}
            options={[
              { value: "", label: t("form.choose") },
              ...categories.map((c) => ({
                value: String(c.id),
                label: categoryName(c),
              })),
            ]}
          />
          <CheckboxField
            form={form}
            name="requiresCertificate"
            label={t("templates.fields.requiresCertificate")}
            hint={t("templates.form.certificateHint")}
          />
        </fieldset>
        <fieldset>
          <legend>{t("templates.form.when")}</legend>
          <TextField
            form={form}
            name="leadDays"
            type="number"
            inputMode="numeric"
            min={0}
            max={LEAD_DAYS_MAX}
            label={t("templates.fields.leadDays")}
            hint={t("templates.form.leadDaysHint")}
          />
          <div className="field-row">
            <TextField form={form} name="startTime" type="time" label={t("templates.fields.startTime")} />
            <TextField
              form={form}
              name="durationMinutes"
              type="number"
              inputMode="numeric"
              min={15}
              max={600}
              label={t("templates.fields.durationMinutes")}
            />
          </div>
        </fieldset>
        <fieldset>
          <legend>{t("templates.form.forWhom")}</legend>
          <ChoiceGroupField
            form={form}
            name="ageGroups"
            legend={t("templates.fields.ageGroups")}
            hint={t("templates.form.ageGroupsHint")}
            options={AGE_GROUP.map((g) => ({ value: g, label: t(`ageGroups.${g}`) }))}
          />
          <CheckboxField
            form={form}
            name="perPerson"
            label={t("templates.fields.perPerson")}
            hint={t("templates.form.perPersonHint")}
          />
        </fieldset>
        <fieldset>
          <legend>{t("templates.form.languages")}</legend>
          <CheckboxField
            form={form}
            name="usesHouseholdLanguages"
            label={t("templates.fields.usesHouseholdLanguages")}
            hint={t("templates.form.householdLanguagesHint")}
          />
          <ChoiceGroupField
            form={form}
            name="languages"
            legend={t("templates.fields.languages")}
            hint={t("templates.form.languagesHint")}
            className="choice-group--columns"
            options={LANGUAGE.map((code) => ({ value: code, label: t(`common:languages.${code}`) }))}
          />
        </fieldset>
        {UI_LOCALE.map((locale) => (
          <fieldset key={locale} lang={locale} dir={locale === "ar" ? "rtl" : "ltr"}>
            <legend>{t("templates.form.texts", { language: LOCALE_NAMES[locale] })}</legend>
            {locale === "de" ? <p className="hint">{t("templates.form.germanRequired")}</p> : null}
            <TextField
              form={form}
              name={textField("title", locale)}
              label={t("templates.fields.title", { language: LOCALE_NAMES[locale] })}
              maxLength={TEMPLATE_TITLE_MAX}
            />
            <TextAreaField
              form={form}
              name={textField("description", locale)}
              label={t("templates.fields.description", { language: LOCALE_NAMES[locale] })}
              hint={locale === "de" ? t("templates.form.descriptionHint") : undefined}
              maxLength={TEMPLATE_DESCRIPTION_MAX}
              rows={4}
            />
          </fieldset>
        ))}
        <fieldset>
          <legend>{t("templates.form.use")}</legend>
          <CheckboxField form={form} name="defaultSelected" label={t("templates.fields.defaultSelected")} />
          <CheckboxField
            form={form}
            name="active"
            label={t("templates.fields.active")}
            hint={t("templates.form.activeHint")}
          />
          <TextField
            form={form}
            name="sortOrder"
            type="number"
            inputMode="numeric"
            min={0}
            max={999}
            label={t("templates.fields.sortOrder")}
          />
        </fieldset>
        <div className="actions">
          <button type="submit" className="button">
            {submitLabel}
          </button>
          <Link to="/admin/first-steps" className="button button--secondary">
            {t("templates.form.back")}
          </Link>
        </div>
      </Form>
    </>
  );
}
