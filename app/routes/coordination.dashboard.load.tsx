import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useNumber } from "~/components/dashboard/dashboard-sections";
import { FigureList } from "~/components/dashboard/figure-list";
import { listFigureLoad } from "~/modules/dashboard/dashboard-lists.server";
import { requireFigureRoute } from "~/modules/dashboard/figure-route.server";
import dashboardStyles from "~/styles/dashboard.css?url";
import { getDb } from "~/utils/db.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: dashboardStyles }];
export const handle = { i18n: ["common", "dashboard"] };
export const meta: MetaFunction = () => [{ title: "miteinander" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope, filter } = await requireFigureRoute(getDb(), request);
  return { ...listFigureLoad(getDb(), scope, filter), kind: filter.loadKind };
}

export default function FigureLoadPage() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation("dashboard");
  const n = useNumber();
  const drop = data.kind === "drop";
  return (
    <FigureList
      title={drop ? t("load.dropTitle") : t("load.overCapTitle")}
      intro={drop ? t("load.dropExplain") : t("load.overCapExplain")}
      total={data.total}
      page={data.page}
      pageCount={data.pageCount}
    >
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t("lists.person")}</th>
            <th scope="col">{t("lists.load.cap")}</th>
            <th scope="col">{t("lists.load.lastWeek")}</th>
            <th scope="col">{t("lists.load.recent")}</th>
            <th scope="col">{t("lists.load.previous")}</th>
          </tr>
        </thead>
        <tbody>
          {data.items.map((p) => (
            <tr key={p.userId}>
              <td>{p.displayName}</td>
              <td>{n(p.capPerWeek, 1)}</td>
              <td>{n(p.lastWeekHours, 2)}</td>
              <td>{n(p.recentWeeklyAverage, 2)}</td>
              <td>{n(p.previousWeeklyAverage, 2)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </FigureList>
  );
}
