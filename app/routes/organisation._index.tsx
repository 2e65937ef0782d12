import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TableScroll } from "~/components/table-scroll";
import { DateRange } from "~/components/time";
import { loadOrganisationHome } from "~/modules/home/home-pages.server";
import { requireCan } from "~/modules/permissions/guards.server";
import { pageTitle } from "~/utils/page-title";

export const handle = { i18n: ["common", "auth", "home", "organisations"] };

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "organisation") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCan(request, "organisation-area:access");
  return { organisations: loadOrganisationHome(user) };
}

export default function OrganisationHomePage() {
  const { organisations } = useLoaderData<typeof loader>();
  const { t } = useTranslation(["home", "auth", "organisations"]);
  return (
    <div className="page page--wide">
      <h1>{t("organisation.title", { count: organisations.length })}</h1>
      <section aria-labelledby="more-heading" className="card">
        <h2 id="more-heading" className="h3">
          {t("organisation.more.title")}
        </h2>
        <ul>
          <li>
            <Link to="/matches">{t("organisation.more.matches")}</Link> – {t("organisation.more.matchesWhy")}
          </li>
          <li>
            <Link to="/coordination/needs">{t("organisation.more.needs")}</Link> –{" "}
            {t("organisation.more.needsWhy")}
          </li>
        </ul>
      </section>
      {organisations.map((org) => (
        <section key={org.id} aria-labelledby={`org-${org.id}`} className="card">
          <h2 id={`org-${org.id}`}>
            <bdi>{org.name}</bdi>
          </h2>
          <p className="card__eyebrow">
            {t(`auth:kinds.${org.kind}`)} · {t(`organisation.myRole.${org.myRole}`)} ·{" "}
            {org.myRole === "owner" ? (
              <Link to={`/organisations/${org.id}/members`}>
                {t("organisation.members", { count: org.memberCount })}
              </Link>
            ) : (
              t("organisation.members", { count: org.memberCount })
            )}
          </p>
          {org.verified ? (
            <p className="highlight">{t("organisation.verified")}</p>
          ) : (
            <p className="notice">{t("organisation.unverified")}</p>
          )}
          <p>
            <Link to={`/organisations/${org.id}/activities`}>{t("organisations:home.manageActivities")}</Link>{" "}
            ·{" "}
            <Link to={`/organisations/${org.id}/activities/new`}>{t("organisations:home.newActivity")}</Link>{" "}
            · <Link to={`/organisations/${org.id}`}>{t("organisations:home.profile")}</Link>
          </p>
          <p>
            <Link to={`/organisations/${org.id}`}>{t("organisation.open")}</Link>
            {org.myRole === "owner" ? (
              <>
                {" · "}
                <Link to={`/organisations/${org.id}/members`}>{t("organisation.manageMembers")}</Link>
              </>
            ) : null}
          </p>
          <h3 id={`org-${org.id}-activities`}>{t("organisation.activities")}</h3>
          {org.activities.length === 0 ? (
            <p className="empty">{t("organisation.noActivities")}</p>
          ) : (
            <TableScroll labelledBy={`org-${org.id}-activities`}>
              <table className="data-table">
                <thead>
                  <tr>
                    <th scope="col">{t("organisation.activity")}</th>
                    <th scope="col">{t("organisation.when")}</th>
                    <th scope="col">{t("organisation.status")}</th>
                    <th scope="col">{t("organisation.helpers")}</th>
                  </tr>
                </thead>
                <tbody>
                  {org.activities.map((a) => (
                    <tr key={a.id}>
                      <td>
                        {a.status === "published" && org.verified ? (
                          <Link to={`/activities/${a.id}`}>{a.title}</Link>
                        ) : (
                          a.title
                        )}
                      </td>
                      <td>
                        <DateRange start={a.startsAt} end={a.endsAt} />
                      </td>
                      <td>{t(`organisation.statuses.${a.status}`)}</td>
                      <td>
                        <Link to={`/organisations/${org.id}/activities/${a.id}`}>
                          {t("organisation.helpersOf", {
                            confirmed: a.helpersConfirmed,
                            needed: a.helpersNeeded,
                          })}
                        </Link>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
        </section>
      ))}
    </div>
  );
}
