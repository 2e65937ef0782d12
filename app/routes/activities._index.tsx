import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LANGUAGE } from "@db/schema/enums";
import { ActivityCard } from "~/components/activity-card";
import { parseActivityFilter } from "~/modules/events/activity-filter.schema";
import { getDb } from "~/utils/db.server";
import { listPublicActivities } from "~/modules/events/public-activities.server";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { listActiveCategories, listNeighbourhoods } from "~/modules/places/places.server";
import { Pagination } from "~/components/pagination";
import { JumpToResults } from "~/components/jump-to-results";
import { FilterActions, FilterInput, FilterSelect, ResultsSection } from "~/components/forms";
import { useCategoryName } from "~/components/use-category-name";

export const handle = { i18n: ["common", "activities"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "miteinander" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const locale = await i18nServer(getDb()).getLocale(request);
  const t = await i18nServer(getDb()).getFixedT(locale, "activities");
  const { filter, errors } = parseActivityFilter(url.searchParams);
  const neighbourhoods = listNeighbourhoods(getDb());
  const categories = listActiveCategories(getDb());
  // A well-formed but unknown slug is reported next to its field instead of silently matching nothing.
  if (filter.neighbourhood && !neighbourhoods.some((n) => n.slug === filter.neighbourhood)) {
    errors.neighbourhood = "activities:filter.errors.unknown";
    delete filter.neighbourhood;
  }
  if (filter.category && !categories.some((c) => c.slug === filter.category)) {
    errors.category = "activities:filter.errors.unknown";
    delete filter.category;
  }
  const result = listPublicActivities(getDb(), filter, locale);
  return {
    ...result,
    filter,
    errors,
    neighbourhoods,
    categories,
    pageTitle: `${t("list.title")} · miteinander`,
  };
}

export default function ActivitiesPage() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation(["activities", "common"]);
  const categoryName = useCategoryName();
  const [searchParams] = useSearchParams();
  const { filter, errors } = data;

  const pageHref = (page: number) => {
    const next = new URLSearchParams(searchParams);
    next.set("page", String(page));
    return `?${next.toString()}`;
  };

  return (
    <div className="page page--wide">
      <h1>{t("list.title")}</h1>
      <p className="lead">{t("list.intro")}</p>
      <p>
        <Link to="/activities/week">{t("week.fromList")}</Link>
      </p>
      <JumpToResults target="results-heading" count={data.total} />
      <div className="with-sidebar">
        <Form
          method="get"
          action="/activities"
          className="filter-form"
          aria-labelledby="filter-heading"
          key={searchParams.toString()}
        >
          <h2 id="filter-heading" className="h3">
            {t("filter.heading")}
          </h2>
          <FilterSelect
            id="filter-neighbourhood"
            name="neighbourhood"
            label={t("filter.neighbourhood")}
            value={filter.neighbourhood}
            allLabel={t("filter.all")}
            options={data.neighbourhoods.map((n) => ({ value: n.slug, label: n.name }))}
            error={errors.neighbourhood}
          />
          <FilterSelect
            id="filter-category"
            name="category"
            label={t("filter.category")}
            value={filter.category}
            allLabel={t("filter.all")}
            options={data.categories.map((c) => ({
              value: c.slug,
              label: categoryName(c),
            }))}
            error={errors.category}
          />
          <FilterSelect
            id="filter-language"
            name="language"
            label={t("filter.language")}
            value={filter.language}
            allLabel={t("filter.all")}
            options={LANGUAGE.map((code) => ({ value: code, label: t(`common:languages.${code}`) }))}
            error={errors.language}
          />
          <FilterInput
            id="filter-from"
            name="from"
            type="date"
            label={t("filter.from")}
            value={filter.from}
            error={errors.from}
          />
          <FilterInput
            id="filter-to"
            name="to"
            type="date"
            label={t("filter.to")}
            value={filter.to}
            error={errors.to}
          />
          <FilterActions
            submitLabel={t("filter.submit")}
            resetLabel={t("filter.reset")}
            resetTo="/activities"
          />
        </Form>

        <ResultsSection
          headingId="results-heading"
          heading={t("list.count", { count: data.total })}
          emptyText={t("list.empty")}
          isEmpty={data.items.length === 0}
          footer={
            <>
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
              <FeedLinks
                neighbourhood={data.neighbourhoods.find((n) => n.slug === filter.neighbourhood)}
                category={data.categories.find((c) => c.slug === filter.category)}
              />
            </>
          }
        >
          {data.items.map((activity) => (
            <li key={activity.id}>
              <ActivityCard activity={activity} />
            </li>
          ))}
        </ResultsSection>
      </div>
    </div>
  );
}

/** The calendar feeds that match the chosen filter, and the page with every feed and the JSON data. */
function FeedLinks({
  neighbourhood,
  category,
}: {
  neighbourhood?: { slug: string; name: string };
  category?: { slug: string; name: string };
}) {
  const { t } = useTranslation(["activities", "common"]);
  const categoryName = useCategoryName();
  return (
    <p className="feed-links">
      {neighbourhood || category ? (
        <>
          {t("list.feedsHint")}{" "}
          {neighbourhood ? (
            <a href={`/feeds/neighbourhoods/${neighbourhood.slug}.ics`}>{neighbourhood.name}</a>
          ) : null}
          {neighbourhood && category ? " · " : null}
          {category ? <a href={`/feeds/categories/${category.slug}.ics`}>{categoryName(category)}</a> : null}
          {" · "}
        </>
      ) : null}
      <Link to="/feeds">{t("list.feeds")}</Link>
    </p>
  );
}
