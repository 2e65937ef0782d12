import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { OfferStatus } from "@db/schema/enums";
import type { OfferListFilter } from "~/modules/offers/offers.schema";
import type { OfferListItem } from "~/modules/offers/queries.server";
import { DateOnly } from "./time";
import { useFormatList } from "~/components/use-format-list";
import { useCategoryName } from "~/components/use-category-name";

const STATUS_TONE: Record<OfferStatus, string> = {
  active: "status status--ok",
  paused: "status status--warn",
  ended: "status",
};

/** Status tabs (links, so the filter is in the URL) and the offers as cards. */
export function OfferList({
  offers,
  filter,
  counts,
  basePath,
}: {
  offers: OfferListItem[];
  filter: OfferListFilter;
  counts: Record<OfferStatus, number>;
  basePath: string;
}) {
  const { t } = useTranslation(["offers", "common"]);
  const categoryName = useCategoryName();
  const formatList = useFormatList();
  const all = counts.active + counts.paused + counts.ended;
  const tabs: { value: OfferListFilter; count: number }[] = [
    { value: "all", count: all },
    { value: "active", count: counts.active },
    { value: "paused", count: counts.paused },
    { value: "ended", count: counts.ended },
  ];
  return (
    <>
      <nav aria-label={t("list.filterLabel")}>
        <ul className="tabs">
          {tabs.map((tab) => (
            <li key={tab.value}>
              <Link
                to={tab.value === "all" ? basePath : `${basePath}?status=${tab.value}`}
                aria-current={filter === tab.value ? "page" : undefined}
              >
                {t(`list.filter.${tab.value}`)} ({tab.count})
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {offers.length === 0 ? (
        <p className="empty">{t("list.empty")}</p>
      ) : (
        <ul className="card-list">
          {offers.map((offer) => (
            <li key={offer.id} className="card">
              <p className="card__eyebrow">
                <span className="tag">
                  {categoryName({ slug: offer.categorySlug, name: offer.categoryName })}
                </span>{" "}
                <span className={STATUS_TONE[offer.status]}>{t(`status.${offer.status}`)}</span>
                {offer.expired && offer.status !== "ended" ? (
                  <span className="status status--bad"> {t("list.expired")}</span>
                ) : null}
              </p>
              {/* Both pages that list offers have only their h1 above the cards. */}
              <h2 className="card__title h3">
                <Link to={`/offers/${offer.id}`}>{offer.title}</Link>
              </h2>
              <ul className="facts">
                <li>{formatList(offer.neighbourhoodNames)}</li>
                <li>{formatList(offer.languages.map((code) => t(`common:languages.${code}`)))}</li>
                <li>{t("list.load", { count: offer.liveMatches, capacity: offer.capacity })}</li>
                {offer.validUntil ? (
                  <li>
                    {t("list.validUntil")} <DateOnly value={offer.validUntil} />
                  </li>
                ) : null}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
