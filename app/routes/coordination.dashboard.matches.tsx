import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useCategoryName } from "~/components/use-category-name";
import { FigureList } from "~/components/dashboard/figure-list";
import { DateTime } from "~/components/time";
import { listFigureMatches } from "~/modules/dashboard/dashboard-lists.server";
import { requireFigureRoute } from "~/modules/dashboard/figure-route.server";
import dashboardStyles from "~/styles/dashboard.css?url";
import { getDb } from "~/utils/db.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: dashboardStyles }];
export const handle = { i18n: ["common", "dashboard"] };
export const meta: MetaFunction = () => [{ title: "miteinander" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope, filter, neighbourhoodName, category } = await requireFigureRoute(getDb(), request);
  return { ...listFigureMatches(getDb(), scope, filter), filter, neighbourhoodName, category };
}

const TITLES = {
  proposed: "lists.matches.proposedTitle",
  accepted: "lists.matches.acceptedTitle",
  waiting: "lists.matches.waitingTitle",
} as const;

export default function FigureMatchesPage() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation("dashboard");
  const categoryName = useCategoryName();
  const { filter } = data;
  const facts = [
    filter.from || filter.to ? t("lists.period", { from: filter.from ?? "…", to: filter.to ?? "…" }) : null,
    data.neighbourhoodName,
    data.category ? categoryName(data.category) : null,
  ].filter(Boolean);
  return (
    <FigureList
      title={t(TITLES[filter.matchKind])}
      intro={facts.join(" · ")}
      total={data.total}
      page={data.page}
      pageCount={data.pageCount}
    >
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t("lists.matches.match")}</th>
            <th scope="col">{t("lists.neighbourhood")}</th>
            <th scope="col">{t("lists.category")}</th>
            <th scope="col">{t("lists.matches.status")}</th>
            <th scope="col">{t("lists.matches.proposedAt")}</th>
            <th scope="col">{t("lists.matches.respondedAt")}</th>
          </tr>
        </thead>
        <tbody>
          {data.items.map((m) => (
            <tr key={m.id}>
              <td>
                <Link to={`/matches/${m.id}`}>{m.needTitle || `#${m.needId}`}</Link>
              </td>
              <td>{m.neighbourhoodName}</td>
              <td>{categoryName({ slug: m.categorySlug, name: m.categoryName })}</td>
              <td>{t(`lists.matches.statuses.${m.status}`)}</td>
              <td>
                <DateTime value={m.proposedAt} />
              </td>
              <td>{m.respondedAt === null ? "–" : <DateTime value={m.respondedAt} />}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </FigureList>
  );
}
