import { Form, Link } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { GENDER_PREFERENCE, LANGUAGE, NEED_SCHEDULE, NEED_URGENCY, WEEKDAY } from "@db/schema/enums";
import {
  ErrorSummary,
  SelectField,
  TextField,
  useValidatedForm,
  CheckboxField,
  ChoiceGroupField,
  TextAreaField,
} from "~/components/forms";
import {
  DESCRIPTION_MAX,
  HELPERS_MAX,
  NeedFormSchema,
  SLOT_ROWS,
  TITLE_MAX,
} from "~/modules/needs/need.schema";
import { ReadabilityHint } from "~/components/readability-hint";
import { useCategoryName } from "~/components/use-category-name";

export interface NeedFormOptions {
  categories: { id: number; slug: string; name: string }[];
  neighbourhoods: { id: number; name: string }[];
  organisations: { id: number; name: string }[];
}

export const EMPTY_NEED_FORM: Record<string, string | string[]> = {
  categoryId: "",
  neighbourhoodId: "",
  organisationId: "",
  title: "",
  description: "",
  languages: [],
  helpersNeeded: "1",
  urgency: "normal",
  schedule: "one_off",
  date: "",
  startTime: "",
  endTime: "",
  periodStart: "",
  periodEnd: "",
  requiresCertificate: "",
  genderPreference: "none",
  ...Object.fromEntries(
    SLOT_ROWS.flatMap((n) => [
      [`slot${n}Day`, ""],
      [`slot${n}From`, ""],
      [`slot${n}To`, ""],
    ]),
  ),
};

/**
 * Recording or editing a need. Works without JavaScript (both schedule sections are shown; the chosen
 * kind decides which counts); with it, the other section hides and the readability advice follows typing.
 */
export function NeedForm({
  id,
  options,
  defaultValues,
  actionData,
  showOrganisation,
  german,
  submitLabel,
  cancelTo,
}: {
  id: string;
  options: NeedFormOptions;
  defaultValues: Record<string, string | string[]>;
  actionData: unknown;
  showOrganisation: boolean;
  /** The description is written in German: show the readability advice. */
  german: boolean;
  submitLabel: string;
  cancelTo: string;
}) {
  const { t } = useTranslation(["needs", "common"]);
  const categoryName = useCategoryName();
  const form = useValidatedForm({ id, schema: NeedFormSchema, actionData, defaultValues });
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const schedule = form.rhf.watch("schedule") as string | undefined;
  const description =
    (form.rhf.watch("description") as string | undefined) ?? String(form.valueOf("description") ?? "");
  const weekdayOptions = [
    { value: "", label: t("form.weekdayChoose") },
    ...WEEKDAY.map((d) => ({ value: String(d), label: t(`weekdays.${d}`) })),
  ];

  return (
    <>
      <ErrorSummary form={form} />
      <Form method="post" noValidate onSubmit={form.onSubmit} className="need-form">
        <fieldset>
          <legend>{t("form.what")}</legend>
          <SelectField
            form={form}
            name="categoryId"
            label={t("fields.category")}
            options={[
              { value: "", label: t("form.choose") },
              ...options.categories.map((c) => ({
                value: String(c.id),
                label: categoryName(c),
              })),
            ]}
          />
          <SelectField
            form={form}
            name="neighbourhoodId"
            label={t("fields.neighbourhood")}
            options={[
              { value: "", label: t("form.choose") },
              ...options.neighbourhoods.map((n) => ({ value: String(n.id), label: n.name })),
            ]}
          />
          {showOrganisation ? (
            <SelectField
              form={form}
              name="organisationId"
              label={t("fields.organisation")}
              options={[
                { value: "", label: t("form.choose") },
                ...options.organisations.map((o) => ({ value: String(o.id), label: o.name })),
              ]}
            />
          ) : null}
          <TextField
            form={form}
            name="title"
            label={t("fields.title")}
            hint={t("form.titleHint")}
            maxLength={TITLE_MAX}
            required
          />
          <TextAreaField
            form={form}
            name="description"
            label={t("fields.description")}
            hint={t("form.privacyHint")}
            maxLength={DESCRIPTION_MAX}
            required
          >
            {german ? <ReadabilityHint id={`${id}-readability`} text={description} /> : null}
          </TextAreaField>
        </fieldset>

        <ChoiceGroupField
          form={form}
          name="languages"
          legend={t("fields.languages")}
          hint={t("form.languagesHint")}
          className="choice-group--columns"
          options={LANGUAGE.map((code) => ({ value: code, label: t(`common:languages.${code}`) }))}
        />

        <fieldset>
          <legend>{t("form.when")}</legend>
          <ChoiceGroupField
            form={form}
            name="schedule"
            type="radio"
            legend={t("fields.schedule")}
            options={NEED_SCHEDULE.map((s) => ({ value: s, label: t(`schedule.${s}`) }))}
          />
          <div className="need-form__schedule" hidden={hydrated && schedule !== "one_off"}>
            <h2 className="h3">{t("schedule.one_off")}</h2>
            <TextField form={form} name="date" type="date" label={t("fields.date")} />
            <div className="field-row">
              <TextField form={form} name="startTime" type="time" label={t("fields.startTime")} />
              <TextField form={form} name="endTime" type="time" label={t("fields.endTime")} />
            </div>
          </div>
          <div className="need-form__schedule" hidden={hydrated && schedule !== "recurring"}>
            <h2 className="h3">{t("schedule.recurring")}</h2>
            <div className="field-row">
              <TextField form={form} name="periodStart" type="date" label={t("fields.periodStart")} />
              <TextField form={form} name="periodEnd" type="date" label={t("fields.periodEnd")} />
            </div>
            <p className="hint">{t("form.slotsHint")}</p>
            {SLOT_ROWS.map((n) => (
              <div className="field-row" key={n} role="group" aria-label={t("form.slot", { n })}>
                <SelectField
                  form={form}
                  name={`slot${n}Day`}
                  label={t("fields.weekday", { n })}
                  options={weekdayOptions}
                />
                <TextField form={form} name={`slot${n}From`} type="time" label={t("fields.from")} />
                <TextField form={form} name={`slot${n}To`} type="time" label={t("fields.to")} />
              </div>
            ))}
          </div>
        </fieldset>

        <fieldset>
          <legend>{t("form.who")}</legend>
          <TextField
            form={form}
            name="helpersNeeded"
            type="number"
            inputMode="numeric"
            min={1}
            max={HELPERS_MAX}
            label={t("fields.helpersNeeded")}
          />
          <SelectField
            form={form}
            name="urgency"
            label={t("fields.urgency")}
            options={NEED_URGENCY.map((u) => ({ value: u, label: t(`urgency.${u}`) }))}
          />
          <CheckboxField
            form={form}
            name="requiresCertificate"
            label={t("fields.requiresCertificate")}
            hint={t("form.certificateHint")}
          />
          <SelectField
            form={form}
            name="genderPreference"
            label={t("fields.genderPreference")}
            hint={t("form.genderHint")}
            options={GENDER_PREFERENCE.map((g) => ({ value: g, label: t(`gender.${g}`) }))}
          />
        </fieldset>

        <div className="actions">
          <button type="submit" className="button">
            {submitLabel}
          </button>
          <Link to={cancelTo} className="button button--secondary">
            {t("form.back")}
          </Link>
        </div>
      </Form>
    </>
  );
}
