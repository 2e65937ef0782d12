/**
 * The activity form with its shift rows, used to create and to edit. Works without JavaScript: "add a
 * shift" is then a submit button the action answers with one more empty row; with JavaScript the row
 * is added in place. Rows left empty are ignored; a saved shift is removed by ticking "remove".
 */
import { Form, Link } from "@remix-run/react";
import { useFieldArray, useWatch } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { LANGUAGE, UI_LOCALE } from "@db/schema/enums";
import {
  ErrorSummary,
  SelectField,
  TextField,
  type ValidatedForm,
  CheckboxField,
  ChoiceGroupField,
  TextAreaField,
} from "~/components/forms";
import { ReadabilityHint } from "~/components/readability-hint";
import type { ActivityFormInput } from "~/modules/events/activity.schema";
import { useCategoryName } from "~/components/use-category-name";

export const EMPTY_SHIFT_ROW = {
  id: "",
  title: "",
  startsAt: "",
  endsAt: "",
  neededCount: "",
  requiresCertificate: false,
  remove: false,
};

interface Option {
  id: number;
  slug: string;
  name: string;
}

export interface ActivityFormProps {
  form: ValidatedForm<ActivityFormInput>;
  categories: Option[];
  neighbourhoods: Option[];
  /** The organisation's places with an address; the select is shown only when there are some. */
  places?: { id: number; name: string; neighbourhoodName: string }[];
  /** Confirmed volunteers per saved shift id, shown next to the needed count. */
  confirmedByShift?: Record<string, number>;
  submitLabel: string;
  cancelHref: string;
}

function DescriptionAdvice({ form }: { form: ValidatedForm<ActivityFormInput> }) {
  const description = useWatch({ control: form.rhf.control, name: "description" });
  const language = useWatch({ control: form.rhf.control, name: "originalLanguage" });
  if (language !== "de") return null;
  return (
    <ReadabilityHint
      id={`${form.id}-readability`}
      text={typeof description === "string" ? description : ""}
    />
  );
}

export function ActivityForm({
  form,
  categories,
  neighbourhoods,
  places = [],
  confirmedByShift = {},
  submitLabel,
  cancelHref,
}: ActivityFormProps) {
  const { t } = useTranslation(["events", "common"]);
  const categoryName = useCategoryName();
  const { fields, append } = useFieldArray({ control: form.rhf.control, name: "shifts", keyName: "key" });

  return (
    <Form method="post" noValidate onSubmit={form.onSubmit} className="activity-form">
      <ErrorSummary form={form} />

      <fieldset className="form-section">
        <legend className="h3">{t("form.sections.what")}</legend>
        <TextField
          form={form}
          name="title"
          label={t("form.title")}
          hint={t("form.titleHint")}
          required
          maxLength={120}
        />
        <SelectField
          form={form}
          name="originalLanguage"
          label={t("form.originalLanguage")}
          hint={t("form.originalLanguageHint")}
          options={UI_LOCALE.map((code) => ({ value: code, label: t(`common:languages.${code}`) }))}
        />
        <TextAreaField
          form={form}
          name="description"
          label={t("form.description")}
          hint={t("form.descriptionHint")}
          rows={8}
          required
        >
          <DescriptionAdvice form={form} />
        </TextAreaField>
        <SelectField
          form={form}
          name="categoryId"
          label={t("form.category")}
          options={[
            { value: "", label: t("form.choose") },
            ...categories.map((c) => ({
              value: String(c.id),
              label: categoryName(c),
            })),
          ]}
        />
        <TextField
          form={form}
          name="targetGroup"
          label={t("form.targetGroup")}
          hint={t("form.targetGroupHint")}
          maxLength={500}
        />
      </fieldset>

      <fieldset className="form-section">
        <legend className="h3">{t("form.sections.when")}</legend>
        <SelectField
          form={form}
          name="neighbourhoodId"
          label={t("form.neighbourhood")}
          options={[
            { value: "", label: t("form.choose") },
            ...neighbourhoods.map((n) => ({ value: String(n.id), label: n.name })),
          ]}
        />
        <TextField
          form={form}
          name="place"
          label={t("form.place")}
          hint={t("form.placeHint")}
          maxLength={200}
        />
        {places.length > 0 ? (
          <SelectField
            form={form}
            name="placeId"
            label={t("form.placeId")}
            hint={t("form.placeIdHint")}
            options={[
              { value: "", label: t("form.noPlace") },
              ...places.map((p) => ({ value: String(p.id), label: `${p.name} (${p.neighbourhoodName})` })),
            ]}
          />
        ) : null}
        <TextField form={form} name="startsAt" label={t("form.startsAt")} type="datetime-local" required />
        <TextField form={form} name="endsAt" label={t("form.endsAt")} type="datetime-local" required />
        <CheckboxField form={form} name="weekly" label={t("form.weekly")} hint={t("form.weeklyHint")} />
        <TextField
          form={form}
          name="recurrenceUntil"
          label={t("form.recurrenceUntil")}
          hint={t("form.recurrenceUntilHint")}
          type="date"
        />
      </fieldset>

      <fieldset className="form-section">
        <legend className="h3">{t("form.sections.who")}</legend>
        <ChoiceGroupField
          form={form}
          name="languages"
          legend={t("form.languages")}
          hint={t("form.languagesHint")}
          className="choice-group--columns"
          options={LANGUAGE.map((code) => ({ value: code, label: t(`common:languages.${code}`) }))}
        />
        <TextField
          form={form}
          name="accessibility"
          label={t("form.accessibility")}
          hint={t("form.accessibilityHint")}
          maxLength={500}
        />
        <TextField
          form={form}
          name="cost"
          label={t("form.cost")}
          hint={t("form.costHint")}
          inputMode="decimal"
        />
        <TextField
          form={form}
          name="participantPlaces"
          label={t("form.participantPlaces")}
          hint={t("form.participantPlacesHint")}
          type="number"
          min={0}
          inputMode="numeric"
        />
        <TextField
          form={form}
          name="participantsRegistered"
          label={t("form.participantsRegistered")}
          hint={t("form.participantsRegisteredHint")}
          type="number"
          min={0}
          inputMode="numeric"
        />
      </fieldset>

      <fieldset className="form-section">
        <legend className="h3">{t("form.sections.shifts")}</legend>
        <p className="hint">{t("form.shiftsHint")}</p>
        {fields.map((field, i) => {
          const savedId = form.valueOf(`shifts.${i}.id`);
          const confirmed = typeof savedId === "string" && savedId ? (confirmedByShift[savedId] ?? 0) : 0;
          return (
            <fieldset key={field.key} className="shift-row">
              <legend>{t("form.shiftLegend", { number: i + 1 })}</legend>
              <input
                type="hidden"
                defaultValue={typeof savedId === "string" ? savedId : ""}
                {...form.rhf.register(`shifts.${i}.id`)}
              />
              <TextField
                form={form}
                name={`shifts.${i}.title`}
                label={t("form.shiftTitle")}
                maxLength={120}
              />
              <TextField
                form={form}
                name={`shifts.${i}.startsAt`}
                label={t("form.shiftStartsAt")}
                type="datetime-local"
              />
              <TextField
                form={form}
                name={`shifts.${i}.endsAt`}
                label={t("form.shiftEndsAt")}
                type="datetime-local"
              />
              <TextField
                form={form}
                name={`shifts.${i}.neededCount`}
                label={t("form.neededCount")}
                hint={confirmed > 0 ? t("form.confirmedSoFar", { count: confirmed }) : undefined}
                type="number"
                min={Math.max(1, confirmed)}
                inputMode="numeric"
              />
              <CheckboxField
                form={form}
                name={`shifts.${i}.requiresCertificate`}
                label={t("form.requiresCertificate")}
              />
              {savedId ? (
                <CheckboxField form={form} name={`shifts.${i}.remove`} label={t("form.removeShift")} />
              ) : null}
            </fieldset>
          );
        })}
        <button
          type="submit"
          name="intent"
          value="add-shift"
          formNoValidate
          className="button button--secondary"
          onClick={(event) => {
            // With JavaScript the row is added in place; without, the action answers with one more row.
            event.preventDefault();
            append({ ...EMPTY_SHIFT_ROW });
          }}
        >
          {t("form.addShift")}
        </button>
      </fieldset>

      <div className="actions">
        <button type="submit" name="intent" value="save" className="button">
          {submitLabel}
        </button>
        <Link to={cancelHref} className="button button--secondary">
          {t("form.cancel")}
        </Link>
      </div>
    </Form>
  );
}
