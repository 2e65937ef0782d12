import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { TextField, type ValidatedForm, CheckboxField } from "~/components/forms";
import type { CategorySchema } from "~/modules/places/categories.schema";

/** The fields of a category of help, for adding and for changing one. */
export function CategoryFields({
  form,
  nameHint = false,
}: {
  form: ValidatedForm<z.input<typeof CategorySchema>>;
  /** On the form of a new category: its name shows in every language. */
  nameHint?: boolean;
}) {
  const { t } = useTranslation("admin");
  return (
    <>
      <TextField
        form={form}
        name="name"
        label={t("categories.name")}
        hint={nameHint ? t("categories.nameHint") : undefined}
        maxLength={60}
        required
      />
      <CheckboxField
        form={form}
        name="active"
        label={t("categories.active")}
        hint={t("categories.activeHint")}
      />
    </>
  );
}
