import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LANGUAGE } from "@db/schema/enums";
import { ActivityCard } from "~/components/activity-card";
import { FieldError } from "~/components/field-error";
import { parseActivityFilter } from "~/modules/events/activity-filter.schema";
import { listPublicActivities } from "~/modules/events/public-activities.server";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { listActiveCategories, listNeighbourhoods } from "~/modules/places/places.server";
import { Pagination } from "~/components/pagination";
import { JumpToResults } from "~/components/jump-to-results";

export const handle = { i18n: ["common", "activities"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "miteinander" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const locale = await i18nServer.getLocale(request);
  const t = await i18nServer.getFixedT(locale, "activities");
  const { filter, errors } = parseActivityFilter(url.searchParams);
  const neighbourhoods = listNeighbourhoods();
  const categories = listActiveCategories();
  // A well-formed but unknown slug is reported next to its field instead of silently matching nothing.
  if (filter.neighbourhood && !neighbourhoods.some((n) => n.slug === filter.neighbourhood)) {
    errors.neighbourhood = "activities:filter.errors.unknown";
    delete filter.neighbourhood;
  }
  if (filter.category && !categories.some((c) => c.slug === filter.category)) {
    errors.category = "activities:filter.errors.unknown";
    delete filter.category;
  }
  const result = listPublicActivities(filter, locale);
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
          <div className="field">
            <label htmlFor="filter-neighbourhood">{t("filter.neighbourhood")}</label>
            <select
              id="filter-neighbourhood"
              name="neighbourhood"
              defaultValue={filter.neighbourhood ?? ""}
              aria-invalid={errors.neighbourhood ? true : undefined}
              aria-describedby={errors.neighbourhood ? "filter-neighbourhood-error" : undefined}
            >
              <option value="">{t("filter.all")}</option>
              {data.neighbourhoods.map((n) => (
                <option key={n.id} value={n.slug}>
                  {n.name}
                </option>
              ))}
            </select>
            <FieldError id="filter-neighbourhood-error" message={errors.neighbourhood} />
          </div>
          <div className="field">
            <label htmlFor="filter-category">{t("filter.category")}</label>
            <select
              id="filter-category"
              name="category"
              defaultValue={filter.category ?? ""}
              aria-invalid={errors.category ? true : undefined}
              aria-describedby={errors.category ? "filter-category-error" : undefined}
            >
              <option value="">{t("filter.all")}</option>
              {data.categories.map((c) => (
                <option key={c.id} value={c.slug}>
                  {t(`common:categories.${c.slug}`, { defaultValue: c.name })}
                </option>
              ))}
            </select>
            <FieldError id="filter-category-error" message={errors.category} />
          </div>
          <div className="field">
            <label htmlFor="filter-language">{t("filter.language")}</label>
            <select
              id="filter-language"
              name="language"
              defaultValue={filter.language ?? ""}
              aria-invalid={errors.language ? true : undefined}
              aria-describedby={errors.language ? "filter-language-error" : undefined}
            >
              <option value="">{t("filter.all")}</option>
              {LANGUAGE.map((code) => (
                <option key={code} value={code}>
                  {t(`common:languages.${code}`)}
                </option>
              ))}
            </select>
            <FieldError id="filter-language-error" message={errors.language} />
          </div>
          <div className="field">
            <label htmlFor="filter-from">{t("filter.from")}</label>
            <input
              id="filter-from"
              type="date"
              name="from"
              defaultValue={filter.from ?? ""}
              aria-invalid={errors.from ? true : undefined}
              aria-describedby={errors.from ? "filter-from-error" : undefined}
            />
            <FieldError id="filter-from-error" message={errors.from} />
          </div>
          <div className="field">
            <label htmlFor="filter-to">{t("filter.to")}</label>
            <input
              id="filter-to"
              type="date"
              name="to"
              defaultValue={filter.to ?? ""}
              aria-invalid={errors.to ? true : undefined}
              aria-describedby={errors.to ? "filter-to-error" : undefined}
            />
            <FieldError id="filter-to-error" message={errors.to} />
          </div>
          <div className="actions">
            <button type="submit" className="button">
              {t("filter.submit")}
            </button>
            <Link to="/activities" className="button button--secondary">
              {t("filter.reset")}
            </Link>
          </div>
        </Form>

        <section aria-labelledby="results-heading" className="results">
          <h2 id="results-heading" className="h3" aria-live="polite">
            {t("list.count", { count: data.total })}
          </h2>
          {data.items.length === 0 ? (
            <p className="empty">{t("list.empty")}</p>
          ) : (
            <ul className="card-list">
              {data.items.map((activity) => (
                <li key={activity.id}>
                  <ActivityCard activity={activity} />
                </li>
              ))}
            </ul>
          )}
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
        </section>
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
  return (
    <p className="feed-links">
      {neighbourhood || category ? (
        <>
          {t("list.feedsHint")}{" "}
          {neighbourhood ? (
            <a href={`/feeds/neighbourhoods/${neighbourhood.slug}.ics`}>{neighbourhood.name}</a>
          ) : null}
          {neighbourhood && category ? " · " : null}
          {category ? (
            <a href={`/feeds/categories/${category.slug}.ics`}>
              {t(`common:categories.${category.slug}`, { defaultValue: category.name })}
            </a>
          ) : null}
          {" · "}
        </>
      ) : null}
      <Link to="/feeds">{t("list.feeds")}</Link>
    </p>
  );
}
