import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { OfferList } from "~/components/offer-list";
import { parseOfferListFilter } from "~/modules/offers/offers.schema";
import { countOffersByStatus, getOrganisationName, listOffers } from "~/modules/offers/queries.server";
import { assertCan, requireIdParam, requireOrgMember } from "~/modules/permissions/guards.server";
import { getDb } from "~/utils/db.server";
import { zonedIsoDate } from "~/utils/time";
import volunteerStyles from "~/styles/volunteer.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: volunteerStyles }];

export const handle = { i18n: ["common", "volunteer", "offers"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.organisationName ?? ""} · miteinander` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const organisationId = requireIdParam(params, "orgId");
  const { user } = await requireOrgMember(getDb(), request, organisationId);
  assertCan(user, "offer:create", { organisationId });
  const db = getDb();
  const filter = parseOfferListFilter(new URL(request.url).searchParams.get("status"));
  const owner = { organisationId };
  return {
    organisationId,
    organisationName: getOrganisationName(db, organisationId) ?? "",
    filter,
    offers: listOffers(db, owner, filter, zonedIsoDate(Date.now())),
    counts: countOffersByStatus(db, owner),
  };
}

export default function OrganisationOffersPage() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation("offers");
  return (
    <div className="page page--wide">
      <h1>{t("organisation.title", { name: data.organisationName })}</h1>
      <p className="lead">{t("organisation.intro")}</p>
      <p>
        <Link to={`/offers/organisation/${data.organisationId}/new`} className="button">
          {t("organisation.new")}
        </Link>
      </p>
      <OfferList
        offers={data.offers}
        filter={data.filter}
        counts={data.counts}
        basePath={`/offers/organisation/${data.organisationId}`}
      />
    </div>
  );
}
