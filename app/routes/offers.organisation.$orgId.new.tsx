import {
  data,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BackArrow } from "~/components/back-arrow";
import { OfferForm } from "~/components/offer-form";
import { EMPTY_OFFER, offerFormValues } from "~/modules/offers/offer-form-values";
import { OfferSchema } from "~/modules/offers/offers.schema";
import { createOffer } from "~/modules/offers/commands.server";
import { getOrganisationName } from "~/modules/offers/queries.server";
import { assertCan, requireIdParam, requireOrgMember } from "~/modules/permissions/guards.server";
import { listActiveCategories, listNeighbourhoods } from "~/modules/places/places.server";
import { getDb } from "~/utils/db.server";
import { formFailure, validateFormData } from "~/utils/form-validation";
import { zonedIsoDate } from "~/utils/time";
import volunteerStyles from "~/styles/volunteer.css?url";
import { redirectWithNotice } from "~/utils/notice.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: volunteerStyles }];

export const handle = { i18n: ["common", "volunteer", "offers"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.organisationName ?? ""} · miteinander` },
];

async function guard(request: Request, params: Record<string, string | undefined>) {
  const organisationId = requireIdParam(params, "orgId");
  const { user } = await requireOrgMember(getDb(), request, organisationId);
  assertCan(user, "offer:create", { organisationId });
  return organisationId;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const organisationId = await guard(request, params);
  return {
    organisationId,
    organisationName: getOrganisationName(getDb(), organisationId) ?? "",
    defaults: offerFormValues(EMPTY_OFFER),
    categories: listActiveCategories(getDb()),
    neighbourhoods: listNeighbourhoods(getDb()),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const organisationId = await guard(request, params);
  const formData = await request.formData();
  const result = validateFormData(formData, OfferSchema);
  if (!result.success) return data(result, { status: 400 });
  const created = createOffer(getDb(), { organisationId }, result.data, zonedIsoDate(Date.now()));
  if (!created.ok)
    return data(formFailure(formData, "errors" in created ? created.errors : {}), { status: 400 });
  return redirectWithNotice(`/offers/${created.id}`, { key: "offers:offer.notice.created" });
}

export default function NewOrganisationOfferPage() {
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("offers");
  return (
    <div className="page">
      <p>
        <Link to={`/offers/organisation/${loaderData.organisationId}`}>
          <BackArrow /> {t("offer.backOrganisation", { name: loaderData.organisationName })}
        </Link>
      </p>
      <h1>{t("organisation.newTitle", { name: loaderData.organisationName })}</h1>
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
