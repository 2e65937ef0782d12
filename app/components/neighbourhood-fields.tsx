import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { TextField, type ValidatedForm } from "~/components/forms";
import type { NeighbourhoodSchema } from "~/modules/places/neighbourhoods.schema";

/** The fields of a neighbourhood, for adding and for changing one. */
export function NeighbourhoodFields({ form }: { form: ValidatedForm<z.input<typeof NeighbourhoodSchema>> }) {
  const { t } = useTranslation("admin");
  return (
    <>
      <TextField form={form} name="name" label={t("neighbourhoods.name")} maxLength={80} required />
      <TextField
        form={form}
        name="district"
        label={t("neighbourhoods.district")}
        hint={t("neighbourhoods.districtHint")}
        maxLength={80}
      />
      <TextField
        form={form}
        name="municipality"
        label={t("neighbourhoods.municipality")}
        maxLength={80}
        required
      />
      <TextField
        form={form}
        name="lat"
        label={t("neighbourhoods.lat")}
        hint={t("neighbourhoods.latHint")}
        inputMode="decimal"
        maxLength={20}
        required
      />
      <TextField
        form={form}
        name="lon"
        label={t("neighbourhoods.lon")}
        inputMode="decimal"
        maxLength={20}
        required
      />
      <TextField
        form={form}
        name="radiusKm"
        label={t("neighbourhoods.radiusKm")}
        hint={t("neighbourhoods.radiusHint")}
        inputMode="decimal"
        maxLength={20}
        required
      />
    </>
  );
}
