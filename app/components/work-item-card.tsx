import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { NeedWorkItem, ShiftWorkItem } from "~/modules/finding/work-items";
import { minuteToClock } from "~/modules/volunteers/availability";
import { formatNumber } from "~/utils/format";
import { contentLanguage } from "./content-language";
import { DateOnly, DateRange } from "./time";
import { useFormatList } from "~/components/use-format-list";
import type { Weekday } from "@db/schema/enums";
import type { Language } from "@db/schema/enums";
import { useCategoryName } from "~/components/use-category-name";

function Eyebrow({ item }: { item: ShiftWorkItem | NeedWorkItem }) {
  const { t, i18n } = useTranslation(["volunteer", "common"]);
  const categoryName = useCategoryName();
  return (
    <p className="card__eyebrow">
      <span className="tag">{categoryName({ slug: item.categorySlug, name: item.categoryName })}</span>{" "}
      <span>{item.neighbourhoodName}</span>
      {item.distanceKm !== null ? (
        <span>
          {" · "}
          {t(item.distanceApproximate ? "find.distanceApprox" : "find.distance", {
            km: formatNumber(item.distanceKm, i18n.language),
          })}
        </span>
      ) : null}
    </p>
  );
}

function Languages({ codes }: { codes: string[] }) {
  const { t } = useTranslation(["volunteer", "common"]);
  const formatList = useFormatList();
  if (codes.length === 0) return null;
  return (
    <li>
      {t("find.languages")}: {formatList(codes.map((code) => t(`common:languages.${code as Language}`)))}
    </li>
  );
}

export function ShiftWorkCard({ item }: { item: ShiftWorkItem }) {
  const { t } = useTranslation(["volunteer", "common"]);
  const placesLeft = item.neededCount - item.confirmedCount;
  return (
    <article className="card" aria-labelledby={`shift-${item.id}-title`}>
      <Eyebrow item={item} />
      <h3 id={`shift-${item.id}-title`} className="card__title">
        <Link to={`/activities/${item.eventId}#shift-${item.id}`}>
          {item.eventTitle}: {item.shiftTitle}
        </Link>
      </h3>
      <p>
        <DateRange start={item.startsAt} end={item.endsAt} />
      </p>
      {item.place ? <p className="muted">{item.place}</p> : null}
      <ul className="facts">
        <li className={placesLeft > 0 ? "highlight" : undefined}>
          {placesLeft > 0
            ? t("find.placesLeft", { count: placesLeft })
            : t("find.full", { count: item.waitlistCount })}
        </li>
        <Languages codes={item.languages} />
        {item.requiresCertificate ? <li>{t("find.certificate")}</li> : null}
      </ul>
      {item.mine ? (
        <p className="status status--ok">
          {item.mine.status === "confirmed"
            ? t("signup.youAreConfirmed")
            : t("signup.youAreWaitlisted", { position: item.mine.position ?? 0 })}
        </p>
      ) : (
        <p>
          <Link to={`/activities/${item.eventId}#shift-${item.id}`}>
            {t("find.toSignup")}
            {/* Every card has this link: its name says which shift, for lists of links in screen readers. */}
            <span className="visually-hidden">
              {" "}
              – {item.eventTitle}: {item.shiftTitle}
            </span>
          </Link>
        </p>
      )}
    </article>
  );
}

export function NeedWorkCard({ item }: { item: NeedWorkItem }) {
  const { t } = useTranslation(["volunteer", "common"]);
  const categoryName = useCategoryName();
  const formatList = useFormatList();
  return (
    <article className="card" aria-labelledby={`need-${item.id}-title`}>
      <Eyebrow item={item} />
      <h3 id={`need-${item.id}-title`} className="card__title">
        {t("find.needTitle", {
          category: categoryName({ slug: item.categorySlug, name: item.categoryName }),
        })}
      </h3>
      {item.urgency === "high" || item.urgency === "urgent" ? (
        <p className="status status--warn">{t(`find.urgency.${item.urgency}`)}</p>
      ) : null}
      <p className="prose" {...contentLanguage(item)}>
        {item.description}
      </p>
      {!item.translated ? (
        <p className="muted small">
          {t("common:content.originalLanguage", {
            language: t(`common:languages.${item.originalLanguage as Language}`),
          })}
        </p>
      ) : null}
      {item.schedule === "one_off" ? (
        <p>
          <DateRange start={item.startsAt} end={item.endsAt} />
        </p>
      ) : (
        <p>
          {t("find.weekly")}{" "}
          {formatList(
            item.slots.map(
              (s) =>
                `${t(`availability.weekdays.${s.weekday as Weekday}`)} ${minuteToClock(s.startMinute)}–${minuteToClock(s.endMinute)}`,
            ),
          )}{" "}
          · {t("find.until")} <DateOnly value={item.endsAt} />
        </p>
      )}
      <ul className="facts">
        <li>{t("find.helpersStillNeeded", { count: item.helpersStillNeeded })}</li>
        <Languages codes={item.languages} />
        {item.requiresCertificate ? <li>{t("find.certificate")}</li> : null}
      </ul>
      {item.myOffer ? (
        <p>
          {t("find.offerCovers")} <Link to={`/offers/${item.myOffer.id}`}>{item.myOffer.title}</Link>
        </p>
      ) : (
        <p>
          <Link
            to={`/volunteer/offers/new?need=${item.id}`}
            className="button button--secondary button--small"
          >
            {t("find.canHelp")}
          </Link>{" "}
          <span className="muted small">{t("find.canHelpHint")}</span>
        </p>
      )}
    </article>
  );
}
