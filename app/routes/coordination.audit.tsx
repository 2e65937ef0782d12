import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AUDIT_ENTITY } from "@db/schema/enums";
import { BackArrow } from "~/components/back-arrow";
import { AuditEntryLine } from "~/components/dashboard/audit-entry";
import { FilterInput, FilterSelect } from "~/components/forms";
import { parseAuditFilter } from "~/modules/audit/audit-filter";
import { listAuditEvents } from "~/modules/audit/audit-log.server";
import { scopeOf } from "~/modules/dashboard/scope.server";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { requireCan } from "~/modules/permissions/guards.server";
import dashboardStyles from "~/styles/dashboard.css?url";
import { getDb } from "~/utils/db.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: dashboardStyles }];
export const handle = { i18n: ["common", "dashboard"] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.pageTitle ?? ""} · miteinander` },
];

/** The audit log: a coordinator's neighbourhoods, or everything for admins (who reach it from /admin too). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCan(getDb(), request, "coordination:access");
  const { filter, errors } = parseAuditFilter(new URL(request.url).searchParams);
  const t = await i18nServer(getDb()).getFixedT(request, "dashboard");
  return {
    ...listAuditEvents(getDb(), scopeOf(user), filter),
    filter,
    errors,
    allNeighbourhoods: user.role === "admin",
    pageTitle: t("audit.title"),
  };
}

export default function AuditLogPage() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation("dashboard");
  const [params] = useSearchParams();
  const pageHref = (page: number) => {
    const next = new URLSearchParams(params);
    next.set("page", String(page));
    return `?${next.toString()}`;
  };
  return (
    <div className="page page--wide">
      <p className="breadcrumb">
        <Link to="/coordination">
          <BackArrow /> {t("back")}
        </Link>
      </p>
      <h1>{t("audit.title")}</h1>
      <p className="lead">{data.allNeighbourhoods ? t("audit.scopeAll") : t("audit.scopeMine")}</p>
      <Form
        method="get"
        className="filter-inline"
        key={params.toString()}
        aria-label={t("audit.filter.label")}
      >
        <FilterSelect
          id="audit-entityType"
          name="entityType"
          label={t("audit.filter.entityType")}
          error={data.errors.entityType}
          value={data.filter.entityType}
          allLabel={t("audit.filter.all")}
          options={AUDIT_ENTITY.map((e) => ({ value: e, label: t(`audit.entityTypes.${e}`) }))}
        />
        <FilterSelect
          id="audit-action"
          name="action"
          label={t("audit.filter.action")}
          error={data.errors.action}
          value={data.filter.action}
          allLabel={t("audit.filter.all")}
          options={data.actions.map((a) => ({
            value: a,
            label: t(`audit.actionNames.${a.replace(".", "_")}`, { defaultValue: a }),
          }))}
        />
        <FilterInput
          id="audit-actor"
          name="actor"
          type="search"
          maxLength={80}
          label={t("audit.filter.actor")}
          error={data.errors.actor}
          value={data.filter.actor}
        />
        <FilterInput
          id="audit-entityId"
          name="entityId"
          maxLength={64}
          label={t("audit.filter.entityId")}
          error={data.errors.entityId}
          value={data.filter.entityId}
        />
        <FilterInput
          id="audit-from"
          name="from"
          type="date"
          label={t("audit.filter.from")}
          error={data.errors.from}
          value={data.filter.from}
        />
        <FilterInput
          id="audit-to"
          name="to"
          type="date"
          label={t("audit.filter.to")}
          error={data.errors.to}
          value={data.filter.to}
        />
        <div className="actions">
          <button type="submit" className="button">
            {t("audit.filter.submit")}
          </button>
          <Link to="/coordination/audit" className="button button--secondary">
            {t("audit.filter.reset")}
          </Link>
        </div>
      </Form>
      <p className="list-summary" aria-live="polite" data-testid="list-total">
        {t("lists.total", { count: data.total })}
      </p>
      {data.items.length === 0 ? (
        <p className="empty">{t("audit.empty")}</p>
      ) : (
        <ol className="audit-list">
          {data.items.map((entry) => (
            <li key={entry.id}>
              <AuditEntryLine entry={entry} />
            </li>
          ))}
        </ol>
      )}
      {data.pageCount > 1 ? (
        <nav aria-label={t("lists.pagination")} className="pagination">
          {data.page > 1 ? (
            <Link to={pageHref(data.page - 1)} rel="prev">
              {t("lists.previous")}
            </Link>
          ) : (
            <span />
          )}
          <span aria-current="page">{t("lists.pageOf", { page: data.page, pageCount: data.pageCount })}</span>
          {data.page < data.pageCount ? (
            <Link to={pageHref(data.page + 1)} rel="next">
              {t("lists.next")}
            </Link>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
    </div>
  );
}
