import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, SelectField, TextField, useValidatedForm } from "~/components/forms";
import { OrganisationPlaceSchema } from "~/modules/organisations/organisation.schema";
import {
  addOrganisationPlace,
  listOrganisationPlaces,
  MAX_PLACES,
  removeOrganisationPlace,
} from "~/modules/organisations/organisation-places.server";
import { requireOrganisation } from "~/modules/organisations/organisations.server";
import { outsideConfig, serviceHost } from "~/modules/outside/outside-config.server";
import { listNeighbourhoods } from "~/modules/places/places.server";
import { getDb } from "~/utils/db.server";
import { formFailure, validateFormData } from "~/utils/form-validation";
import { redirectWithNotice } from "~/utils/notice.server";

export const handle = { i18n: ["common", "organisations"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.title} · miteinander` : "miteinander" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organisation } = await requireOrganisation(getDb(), request, params, "organisation:update");
  return {
    organisationId: organisation.id,
    title: organisation.name,
    places: listOrganisationPlaces(getDb(), organisation.id),
    neighbourhoods: listNeighbourhoods(getDb()),
    geocoderHost: serviceHost(outsideConfig().geocoderUrl),
    maxPlaces: MAX_PLACES,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { organisation } = await requireOrganisation(getDb(), request, params, "organisation:update");
  const formData = await request.formData();
  const base = `/organisations/${organisation.id}/places`;
  if (formData.get("intent") === "remove") {
    const id = formData.get("placeId");
    const removed =
      typeof id === "string" &&
      /^[1-9][0-9]{0,9}$/.test(id) &&
      removeOrganisationPlace(getDb(), organisation.id, Number(id));
    if (!removed) throw new Response("Not found", { status: 404 });
    return redirectWithNotice(base, { key: "organisations:places.notice.removed" });
  }
  const result = validateFormData(formData, OrganisationPlaceSchema);
  if (!result.success) return data(result, { status: 400 });
  const added = addOrganisationPlace(getDb(), organisation.id, result.data);
  if (!added.ok) return data(formFailure(formData, added.errors), { status: 400 });
  return redirectWithNotice(base, { key: "organisations:places.notice.added" });
}

export default function OrganisationPlacesPage() {
  const { places } = useLoaderData<typeof loader>();
  // A place added or removed: the form starts empty again.
  return <OrganisationPlaces key={places.map((p) => p.id).join(",")} />;
}

function OrganisationPlaces() {
  const { places, neighbourhoods, geocoderHost, maxPlaces } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation(["organisations", "common"]);
  const form = useValidatedForm({ id: "place", schema: OrganisationPlaceSchema, actionData });
  return (
    <section aria-labelledby="places-heading">
      <h1 id="places-heading">{t("places.title")}</h1>
      <p className="lead">{t("places.intro")}</p>
      {places.length === 0 ? (
        <p className="empty">{t("places.none")}</p>
      ) : (
        <ul className="place-list">
          {places.map((place) => (
            <li key={place.id} className="card">
              <h2 className="card__title h3">
                <bdi>{place.name}</bdi>
              </h2>
              <p>
                <bdi>{place.street}</bdi>, {place.postcode} · {place.neighbourhoodName}
              </p>
              <p className="muted small">
                {geocoderHost ? t(`places.status.${place.status}`) : t("places.status.noGeocoder")}
              </p>
              <Form method="post">
                <input type="hidden" name="placeId" value={place.id} />
                <button
                  type="submit"
                  name="intent"
                  value="remove"
                  className="button button--secondary"
                  aria-label={t("places.removeNamed", { name: place.name })}
                >
                  {t("places.remove")}
                </button>
              </Form>
            </li>
          ))}
        </ul>
      )}
      {places.length < maxPlaces ? (
        <section aria-labelledby="place-add-heading" className="section-card">
          <h2 id="place-add-heading">{t("places.add")}</h2>
          <ErrorSummary form={form} />
          <Form method="post" noValidate onSubmit={form.onSubmit}>
            <TextField
              form={form}
              name="name"
              label={t("places.name")}
              hint={t("places.nameHint")}
              maxLength={120}
            />
            <TextField
              form={form}
              name="street"
              label={t("places.street")}
              maxLength={120}
              autoComplete="street-address"
            />
            <TextField
              form={form}
              name="postcode"
              label={t("places.postcode")}
              inputMode="numeric"
              maxLength={5}
              autoComplete="postal-code"
            />
            <SelectField
              form={form}
              name="neighbourhoodId"
              label={t("places.neighbourhood")}
              options={[
                { value: "", label: t("places.choose") },
                ...neighbourhoods.map((n) => ({ value: String(n.id), label: n.name })),
              ]}
            />
            <p className="hint">
              {geocoderHost ? t("places.sent", { host: geocoderHost }) : t("places.approximate")}
            </p>
            <div className="actions">
              <button type="submit" className="button">
                {t("places.save")}
              </button>
            </div>
          </Form>
        </section>
      ) : null}
    </section>
  );
}
