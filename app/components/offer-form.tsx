import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LANGUAGE } from "@db/schema/enums";
import { OfferSchema } from "~/modules/offers/offers.schema";
import {
  AvailabilityGrid,
  CheckboxGroup,
  TextAreaField,
  ErrorSummary,
  SelectField,
  TextField,
  useValidatedForm,
} from "~/components/forms";
import { useCategoryName } from "~/components/use-category-name";

/** Create or edit an offer (a volunteer's or an organisation's). Works without JavaScript. */
export function OfferForm({
  mode,
  defaults,
  actionData,
  categories,
  neighbourhoods,
  hiddenFields = {},
}: {
  mode: "create" | "edit";
  defaults: Record<string, string | string[]>;
  actionData: unknown;
  categories: { id: number; slug: string; name: string }[];
  neighbourhoods: { id: number; name: string }[];
  hiddenFields?: Record<string, string>;
}) {
  const { t, i18n } = useTranslation(["offers", "common", "volunteer"]);
  const categoryName = useCategoryName();
  const form = useValidatedForm({ id: "offer", schema: OfferSchema, actionData, defaultValues: defaults });
  const collator = new Intl.Collator(i18n.language);
  const languageOptions = LANGUAGE.map((code) => ({
    value: code,
    label: t(`common:languages.${code}`),
  })).sort((a, b) => collator.compare(a.label, b.label));
  return (
    <Form method="post" noValidate onSubmit={form.onSubmit}>
      <input type="hidden" name="intent" value="save" />
      {Object.entries(hiddenFields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <ErrorSummary form={form} />
      <TextField
        form={form}
        name="title"
        label={t("fields.title")}
        hint={t("fields.titleHint")}
        maxLength={200}
      />
      <SelectField
        form={form}
        name="categoryId"
        label={t("fields.category")}
        options={[
          { value: "", label: t("fields.chooseCategory") },
          ...categories.map((c) => ({
            value: String(c.id),
            label: categoryName(c),
          })),
        ]}
      />
      <TextAreaField
        form={form}
        name="description"
        label={t("fields.description")}
        hint={t("fields.descriptionHint")}
        rows={5}
      />
      <CheckboxGroup
        form={form}
        name="languages"
        legend={t("fields.languages")}
        hint={t("fields.languagesHint")}
        options={languageOptions}
        columns
      />
      <CheckboxGroup
        form={form}
        name="neighbourhoodIds"
        legend={t("fields.neighbourhoods")}
        hint={t("fields.neighbourhoodsHint")}
        options={neighbourhoods.map((n) => ({ value: String(n.id), label: n.name }))}
        columns
      />
      <TextField
        form={form}
        name="radiusKm"
        label={t("fields.radius")}
        hint={t("fields.radiusHint")}
        inputMode="decimal"
      />
      <AvailabilityGrid
        form={form}
        name="availability"
        legend={t("fields.availability")}
        hint={t("fields.availabilityHint")}
      />
      <TextField
        form={form}
        name="capacity"
        label={t("fields.capacity")}
        hint={t("fields.capacityHint")}
        inputMode="numeric"
      />
      <TextField
        form={form}
        name="validUntil"
        label={t("fields.validUntil")}
        hint={t("fields.validUntilHint")}
        type="date"
      />
      <div className="actions">
        <button type="submit" className="button">
          {mode === "create" ? t("form.create") : t("form.save")}
        </button>
      </div>
    </Form>
  );
}
