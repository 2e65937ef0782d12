import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LANGUAGE, NEED_URGENCY } from "@db/schema/enums";
import { NeedCard } from "~/components/needs/need-card";
import { getServerT } from "~/modules/i18n/server-t.server";
import { NEED_STATUS_FILTER, needFilterToParams, parseNeedFilter } from "~/modules/needs/need-filter.schema";
import { listNeeds, needFormOptions } from "~/modules/needs/queries.server";
import { requireCan } from "~/modules/permissions/guards.server";
import { getDb } from "~/utils/db.server";
import { Pagination } from "~/components/pagination";
import { JumpToResults } from "~/components/jump-to-results";
import { FilterActions, FilterInput, FilterSelect, ResultsSection } from "~/components/forms";
import { useCategoryName } from "~/components/use-category-name";

export const handle = { i18n: ["common", "needs", "coordination"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "miteinander" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCan(getDb(), request, "need:list");
  const { filter, errors } = parseNeedFilter(new URL(request.url).searchParams);
  const db = getDb();
  const options = needFormOptions(db, user);
  const result = listNeeds(db, user, filter);
  return {
    ...result,
    filter,
    errors,
    options,
    canCreate:
      user.role === "admin" || user.coordinatorNeighbourhoodIds.length > 0 || user.memberships.length > 0,
    pageTitle: `${getServerT(user.locale, "needs")("list.title")} · miteinander`,
  };
}

export default function NeedsListPage() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation(["needs", "common"]);
  const categoryName = useCategoryName();
  const [searchParams] = useSearchParams();
  const { filter, errors } = data;
  const pageHref = (page: number) => `?${needFilterToParams({ ...filter, page }).toString()}`;
  const select = (
    name: keyof typeof errors,
    label: string,
    value: string,
    options: { value: string; label: string }[],
    all = true,
  ) => (
    <FilterSelect
      id={`filter-${name}`}
      name={name}
      label={label}
      value={value}
      options={options}
      allLabel={all ? t("filter.all") : undefined}
      error={errors[name]}
    />
  );

  return (
    <div className="page page--wide">
      <div className="page-heading">
        <h1>{t("list.title")}</h1>
        {data.canCreate ? (
          <Link to="/coordination/needs/new" className="button">
            {t("list.new")}
          </Link>
        ) : null}
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
          <FilterInput
            id="filter-q"
            type="search"
            name="q"
            maxLength={100}
            label={t("filter.q")}
            value={filter.q}
            error={errors.q}
          />
          {select(
            "status",
            t("filter.status"),
            filter.status,
            NEED_STATUS_FILTER.map((s) => ({ value: s, label: t(`filter.statusOptions.${s}`) })),
            false,
          )}
          {select(
            "neighbourhood",
            t("filter.neighbourhood"),
            String(filter.neighbourhood ?? ""),
            data.options.neighbourhoods.map((n) => ({ value: String(n.id), label: n.name })),
          )}
          {select(
            "category",
            t("filter.category"),
            String(filter.category ?? ""),
            data.options.categories.map((c) => ({
              value: String(c.id),
              label: categoryName(c),
            })),
          )}
          {select(
            "urgency",
            t("filter.urgency"),
            filter.urgency ?? "",
            NEED_URGENCY.map((u) => ({ value: u, label: t(`urgency.${u}`) })),
          )}
          {select(
            "language",
            t("filter.language"),
            filter.language ?? "",
            LANGUAGE.map((l) => ({ value: l, label: t(`common:languages.${l}`) })),
          )}
          <FilterActions
            submitLabel={t("filter.submit")}
            resetLabel={t("filter.reset")}
            resetTo="/coordination/needs"
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
                next: t("list.next"),
                current: t("list.pageOf", { page: data.page, pageCount: data.pageCount }),
              }}
            />
          }
        >
          {data.items.map((need) => (
            <li key={need.id}>
              <NeedCard need={need} />
            </li>
          ))}
        </ResultsSection>
      </div>
    </div>
  );
}
