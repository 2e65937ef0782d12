import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ArrivalCard } from "~/components/arrivals/arrival-card";
import { FilterActions, FilterSelect, ResultsSection } from "~/components/forms";
import { JumpToResults } from "~/components/jump-to-results";
import { Pagination } from "~/components/pagination";
import {
  ARRIVAL_LIST_STATUS,
  arrivalFilterToParams,
  parseArrivalFilter,
} from "~/modules/arrivals/arrival-filter";
import { requestLocale } from "~/modules/auth/request-locale.server";
import { arrivalNeighbourhoods } from "~/modules/arrivals/queries.server";
import { listArrivals } from "~/modules/arrivals/progress.server";
import { scopeOf } from "~/modules/dashboard/scope.server";
import { getServerT } from "~/modules/i18n/server-t.server";
import { requireCan } from "~/modules/permissions/guards.server";
import arrivalStyles from "~/styles/arrivals.css?url";
import { getDb } from "~/utils/db.server";
import { zonedIsoDate } from "~/utils/time";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: arrivalStyles }];

export const handle = { i18n: ["common", "arrivals", "coordination"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "miteinander" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCan(getDb(), request, "arrival:list");
  const { filter, errors } = parseArrivalFilter(new URL(request.url).searchParams);
  const db = getDb();
  const scope = scopeOf(user);
  // A neighbourhood outside the scope simply lists nothing: the scope is part of the query.
  const result = listArrivals(db, scope, filter, zonedIsoDate(Date.now()));
  return {
    ...result,
    filter,
    errors,
    neighbourhoods: arrivalNeighbourhoods(db, user),
    pageTitle: `${getServerT(await requestLocale(getDb(), request), "arrivals")("list.title")} · miteinander`,
  };
}

export default function ArrivalsPage() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation("arrivals");
  const [searchParams] = useSearchParams();
  const { filter, errors } = data;
  const pageHref = (page: number) => `?${arrivalFilterToParams({ ...filter, page }).toString()}`;
  return (
    <div className="page page--wide">
      <div className="page-heading">
        <h1>{t("list.title")}</h1>
        <Link to="/coordination/arrivals/new" className="button">
          {t("list.new")}
        </Link>
      </div>
      <p className="lead">{t("list.intro")}</p>
      <JumpToResults target="results-heading" count={data.total} />
      <div className="with-sidebar">
        <Form
          method="get"
          className="filter-form"
          aria-labelledby="filter-heading"
          key={searchParams.toString()}
        >
          <h2 id="filter-heading" className="h3">
            {t("filter.heading")}
          </h2>
          <FilterSelect
            id="filter-status"
            name="status"
            label={t("filter.status")}
            value={filter.status}
            options={ARRIVAL_LIST_STATUS.map((s) => ({ value: s, label: t(`filter.statusOptions.${s}`) }))}
            error={errors.status}
          />
          <FilterSelect
            id="filter-neighbourhood"
            name="neighbourhood"
            label={t("fields.neighbourhood")}
            value={String(filter.neighbourhood ?? "")}
            options={data.neighbourhoods.map((n) => ({ value: String(n.id), label: n.name }))}
            allLabel={t("filter.all")}
            error={errors.neighbourhood}
          />
          <FilterActions
            submitLabel={t("filter.submit")}
            resetLabel={t("filter.reset")}
            resetTo="/coordination/arrivals"
          />
        </Form>
        <ResultsSection
          headingId="results-heading"
          heading={t("list.count", { count: data.total })}
          emptyText={t("list.empty")}
          isEmpty={data.items.length === 0}
          footer={
            <Pagination
              page={data.page}
              pageCount={data.pageCount}
              hrefFor={pageHref}
              labels={{
                nav: t("list.pagination"),
                previous: t("list.previous"),
                next: t("list.nextPage"),
                current: t("list.pageOf", { page: data.page, pageCount: data.pageCount }),
              }}
            />
          }
        >
          {data.items.map((arrival) => (
            <li key={arrival.id}>
              <ArrivalCard arrival={arrival} />
            </li>
          ))}
        </ResultsSection>
      </div>
    </div>
  );
}
