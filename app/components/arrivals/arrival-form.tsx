import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AGE_GROUP, LANGUAGE, LANGUAGE_LEVEL } from "@db/schema/enums";
import {
  ErrorSummary,
  FieldFrame,
  SelectField,
  TextField,
  useValidatedForm,
  TextAreaField,
} from "~/components/forms";
import { useHydrated } from "~/components/use-hydrated";
import {
  AGE_FIELDS,
  ArrivalFormSchema,
  HOUSEHOLD_MAX,
  LANGUAGE_ROWS,
  NOTE_MAX,
} from "~/modules/arrivals/arrival.schema";
import type { ArrivalFormTemplate } from "~/modules/arrivals/queries.server";

export const EMPTY_ARRIVAL_FORM: Record<string, string | string[]> = {
  neighbourhoodId: "",
  arrivalDate: "",
  householdSize: "",
  ...Object.fromEntries(Object.values(AGE_FIELDS).map((f) => [f, "0"])),
  ...Object.fromEntries(
    LANGUAGE_ROWS.flatMap((n) => [
      [`language${n}`, ""],
      [`level${n}`, n === 1 ? "native" : "good"],
    ]),
  ),
  templateIds: [],
  note: "",
};

/**
 * Recording an arrival. `defaultValues.templateIds` holds the steps ticked at first (the templates'
 * default choice). Works without JavaScript: every field is a plain form field, and the steps that
 * apply follow from the age groups on the server. With it, steps for age groups the household has nobody
 * in say so while the counts are typed.
 */
export function ArrivalForm({
  options,
  defaultValues,
  actionData,
}: {
  options: { neighbourhoods: { id: number; name: string }[]; templates: ArrivalFormTemplate[] };
  defaultValues: Record<string, string | string[]>;
  actionData: unknown;
}) {
  const { t, i18n } = useTranslation(["arrivals", "common"]);
  const hydrated = useHydrated();
  const form = useValidatedForm({ id: "arrival", schema: ArrivalFormSchema, actionData, defaultValues });
  const collator = new Intl.Collator(i18n.language);
  const languageOptions = [
    { value: "", label: t("form.noLanguage") },
    ...LANGUAGE.map((code) => ({ value: code, label: t(`common:languages.${code}`) })).sort((a, b) =>
      collator.compare(a.label, b.label),
    ),
  ];
  const levelOptions = LANGUAGE_LEVEL.map((level) => ({ value: level, label: t(`levels.${level}`) }));
  const watched = form.rhf.watch() as Record<string, unknown>;
  const countOf = (field: string) => {
    const value = Number(watched[field] ?? 0);
    return Number.isFinite(value) ? value : 0;
  };
  const chosen = form.valueOf("templateIds");
  const chosenIds = Array.isArray(chosen) ? chosen : chosen ? [chosen] : [];
  const stepsError = form.errorOf("templateIds");

  return (
    <>
      <ErrorSummary form={form} />
      <Form method="post" noValidate onSubmit={form.onSubmit} className="arrival-form">
        <fieldset>
          <legend>{t("form.where")}</legend>
          <SelectField
            form={form}
            name="neighbourhoodId"
            label={t("fields.neighbourhood")}
            options={[
              { value: "", label: t("form.choose") },
              ...options.neighbourhoods.map((n) => ({ value: String(n.id), label: n.name })),
            ]}
          />
          <TextField
            form={form}
            name="arrivalDate"
            type="date"
            label={t("fields.arrivalDate")}
            hint={t("form.arrivalDateHint")}
          />
        </fieldset>

        <fieldset>
          <legend>{t("form.household")}</legend>
          <p className="hint">{t("form.householdHint")}</p>
          <TextField
            form={form}
            name="householdSize"
            type="number"
            inputMode="numeric"
            min={1}
            max={HOUSEHOLD_MAX}
            label={t("fields.householdSize")}
          />
          <div className="age-counts" role="group" aria-label={t("form.ageGroups")}>
            {AGE_GROUP.map((group) => (
              <TextField
                key={group}
                form={form}
                name={AGE_FIELDS[group]}
                type="number"
                inputMode="numeric"
                min={0}
                max={HOUSEHOLD_MAX}
                label={t("fields.ageGroup", { group: t(`ageGroups.${group}`) })}
              />
            ))}
          </div>
        </fieldset>

        <fieldset>
          <legend>{t("form.languages")}</legend>
          <p className="hint">{t("form.languagesHint")}</p>
          <div className="language-rows-fixed">
            {LANGUAGE_ROWS.map((n) => (
              <div className="field-row" key={n} role="group" aria-label={t("form.languageRow", { n })}>
                <SelectField
                  form={form}
                  name={`language${n}`}
                  label={t("fields.language", { n })}
                  options={languageOptions}
                />
                <SelectField
                  form={form}
                  name={`level${n}`}
                  label={t("fields.level", { n })}
                  options={levelOptions}
                />
              </div>
            ))}
          </div>
        </fieldset>

        <FieldFrame
          id={form.fieldId("templateIds")}
          label={t("form.steps")}
          hint={t("form.stepsHint")}
          error={stepsError}
          layout="group"
          className="choice-group"
        >
          {options.templates.length === 0 ? <p className="empty">{t("form.noTemplates")}</p> : null}
          <div className="choice-group__options">
            {options.templates.map((template) => {
              const nobody =
                hydrated &&
                template.ageGroups.length > 0 &&
                template.ageGroups.every((g) => countOf(AGE_FIELDS[g]) === 0);
              const groups = template.ageGroups.map((g) => t(`ageGroups.${g}`)).join(", ");
              return (
                <label key={template.id} className="choice step-choice">
                  <input
                    type="checkbox"
                    value={String(template.id)}
                    defaultChecked={chosenIds.includes(String(template.id))}
                    {...form.rhf.register("templateIds")}
                  />{" "}
                  <span>
                    {template.title}
                    <span className="step-choice__note">
                      {t("form.stepFacts", { count: template.leadDays })}
                      {template.perPerson
                        ? ` · ${t("form.perPerson", { groups })}`
                        : groups
                          ? ` · ${t("form.forGroups", { groups })}`
                          : ""}
                      {nobody ? ` · ${t("form.nobodyInGroups")}` : ""}
                    </span>
                  </span>
                </label>
              );
            })}
          </div>
        </FieldFrame>

        <TextAreaField
          form={form}
          name="note"
          label={t("fields.note")}
          hint={t("form.noteHint")}
          maxLength={NOTE_MAX}
          rows={3}
        />

        <div className="actions">
          <button type="submit" className="button">
            {t("form.submit")}
          </button>
          <Link to="/coordination/arrivals" className="button button--secondary">
            {t("form.back")}
          </Link>
        </div>
      </Form>
    </>
  );
}
