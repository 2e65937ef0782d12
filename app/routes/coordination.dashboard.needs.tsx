import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useDuration } from "~/components/dashboard/dashboard-sections";
import { useCategoryName } from "~/components/use-category-name";
import { FigureList } from "~/components/dashboard/figure-list";
import { DateTime } from "~/components/time";
import { listFigureNeeds } from "~/modules/dashboard/dashboard-lists.server";
import { requireFigureRoute } from "~/modules/dashboard/figure-route.server";
import dashboardStyles from "~/styles/dashboard.css?url";
import { getDb } from "~/utils/db.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: dashboardStyles }];
export const handle = { i18n: ["common", "dashboard", "needs"] };
export const meta: MetaFunction = () => [{ title: "miteinander" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope, filter, neighbourhoodName, category } = await requireFigureRoute(getDb(), request);
  return { ...listFigureNeeds(getDb(), scope, filter), filter, neighbourhoodName, category };
}

export default function FigureNeedsPage() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation(["dashboard", "needs"]);
  const categoryName = useCategoryName();
  const duration = useDuration();
  const { filter } = data;
  const facts = [
    filter.covered === "yes"
      ? t("lists.needs.covered")
      : filter.covered === "no"
        ? t("lists.needs.uncovered")
        : null,
    filter.open ? t("lists.needs.open") : null,
    filter.from || filter.to ? t("lists.period", { from: filter.from ?? "…", to: filter.to ?? "…" }) : null,
    data.neighbourhoodName,
    data.category ? categoryName(data.category) : null,
  ].filter(Boolean);
  return (
    <FigureList
      title={t("lists.needs.title")}
      intro={facts.join(" · ")}
      total={data.total}
      page={data.page}
      pageCount={data.pageCount}
    >
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t("lists.needs.need")}</th>
            <th scope="col">{t("lists.neighbourhood")}</th>
            <th scope="col">{t("lists.category")}</th>
            <th scope="col">{t("lists.needs.status")}</th>
            <th scope="col">{t("lists.needs.recorded")}</th>
            <th scope="col">{t("lists.needs.timeToMatch")}</th>
          </tr>
        </thead>
        <tbody>
          {data.items.map((need) => (
            <tr key={need.id}>
              <td>
                <Link to={`/coordination/needs/${need.id}`}>{need.title || `#${need.id}`}</Link>
              </td>
              <td>{need.neighbourhoodName}</td>
              <td>{categoryName({ slug: need.categorySlug, name: need.categoryName })}</td>
              <td>
                {t(`needs:status.${need.status}`)} (
                {t("lists.needs.filled", { filled: need.filled, needed: need.helpersNeeded })})
              </td>
              <td>
                <DateTime value={need.createdAt} />
              </td>
              <td>{need.firstAcceptedAt === null ? "–" : duration(need.firstAcceptedAt - need.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </FigureList>
  );
}
