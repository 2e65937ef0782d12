import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { HOME_PRECISION, type HomePrecision } from "@db/schema/enums";
import type { AddressStatus } from "~/modules/outside/geocode-cache.server";
import { HomeAddressSchema } from "~/modules/volunteers/home-address.schema";
import type { FormFailure } from "~/utils/form-validation";
import { ErrorSummary, TextField, useValidatedForm, ChoiceGroupField } from "~/components/forms";

export interface HomeAddressView {
  precision: HomePrecision;
  street: string | null;
  postcode: string | null;
  status: AddressStatus | null;
  hasHomeNeighbourhood: boolean;
}

/**
 * How exactly the volunteer's home is known for distances (only with a geocoder), and where the
 * lookup stands. Posts `intent=home-address`; works without JavaScript.
 */
export function HomeAddressForm({
  home,
  geocoderHost,
  failure,
}: {
  home: HomeAddressView;
  /**
   * Null: no geocoder here, distances are always from the neighbourhood's centroid; an address saved
   * earlier is still shown, so that its owner can remove it.
   */
  geocoderHost: string | null;
  failure: FormFailure | undefined;
}) {
  const { t } = useTranslation("volunteer");
  const form = useValidatedForm({
    id: "home-address",
    schema: HomeAddressSchema,
    actionData: failure,
    defaultValues: {
      homePrecision: home.precision,
      homeStreet: home.street ?? "",
      homePostcode: home.postcode ?? "",
    },
  });
  const status =
    home.precision === "neighbourhood" || home.status === null ? null : t(`home.status.${home.status}`);
  return (
    <section id="home-address" aria-labelledby="home-address-heading" className="section-card">
      <h2 id="home-address-heading">{t("home.title")}</h2>
      {!home.hasHomeNeighbourhood ? (
        <p>{t("home.needsNeighbourhood")}</p>
      ) : !geocoderHost && home.precision === "neighbourhood" ? (
        <p>{t("home.approximate")}</p>
      ) : (
        <>
          <p>{geocoderHost ? t("home.intro") : t("home.noGeocoder")}</p>
          <p
            className={home.status === "found" ? "form-message form-message--success" : "notice"}
            role="status"
          >
            {(geocoderHost ? status : null) ?? t("home.approximate")}
          </p>
          <ErrorSummary form={form} />
          <Form method="post" noValidate onSubmit={form.onSubmit}>
            <input type="hidden" name="intent" value="home-address" />
            <ChoiceGroupField
              form={form}
              name="homePrecision"
              type="radio"
              legend={t("home.precisionLegend")}
              options={HOME_PRECISION.map((p) => ({ value: p, label: t(`home.precision.${p}`) }))}
            />
            <TextField
              form={form}
              name="homeStreet"
              label={t("home.street")}
              hint={t("home.streetHint")}
              maxLength={120}
              autoComplete="street-address"
            />
            <TextField
              form={form}
              name="homePostcode"
              label={t("home.postcode")}
              inputMode="numeric"
              maxLength={5}
              autoComplete="postal-code"
            />
            {geocoderHost ? <p className="hint">{t("home.sent", { host: geocoderHost })}</p> : null}
            <div className="actions">
              <button type="submit" className="button">
                {t("home.save")}
              </button>
            </div>
          </Form>
        </>
      )}
    </section>
  );
}
