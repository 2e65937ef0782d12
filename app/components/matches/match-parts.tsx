import { useTranslation } from "react-i18next";
import { DateOnly, DateRange } from "~/components/time";
import type { StoredComponents } from "~/modules/matches/match-detail.server";
import { hhmm } from "~/modules/needs/need-form-values";
import type { NeedDetail } from "~/modules/needs/queries.server";
import { useFormatList } from "~/components/use-format-list";
import type { Weekday } from "@db/schema/enums";
import { useCategoryName } from "~/components/use-category-name";

/** When a need takes place: the appointment, or the weekly slots within the period. */
export function NeedWhen({ need }: { need: Pick<NeedDetail, "schedule" | "startsAt" | "endsAt" | "slots"> }) {
  const { t } = useTranslation("needs");
  const formatList = useFormatList();
  if (need.schedule === "one_off") return <DateRange start={need.startsAt} end={need.endsAt} />;
  return (
    <>
      {t("schedule.weeklyFrom")} <DateOnly value={need.startsAt} /> {t("schedule.until")}{" "}
      <DateOnly value={need.endsAt - 1} />
      {need.slots.length > 0 ? (
        <>
          {": "}
          {formatList(
            need.slots.map((s) =>
              t("schedule.slot", {
                day: t(`weekdays.${s.weekday as Weekday}`),
                from: hhmm(s.startMinute),
                to: hhmm(s.endMinute),
              }),
            ),
          )}
        </>
      ) : null}
    </>
  );
}

/** The facts of a need a helper needs to decide: category, place, time, languages, requirements. */
export function NeedFacts({
  need,
}: {
  need: Pick<
    NeedDetail,
    | "categorySlug"
    | "categoryName"
    | "neighbourhoodName"
    | "schedule"
    | "startsAt"
    | "endsAt"
    | "slots"
    | "languages"
    | "helpersNeeded"
    | "urgency"
    | "requiresCertificate"
    | "genderPreference"
  >;
}) {
  const { t } = useTranslation(["needs", "common"]);
  const categoryName = useCategoryName();
  const formatList = useFormatList();
  return (
    <dl className="facts-grid">
      <dt>{t("fields.category")}</dt>
      <dd>{categoryName({ slug: need.categorySlug, name: need.categoryName })}</dd>
      <dt>{t("fields.neighbourhood")}</dt>
      <dd>{need.neighbourhoodName}</dd>
      <dt>{t("detail.when")}</dt>
      <dd>
        <NeedWhen need={need} />
      </dd>
      <dt>{t("fields.languages")}</dt>
      <dd>{formatList(need.languages.map((code) => t(`common:languages.${code}`)))}</dd>
      <dt>{t("fields.helpersNeeded")}</dt>
      <dd>{need.helpersNeeded}</dd>
      <dt>{t("fields.urgency")}</dt>
      <dd>{t(`urgency.${need.urgency}`)}</dd>
      {need.requiresCertificate ? (
        <>
          <dt>{t("detail.requirements")}</dt>
          <dd>{t("card.certificate")}</dd>
        </>
      ) : null}
      {need.genderPreference !== "none" ? (
        <>
          <dt>{t("fields.genderPreference")}</dt>
          <dd>{t(`gender.${need.genderPreference}`)}</dd>
        </>
      ) : null}
    </dl>
  );
}

/** The score as stored at proposal time, component by component (values 0–1 shown as percent). */
export function StoredScore({ score, components }: { score: number; components: StoredComponents }) {
  const { t } = useTranslation(["matches", "matching"]);
  return (
    <div className="stored-score">
      <p>
        <strong>{t("matching:score", { score })}</strong>{" "}
        <span className="muted">{t("matches:scoreAtProposal")}</span>
      </p>
      <ul className="component-list">
        {components.map((c) => (
          <li key={c.key}>
            <span>{t(`matching:components.${c.key}`)}</span>
            <meter min={0} max={1} value={c.value} aria-label={t(`matching:components.${c.key}`)} />
            <span className="muted">{Math.round(c.value * 100)} %</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
