/**
 * The volunteer profile form. Works without JavaScript: language rows are added and removed by
 * submit buttons the action answers with the same form (nothing saved); with JavaScript the same
 * buttons work in place.
 */
import { Form } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { LANGUAGE, LANGUAGE_LEVEL, type Weekday } from "@db/schema/enums";
import { minuteToClock, type WeeklyWindow } from "~/modules/volunteers/availability";
import { MAX_LANGUAGE_ROWS, VolunteerProfileSchema } from "~/modules/volunteers/volunteer-profile.schema";
import { NEW_ROW_LEVEL } from "~/modules/volunteers/profile-form";
import { rowIndices } from "~/utils/nested-form";
import {
  AvailabilityGrid,
  CheckboxGroup,
  TextAreaField,
  ErrorSummary,
  SelectField,
  TextField,
  useValidatedForm,
  type ValidatedForm,
  FieldFrame,
} from "~/components/forms";
import { useHydrated } from "./use-hydrated";
import { useFormatList } from "~/components/use-format-list";

type ProfileForm = ValidatedForm<z.input<typeof VolunteerProfileSchema>>;

export function VolunteerProfileForm({
  mode,
  defaults,
  actionData,
  neighbourhoods,
  exactTimes = null,
}: {
  mode: "create" | "edit";
  defaults: Record<string, string | string[]>;
  actionData: unknown;
  neighbourhoods: { id: number; name: string }[];
  /** Saved weekly times the grid can only show rounded, or null. */
  exactTimes?: WeeklyWindow[] | null;
}) {
  const { t } = useTranslation(["volunteer", "common"]);
  const formatList = useFormatList();
  const form = useValidatedForm({
    id: "profile",
    schema: VolunteerProfileSchema,
    actionData,
    defaultValues: defaults,
  });
  const hydrated = useHydrated();
  const neighbourhoodOptions = neighbourhoods.map((n) => ({ value: String(n.id), label: n.name }));
  return (
    <Form method="post" noValidate onSubmit={form.onSubmit} aria-labelledby="profile-form-heading">
      <h2 id="profile-form-heading" className="visually-hidden">
        {t("profile.formHeading")}
      </h2>
      {/* Pressing Enter in a field submits with the first submit button: make that "save", not "remove a row". */}
      {!hydrated ? (
        <button
          type="submit"
          name="intent"
          value="save"
          className="visually-hidden"
          tabIndex={-1}
          aria-hidden="true"
        >
          {t("profile.save")}
        </button>
      ) : null}
      <ErrorSummary form={form} />
      <LanguageRows
        form={form}
        initialRows={rowIndices({ ...defaults, ...failedValues(actionData) }, "languages")}
      />
      <TextAreaField
        form={form}
        name="skills"
        label={t("profile.skills")}
        hint={t("profile.skillsHint")}
        rows={4}
      />

      <fieldset className="field">
        <legend>{t("profile.where")}</legend>
        <p className="hint">{t("profile.whereHint")}</p>
        <SelectField
          form={form}
          name="homeNeighbourhoodId"
          label={t("profile.home")}
          options={[{ value: "", label: t("profile.noHome") }, ...neighbourhoodOptions]}
        />
        <TextField
          form={form}
          name="radiusKm"
          label={t("profile.radius")}
          hint={t("profile.radiusHint")}
          inputMode="decimal"
        />
        <CheckboxGroup
          form={form}
          name="neighbourhoodIds"
          legend={t("profile.chosen")}
          hint={t("profile.chosenHint")}
          options={neighbourhoodOptions}
          columns
        />
      </fieldset>

      <AvailabilityGrid
        form={form}
        name="availability"
        legend={t("profile.availability")}
        hint={t("profile.availabilityHint")}
      />
      {exactTimes ? (
        <p className="notice">
          {t("profile.exactTimes", {
            times: formatList(
              exactTimes.map(
                (w) =>
                  `${t(`availability.weekdays.${w.weekday as Weekday}`)} ${minuteToClock(w.startMinute)}–${minuteToClock(w.endMinute)}`,
              ),
            ),
          })}
        </p>
      ) : null}
      <TextField
        form={form}
        name="hoursCapPerWeek"
        label={t("profile.hoursCap")}
        hint={t("profile.hoursCapHint")}
        inputMode="decimal"
      />
      <TextAreaField form={form} name="bio" label={t("profile.bio")} hint={t("profile.bioHint")} rows={5} />
      <div className="actions">
        <button type="submit" name="intent" value="save" className="button">
          {mode === "create" ? t("profile.create") : t("profile.save")}
        </button>
      </div>
    </Form>
  );
}

function failedValues(actionData: unknown): Record<string, unknown> {
  const values =
    typeof actionData === "object" && actionData !== null && "values" in actionData
      ? actionData.values
      : undefined;
  return typeof values === "object" && values !== null ? (values as Record<string, unknown>) : {};
}

function LanguageRows({ form, initialRows }: { form: ProfileForm; initialRows: number[] }) {
  const { t, i18n } = useTranslation(["volunteer", "common"]);
  const hydrated = useHydrated();
  const [rows, setRows] = useState(initialRows);
  const id = form.fieldId("languages");
  const error = form.errorOf("languages");
  const collator = new Intl.Collator(i18n.language);
  const languageOptions = [
    { value: "", label: t("profile.chooseLanguage") },
    ...LANGUAGE.map((code) => ({ value: code, label: t(`common:languages.${code}`) })).sort((a, b) =>
      collator.compare(a.label, b.label),
    ),
  ];
  const levelOptions = LANGUAGE_LEVEL.map((level) => ({ value: level, label: t(`profile.levels.${level}`) }));

  const add = () => {
    const next = rows.length === 0 ? 0 : Math.max(...rows) + 1;
    form.rhf.setValue(`languages.${next}.level`, NEW_ROW_LEVEL);
    setRows([...rows, next]);
  };
  // A removed row is emptied (an empty language is no row) before it leaves the page.
  const remove = (index: number) => {
    form.rhf.setValue(`languages.${index}.language`, "");
    setRows(rows.filter((r) => r !== index));
  };

  return (
    <FieldFrame
      id={id}
      label={t("profile.languages")}
      hint={t("profile.languagesHint")}
      error={error}
      layout="group"
      className="field"
    >
      <div className="language-rows">
        {rows.map((index, position) => (
          <div key={index} className="language-row">
            <SelectField
              form={form}
              name={`languages.${index}.language`}
              label={t("profile.languageN", { n: position + 1 })}
              options={languageOptions}
            />
            <SelectField
              form={form}
              name={`languages.${index}.level`}
              label={t("profile.levelN", { n: position + 1 })}
              options={levelOptions}
            />
            {hydrated ? (
              <button
                type="button"
                className="button button--secondary button--small"
                onClick={() => remove(index)}
              >
                {t("profile.removeLanguage", { n: position + 1 })}
              </button>
            ) : (
              <button
                type="submit"
                name="intent"
                value={`remove-language:${index}`}
                className="button button--secondary button--small"
              >
                {t("profile.removeLanguage", { n: position + 1 })}
              </button>
            )}
          </div>
        ))}
      </div>
      {rows.length < MAX_LANGUAGE_ROWS ? (
        <p>
          {hydrated ? (
            <button type="button" className="button button--secondary" onClick={add}>
              {t("profile.addLanguage")}
            </button>
          ) : (
            <button type="submit" name="intent" value="add-language" className="button button--secondary">
              {t("profile.addLanguage")}
            </button>
          )}
        </p>
      ) : null}
    </FieldFrame>
  );
}
