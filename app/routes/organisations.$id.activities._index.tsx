import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DateRange } from "~/components/time";
import { listOrganisationActivities } from "~/modules/events/queries.server";
import {
  ACTIVITY_STATUS_FILTER,
  ACTIVITY_WHEN_FILTER,
  parseOrganisationActivityFilter,
} from "~/modules/events/organisation-activity-filter";
import { requireOrganisation } from "~/modules/organisations/organisations.server";
import { getDb } from "~/utils/db.server";
import { TableScroll } from "~/components/table-scroll";
import { useCategoryName } from "~/components/use-category-name";

export const handle = { i18n: ["common", "organisations", "events"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.organisationName} · miteinander` : "miteinander" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organisation } = await requireOrganisation(
    getDb(),
    request,
    params,
    "organisation:manage-activities",
  );
  const filter = parseOrganisationActivityFilter(new URL(request.url).searchParams);
  const result = listOrganisationActivities(getDb(), organisation.id, filter);
  return {
    organisationId: organisation.id,
    organisationName: organisation.name,
    verified: organisation.verifiedAt !== null,
    filter: { status: filter.status, when: filter.when },
    ...result,
  };
}

export default function OrganisationActivitiesPage() {
  const data = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const { t } = useTranslation(["events", "common"]);
  const categoryName = useCategoryName();
  const base = `/organisations/${data.organisationId}/activities`;
  const pageHref = (page: number) => {
    const next = new URLSearchParams(searchParams);
    next.set("page", String(page));
    return `?${next.toString()}`;
  };
  return (
    <section aria-labelledby="activities-heading">
      <h1 id="activities-heading">{t("list.title")}</h1>
      {!data.verified ? <p className="notice">{t("list.unverified")}</p> : null}
      <p>
        <Link to={`${base}/new`} className="button">
          {t("list.new")}
        </Link>
      </p>
      <Form
        method="get"
        className="inline-filter"
        key={searchParams.toString()}
        aria-label={t("list.filterLabel")}
      >
        <div className="field">
          <label htmlFor="filter-status">{t("list.status")}</label>
          <select id="filter-status" name="status" defaultValue={data.filter.status}>
            {ACTIVITY_STATUS_FILTER.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-when">{t("list.when")}</label>
          <select id="filter-when" name="when" defaultValue={data.filter.when}>
            {ACTIVITY_WHEN_FILTER.map((w) => (
              <option key={w} value={w}>
                {t(`list.whenOptions.${w}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button--secondary">
          {t("list.filter")}
        </button>
      </Form>
      <h2 id="activities-count" className="h3" aria-live="polite">
        {t("list.count", { count: data.total })}
      </h2>
      {data.items.length === 0 ? (
        <p className="empty">{t("list.empty")}</p>
      ) : (
        <TableScroll labelledBy="activities-count">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("list.activity")}</th>
                <th scope="col">{t("list.date")}</th>
                <th scope="col">{t("list.status")}</th>
                <th scope="col">{t("list.helpers")}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((a) => (
                <tr key={a.id}>
                  <td>
                    <Link to={`${base}/${a.id}`}>{a.title}</Link>
                    <br />
                    <span className="muted small">
                      {categoryName({ slug: a.categorySlug, name: a.categoryName })} · {a.neighbourhoodName}
                    </span>
                  </td>
                  <td>
                    <DateRange start={a.startsAt} end={a.endsAt} />
                    {a.weekly ? <span className="muted small"> · {t("weekly")}</span> : null}
                  </td>
                  <td>
                    <span className={`status status--${a.status}`}>{t(`status.${a.status}`)}</span>
                  </td>
                  <td>
                    {a.shiftCount === 0
                      ? t("list.noShifts")
                      : t("list.helpersOf", { confirmed: a.confirmed, needed: a.needed })}
                    {a.waitlisted > 0 ? (
                      <span className="muted small"> · {t("list.waitlisted", { count: a.waitlisted })}</span>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {data.pageCount > 1 ? (
        <nav aria-label={t("list.pagination")} className="pagination">
          {data.page > 1 ? (
            <Link to={pageHref(data.page - 1)} rel="prev">
              {t("list.previous")}
            </Link>
          ) : null}
          <span aria-current="page">{t("list.pageOf", { page: data.page, pageCount: data.pageCount })}</span>
          {data.page < data.pageCount ? (
            <Link to={pageHref(data.page + 1)} rel="next">
              {t("list.next")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </section>
  );
}
