import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ArrivalsWaiting } from "~/components/arrivals/arrivals-waiting";
import { StatList } from "~/components/stat-list";
import { requestLocale } from "~/modules/auth/request-locale.server";
import { getDb } from "~/utils/db.server";
import { loadArrivalsWaiting } from "~/modules/arrivals/home.server";
import { loadCoordinationHome } from "~/modules/home/home-pages.server";
import { formatNumber } from "~/utils/format";
import { requireCan } from "~/modules/permissions/guards.server";
import { pageTitle } from "~/utils/page-title";

export const handle = { i18n: ["common", "home", "dashboard", "arrivals"] };

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "coordination") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCan(getDb(), request, "coordination:access");
  return {
    name: user.displayName,
    ...loadCoordinationHome(getDb(), user),
    arrivals: loadArrivalsWaiting(getDb(), user, await requestLocale(getDb(), request)),
  };
}

type CoordinationFigure = "openNeeds" | "proposals" | "organisationsToVerify";

export default function CoordinationHomePage() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation("home");
  const { i18n } = useTranslation();
  const n = (v: number) => formatNumber(v, i18n.language);
  return (
    <div className="page page--wide">
      <h1>{t("coordination.title", { name: data.name })}</h1>
      <StatList
        figures={data.figures}
        ariaLabel={t("coordination.statsLabel")}
        label={(f) => t(`coordination.figures.${f.key as CoordinationFigure}`)}
      />
      <ArrivalsWaiting data={data.arrivals} />
      <section aria-labelledby="scope-heading">
        <h2 id="scope-heading">
          {data.allNeighbourhoods ? t("coordination.allNeighbourhoods") : t("coordination.myNeighbourhoods")}
        </h2>
        {data.neighbourhoods.length === 0 ? (
          <p className="empty">{t("coordination.noScope")}</p>
        ) : (
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("coordination.neighbourhood")}</th>
                <th scope="col">{t("coordination.openNeeds")}</th>
                <th scope="col">{t("coordination.urgentNeeds")}</th>
              </tr>
            </thead>
            <tbody>
              {data.neighbourhoods.map((nb) => (
                <tr key={nb.id}>
                  <th scope="row">{nb.name}</th>
                  <td>
                    <Link to={nb.openNeeds.href}>{n(nb.openNeeds.value)}</Link>
                  </td>
                  <td>
                    <Link to={nb.urgentNeeds.href}>{n(nb.urgentNeeds.value)}</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
