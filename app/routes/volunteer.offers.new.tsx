import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { OfferForm } from "~/components/offer-form";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { EMPTY_OFFER, offerFormValues } from "~/modules/offers/offer-form-values";
import { OfferSchema } from "~/modules/offers/offers.schema";
import { createOffer } from "~/modules/offers/commands.server";
import { offerPrefillFromNeed } from "~/modules/offers/queries.server";
import { assertCan } from "~/modules/permissions/guards.server";
import { listActiveCategories, listNeighbourhoods } from "~/modules/places/places.server";
import { requireVolunteer } from "~/modules/volunteers/guards.server";
import { getVolunteerProfile } from "~/modules/volunteers/volunteer-profile.server";
import { getDb } from "~/utils/db.server";
import { formFailure, validateFormData } from "~/utils/form-validation";
import { zonedIsoDate } from "~/utils/time";
import { redirectWithNotice } from "~/utils/notice.server";

export const handle = { i18n: ["common", "volunteer", "offers"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · miteinander` },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireVolunteer(getDb(), request);
  assertCan(user, "offer:create", { organisationId: null });
  const db = getDb();
  const t = await i18nServer(getDb()).getFixedT(request, "offers");
  const profile = getVolunteerProfile(db, user.id, zonedIsoDate(Date.now()));
  // An offer starts from the profile; one made in answer to a need starts from the need.
  const needParam = new URL(request.url).searchParams.get("need");
  const prefill =
    needParam && /^[1-9][0-9]{0,9}$/.test(needParam) ? offerPrefillFromNeed(db, Number(needParam)) : null;
  const fromProfile = {
    ...EMPTY_OFFER,
    languages: profile?.languages.map((l) => l.language) ?? [],
    neighbourhoodIds: [
      ...new Set([
        ...(profile?.homeNeighbourhoodId ? [profile.homeNeighbourhoodId] : []),
        ...(profile?.neighbourhoodIds ?? []),
      ]),
    ],
    availability: profile?.availability ?? [],
    radiusKm: profile?.radiusKm ?? 0,
  };
  const defaults = offerFormValues(
    prefill
      ? {
          ...fromProfile,
          categoryId: prefill.categoryId,
          neighbourhoodIds: prefill.neighbourhoodIds,
          languages: prefill.languages,
          availability: prefill.availability,
        }
      : fromProfile,
  );
  return {
    title: t("new.title"),
    fromNeed: prefill !== null,
    defaults,
    categories: listActiveCategories(db),
    neighbourhoods: listNeighbourhoods(db),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireVolunteer(getDb(), request);
  assertCan(user, "offer:create", { organisationId: null });
  const formData = await request.formData();
  const result = validateFormData(formData, OfferSchema);
  if (!result.success) return data(result, { status: 400 });
  const created = createOffer(getDb(), { volunteerId: user.id }, result.data, zonedIsoDate(Date.now()));
  if (!created.ok)
    return data(formFailure(formData, "errors" in created ? created.errors : {}), { status: 400 });
  return redirectWithNotice(`/offers/${created.id}`, { key: "offers:offer.notice.created" });
}

export default function NewOfferPage() {
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("offers");
  return (
    <div className="page">
      <h1>{t("new.title")}</h1>
      <p className="lead">{loaderData.fromNeed ? t("new.fromNeed") : t("new.intro")}</p>
      <OfferForm
        mode="create"
        defaults={actionData ? {} : loaderData.defaults}
        actionData={actionData}
        categories={loaderData.categories}
        neighbourhoods={loaderData.neighbourhoods}
      />
    </div>
  );
}
