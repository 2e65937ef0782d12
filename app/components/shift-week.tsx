import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LANGUAGE } from "@db/schema/enums";
import { FilterActions, FilterInput, FilterSelect } from "~/components/forms";
import type { ShiftWeek, WeekShift } from "~/modules/events/shift-week.server";
import { weekHref, type ShiftWeekField, type ShiftWeekFilter } from "~/modules/events/shift-week.schema";
import { formatDayHeading, formatDayRange, formatTime } from "~/utils/format";
import { startOfZonedDay } from "~/utils/time";
import { useCategoryName } from "~/components/use-category-name";

/** Noon of an ISO date in Berlin: a safe instant to format the date from. */
const noonOf = (isoDate: string) => startOfZonedDay(isoDate) + 12 * 3_600_000;

function ShiftItem({ shift }: { shift: WeekShift }) {
  const { t, i18n } = useTranslation("activities");
  const time = `${formatTime(shift.startsAt, i18n.language)}–${formatTime(shift.endsAt, i18n.language)}`;
  return (
    <li className={`week-shift${shift.past ? " week-shift--past" : ""}`}>
      <p className="week-shift__time">
        <time dateTime={new Date(shift.startsAt).toISOString()} suppressHydrationWarning>
          {time}
        </time>
      </p>
      <p className="week-shift__event">
        <Link to={`/activities/${shift.eventId}`}>{shift.eventTitle}</Link>
      </p>
      <p className="week-shift__title">{shift.title}</p>
      <p className="muted">{shift.neighbourhoodName}</p>
      <p>
        {shift.past
          ? t("week.past")
          : shift.placesLeft > 0
            ? t("week.placesLeft", { count: shift.placesLeft })
            : t("week.full")}
        {shift.requiresCertificate ? ` · ${t("week.certificate")}` : null}
      </p>
      {shift.mySignup ? (
        <p className="week-shift__mine">
          <strong>{t(shift.mySignup === "confirmed" ? "week.signedUp" : "week.waitlisted")}</strong>
        </p>
      ) : shift.past ? null : (
        <p>
          <Link
            to={`/shifts/${shift.id}/signup`}
            aria-label={t("week.signupLabel", { shift: shift.title, event: shift.eventTitle, time })}
          >
            {t("week.signup")}
          </Link>
        </p>
      )}
    </li>
  );
}

/**
 * Shifts of one week, a column per day (a list per day on a phone): filterable like the activities list,
 * weeks turned by plain links, so it works without JavaScript. Days are sections with headings, shifts
 * lists: a screen reader moves day by day, then shift by shift.
 */
export function ShiftWeekView({
  week,
  filter,
  errors,
  neighbourhoods,
  categories,
  basePath,
  moreHref,
}: {
  week: ShiftWeek;
  filter: ShiftWeekFilter;
  errors: Partial<Record<ShiftWeekField, string>>;
  neighbourhoods: { slug: string; name: string }[];
  categories: { slug: string; name: string }[];
  /** The page's own path: the filter form posts there. */
  basePath: string;
  /** The list of one day with the same filters, for a day with more shifts than shown. */
  moreHref: (isoDate: string) => string;
}) {
  const { t, i18n } = useTranslation(["activities", "common"]);
  const categoryName = useCategoryName();
  const range = formatDayRange(noonOf(week.monday), noonOf(week.sunday), i18n.language);
  return (
    <>
      <Form
        method="get"
        action={basePath}
        className="filter-form filter-form--inline"
        aria-labelledby="week-filter-heading"
      >
        <h2 id="week-filter-heading" className="h3">
          {t("filter.heading")}
        </h2>
        <div className="filter-form__fields">
          <FilterInput
            id="week-week"
            name="week"
            type="date"
            label={t("week.filterWeek")}
            hint={t("week.filterWeekHint")}
            value={filter.week ?? week.monday}
            error={errors.week}
          />
          <FilterSelect
            id="week-neighbourhood"
            name="neighbourhood"
            label={t("filter.neighbourhood")}
            value={filter.neighbourhood}
            allLabel={t("filter.all")}
            options={neighbourhoods.map((n) => ({ value: n.slug, label: n.name }))}
            error={errors.neighbourhood}
          />
          <FilterSelect
            id="week-category"
            name="category"
            label={t("filter.category")}
            value={filter.category}
            allLabel={t("filter.all")}
            options={categories.map((c) => ({
              value: c.slug,
              label: categoryName(c),
            }))}
            error={errors.category}
          />
          <FilterSelect
            id="week-language"
            name="language"
            label={t("filter.language")}
            value={filter.language}
            allLabel={t("filter.all")}
            options={LANGUAGE.map((code) => ({ value: code, label: t(`common:languages.${code}`) }))}
            error={errors.language}
          />
        </div>
        <FilterActions submitLabel={t("filter.submit")} resetLabel={t("filter.reset")} resetTo={basePath} />
      </Form>

      <section aria-labelledby="week-heading" className="section">
        <h2 id="week-heading" aria-live="polite">
          {t("week.range", { range })}
        </h2>
        <nav aria-label={t("week.navLabel")} className="week-nav">
          <Link to={weekHref(filter, week.previous)} rel="prev">
            {t("week.previous")}
          </Link>
          {week.monday !== week.thisWeek ? (
            <Link to={weekHref(filter, week.thisWeek)}>{t("week.thisWeek")}</Link>
          ) : null}
          <Link to={weekHref(filter, week.next)} rel="next">
            {t("week.next")}
          </Link>
        </nav>
        <ol className="week-grid">
          {week.days.map((day) => {
            const headingId = `week-day-${day.date}`;
            return (
              <li key={day.date} className="week-day">
                <section aria-labelledby={headingId}>
                  <h3 id={headingId} className="week-day__heading" suppressHydrationWarning>
                    {formatDayHeading(noonOf(day.date), i18n.language)}
                  </h3>
                  {day.shifts.length === 0 ? (
                    <p className="muted">{t("week.noShifts")}</p>
                  ) : (
                    <ol className="week-day__shifts">
                      {day.shifts.map((shift) => (
                        <ShiftItem key={shift.id} shift={shift} />
                      ))}
                    </ol>
                  )}
                  {day.more ? (
                    <p>
                      <Link to={moreHref(day.date)}>{t("week.more")}</Link>
                    </p>
                  ) : null}
                </section>
              </li>
            );
          })}
        </ol>
      </section>
    </>
  );
}
