import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useCategoryName } from "~/components/use-category-name";
import { FigureList } from "~/components/dashboard/figure-list";
import { listFigureOffers } from "~/modules/dashboard/dashboard-lists.server";
import { requireFigureRoute } from "~/modules/dashboard/figure-route.server";
import dashboardStyles from "~/styles/dashboard.css?url";
import { getDb } from "~/utils/db.server";
import { DateOnly } from "~/components/time";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: dashboardStyles }];
export const handle = { i18n: ["common", "dashboard"] };
export const meta: MetaFunction = () => [{ title: "miteinander" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope, filter, neighbourhoodName, category } = await requireFigureRoute(getDb(), request);
  return { ...listFigureOffers(getDb(), scope, filter), neighbourhoodName, category };
}

export default function FigureOffersPage() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation("dashboard");
  const categoryName = useCategoryName();
  const facts = [
    data.neighbourhoodName,
    data.category ? categoryName(data.category) : null,
    t("lists.offers.free", { count: data.freeCapacity }),
  ].filter(Boolean);
  return (
    <FigureList
      title={t("lists.offers.title")}
      intro={facts.join(" · ")}
      total={data.total}
      page={data.page}
      pageCount={data.pageCount}
    >
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t("lists.offers.offer")}</th>
            <th scope="col">{t("lists.offers.owner")}</th>
            <th scope="col">{t("lists.category")}</th>
            <th scope="col">{t("lists.offers.places")}</th>
            <th scope="col">{t("lists.offers.validUntil")}</th>
          </tr>
        </thead>
        <tbody>
          {data.items.map((o) => (
            <tr key={o.id}>
              <td>
                <Link to={`/offers/${o.id}`}>{o.title}</Link>
              </td>
              <td>
                {o.ownerName} ({t(`lists.offers.ownerKind.${o.ownerKind}`)})
              </td>
              <td>{categoryName({ slug: o.categorySlug, name: o.categoryName })}</td>
              <td>{t("lists.offers.placesOf", { free: o.free, capacity: o.capacity })}</td>
              <td>{o.validUntil ? <DateOnly value={o.validUntil} /> : "–"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </FigureList>
  );
}
