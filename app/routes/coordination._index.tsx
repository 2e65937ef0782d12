import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { loadCoordinationHome } from "~/modules/home/home-pages.server";
import { requireCan } from "~/modules/permissions/guards.server";
import { pageTitle } from "~/utils/page-title";

export const handle = { i18n: ["common", "home", "dashboard"] };

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "coordination") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCan(request, "coordination:access");
  return { name: user.displayName, ...loadCoordinationHome(user) };
}

export default function CoordinationHomePage() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation("home");
  const totalOpen = data.neighbourhoods.reduce((n, nb) => n + nb.openNeeds, 0);
  return (
    <div className="page page--wide">
      <h1>{t("coordination.title", { name: data.name })}</h1>
      <EvaluationLinks />
      <ul className="stat-list" aria-label={t("coordination.statsLabel")}>
        <li>
          <strong>{totalOpen}</strong> <Link to="/coordination/needs">{t("coordination.openNeeds")}</Link>
        </li>
        <li>
          <strong>{data.proposedMatches}</strong>{" "}
          <Link to="/matches">{t("coordination.proposedMatches")}</Link>
        </li>
        <li>
          <strong>{data.organisationsToVerify}</strong>{" "}
          <Link to="/coordination/verification">{t("coordination.organisationsToVerify")}</Link>
        </li>
      </ul>
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
                  <td>{nb.openNeeds}</td>
                  <td>{nb.urgentNeeds}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}

/** The dashboard, reports and audit log: the coordinator's view of the numbers behind the work. */
function EvaluationLinks() {
  const { t } = useTranslation("dashboard");
  return (
    <nav aria-label={t("home.label")} className="evaluation-links">
      <ul className="nav-list">
        <li>
          <Link to="/coordination/dashboard">{t("home.dashboard")}</Link>
        </li>
        <li>
          <Link to="/coordination/reports">{t("home.reports")}</Link>
        </li>
        <li>
          <Link to="/coordination/audit">{t("home.audit")}</Link>
        </li>
        <li>
          <Link to="/coordination/import">{t("home:admin.import")}</Link>
        </li>
      </ul>
    </nav>
  );
}
