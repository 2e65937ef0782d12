import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TableScroll } from "~/components/table-scroll";
import { DateRange } from "~/components/time";
import type { OrganisationHomeItem } from "~/modules/home/home-pages.server";

/** One of the person's organisations on /organisation: role, members, state, links and its activities. */
export function OrganisationHomeCard({ org }: { org: OrganisationHomeItem }) {
  const { t } = useTranslation(["home", "auth", "organisations"]);
  return (
    <section aria-labelledby={`org-${org.id}`} className="card">
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
        <Link to={`/organisations/${org.id}/activities`}>{t("organisations:home.manageActivities")}</Link> ·{" "}
        <Link to={`/organisations/${org.id}/activities/new`}>{t("organisations:home.newActivity")}</Link> ·{" "}
        <Link to={`/organisations/${org.id}`}>{t("organisations:home.profile")}</Link>
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
  );
}
