import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { OfferList } from "~/components/offer-list";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { parseOfferListFilter } from "~/modules/offers/offers.schema";
import { countOffersByStatus, listOffers } from "~/modules/offers/queries.server";
import { requireVolunteer } from "~/modules/volunteers/guards.server";
import { getDb } from "~/utils/db.server";
import { zonedIsoDate } from "~/utils/time";

export const handle = { i18n: ["common", "volunteer", "offers"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · miteinander` },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireVolunteer(getDb(), request);
  const filter = parseOfferListFilter(new URL(request.url).searchParams.get("status"));
  const owner = { volunteerId: user.id };
  const db = getDb();
  const t = await i18nServer(getDb()).getFixedT(request, "offers");
  return {
    title: t("mine.title"),
    filter,
    offers: listOffers(db, owner, filter, zonedIsoDate(Date.now())),
    counts: countOffersByStatus(db, owner),
  };
}

export default function MyOffersPage() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation("offers");
  return (
    <div className="page page--wide">
      <h1>{t("mine.title")}</h1>
      <p className="lead">{t("mine.intro")}</p>
      <p>
        <Link to="/volunteer/offers/new" className="button">
          {t("mine.new")}
        </Link>
      </p>
      <OfferList
        offers={data.offers}
        filter={data.filter}
        counts={data.counts}
        basePath="/volunteer/offers"
      />
    </div>
  );
}
