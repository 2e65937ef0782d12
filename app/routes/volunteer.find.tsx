import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LANGUAGE } from "@db/schema/enums";
import { NeedWorkCard, ShiftWorkCard } from "~/components/work-item-card";
import { FIND_KINDS, parseFindWorkFilter } from "~/modules/finding/find-work.schema";
import { findWork } from "~/modules/finding/find-work.server";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { listActiveCategories, listNeighbourhoods } from "~/modules/places/places.server";
import { requireVolunteer } from "~/modules/volunteers/guards.server";
import { getHomeLocation } from "~/modules/outside/geocode-cache.server";
import { getDb } from "~/utils/db.server";
import { Pagination } from "~/components/pagination";
import { JumpToResults } from "~/components/jump-to-results";
import { FilterActions, FilterInput, FilterSelect, ResultsSection } from "~/components/forms";
import { useCategoryName } from "~/components/use-category-name";

export const handle = { i18n: ["common", "volunteer", "offers"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · miteinander` },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireVolunteer(getDb(), request);
  const db = getDb();
  const locale = await i18nServer(getDb()).getLocale(request);
  const t = await i18nServer(getDb()).getFixedT(locale, "volunteer");
  const { filter, errors } = parseFindWorkFilter(new URL(request.url).searchParams);
  const neighbourhoods = listNeighbourhoods(db);
  const categories = listActiveCategories(db);
  const neighbourhoodId = filter.neighbourhood
    ? neighbourhoods.find((n) => n.slug === filter.neighbourhood)?.id
    : undefined;
  const categoryId = filter.category ? categories.find((c) => c.slug === filter.category)?.id : undefined;
  // A well-formed but unknown slug is reported next to its field instead of silently matching nothing.
  if (filter.neighbourhood && neighbourhoodId === undefined)
    errors.neighbourhood = "volunteer:find.errors.unknown";
  if (filter.category && categoryId === undefined) errors.category = "volunteer:find.errors.unknown";
  // The geocoded address when there is a believed one, else the home neighbourhood's centroid.
  const home = getHomeLocation(db, user.id)?.point ?? null;
  if (filter.km !== undefined && home === null) errors.km = "volunteer:find.errors.noHome";
  const result = findWork(
    db,
    {
      ...filter,
      neighbourhoodId,
      categoryId,
      km: home === null ? undefined : filter.km,
      fits: filter.fits === "1",
    },
    { userId: user.id, home, locale },
  );
  return { ...result, filter, errors, neighbourhoods, categories, title: t("find.title") };
}

export default function FindWorkPage() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation(["volunteer", "common"]);
  const categoryName = useCategoryName();
  const [searchParams] = useSearchParams();
  const { filter, errors } = data;
  const pageHref = (page: number) => {
    const next = new URLSearchParams(searchParams);
    next.set("page", String(page));
    return `?${next.toString()}`;
  };
  const select = (
    name: "what" | "neighbourhood" | "category" | "language",
    options: { value: string; label: string }[],
    value: string | undefined,
    allLabel?: string,
  ) => (
    <FilterSelect
      id={`find-${name}`}
      name={name}
      label={t(`find.filter.${name}`)}
      value={value}
      options={options}
      allLabel={allLabel}
      error={errors[name]}
    />
  );
  const any = t("find.filter.any");
  return (
    <div className="page page--wide">
      <h1>{t("find.title")}</h1>
      <p className="lead">{t("find.intro")}</p>
      <JumpToResults target="find-results-heading" count={data.total} />
      <div className="with-sidebar">
        <Form
          method="get"
          className="filter-form"
          aria-labelledby="find-filter-heading"
          key={searchParams.toString()}
        >
          <h2 id="find-filter-heading" className="h3">
            {t("find.filter.heading")}
          </h2>
          {select(
            "what",
            FIND_KINDS.map((k) => ({ value: k, label: t(`find.kinds.${k}`) })),
            filter.what,
          )}
          {select(
            "neighbourhood",
            data.neighbourhoods.map((n) => ({ value: n.slug, label: n.name })),
            filter.neighbourhood,
            any,
          )}
          <FilterInput
            id="find-km"
            name="km"
            inputMode="decimal"
            label={t("find.filter.km")}
            value={filter.km === undefined ? undefined : String(filter.km)}
            hint={
              !data.hasHome
                ? t("find.filter.kmNoHome")
                : data.homeApproximate
                  ? t("find.filter.kmHint")
                  : t("find.filter.kmHintAddress")
            }
            error={errors.km}
          />
          {select(
            "category",
            data.categories.map((c) => ({
              value: c.slug,
              label: categoryName(c),
            })),
            filter.category,
            any,
          )}
          {select(
            "language",
            LANGUAGE.map((code) => ({ value: code, label: t(`common:languages.${code}`) })),
            filter.language,
            any,
          )}
          {(["from", "to"] as const).map((name) => (
            <FilterInput
              key={name}
              id={`find-${name}`}
              name={name}
              type="date"
              label={t(`find.filter.${name}`)}
              value={filter[name]}
              error={errors[name]}
            />
          ))}
          <div className="field">
            <label className="choice">
              <input type="checkbox" name="fits" value="1" defaultChecked={filter.fits === "1"} />{" "}
              {t("find.filter.fits")}
            </label>
          </div>
          <FilterActions
            submitLabel={t("find.filter.submit")}
            resetLabel={t("find.filter.reset")}
            resetTo="/volunteer/find"
          />
        </Form>
        <ResultsSection
          headingId="find-results-heading"
          heading={t("find.count", { count: data.total })}
          emptyText={t("find.empty")}
          isEmpty={data.items.length === 0}
          footer={
            <Pagination
              page={data.page}
              pageCount={data.pageCount}
              hrefFor={pageHref}
              labels={{
                nav: t("find.pagination"),
                previous: t("find.previous"),
                next: t("find.next"),
                current: t("find.pageOf", { page: data.page, pageCount: data.pageCount }),
              }}
            />
          }
        >
          {data.items.map((item) => (
            <li key={`${item.kind}-${item.id}`}>
              {item.kind === "shift" ? <ShiftWorkCard item={item} /> : <NeedWorkCard item={item} />}
            </li>
          ))}
        </ResultsSection>
      </div>
    </div>
  );
}
