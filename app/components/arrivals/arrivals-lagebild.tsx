import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Figure, useNumber } from "~/components/dashboard/dashboard-sections";
import { TableScroll } from "~/components/table-scroll";
import { IsoDay } from "./parts";
import type {
  ArrivalsLagebildView as LagebildData,
  LagebildArrivalItem,
  StepKindFiguresView,
} from "~/modules/arrivals/lagebild.server";
import { LAGEBILD_DAYS } from "~/modules/arrivals/lagebild-definitions";

/** The drill-down behind the arrivals' figures (optionally for one neighbourhood). */
export function lagebildArrivalsHref(neighbourhood?: number): string {
  return `/coordination/dashboard/arrivals${neighbourhood ? `?neighbourhood=${neighbourhood}` : ""}`;
}

/**
 * The arrivals on the Lagebild: arrivals of the last 90 days, the share of first steps done within their
 * lead time, and the median days from arrival to a step, overall, by neighbourhood and by step. Every
 * number leads to the list of arrivals behind it (codes only).
 */
export function ArrivalsLagebild({ data }: { data: LagebildData }) {
  const { t } = useTranslation(["arrivals", "dashboard"]);
  const n = useNumber();
  const percent = (share: number | null) => (share === null ? "–" : `${n(share * 100, 0)} %`);
  const days = (value: number | null) =>
    value === null ? "–" : t("lagebild.days", { count: value, value: n(value, 1) });
  return (
    <section aria-labelledby="arrivals-lagebild-heading" data-testid="arrivals-lagebild">
      <h2 id="arrivals-lagebild-heading">{t("lagebild.title", { days: LAGEBILD_DAYS })}</h2>
      <p className="hint">{t("lagebild.explain")}</p>
      <ul className="figures" aria-label={t("lagebild.figuresLabel")}>
        <Figure
          testId="figure-arrivals"
          value={n(data.arrivals)}
          href={lagebildArrivalsHref()}
          label={t("lagebild.arrivals", { days: LAGEBILD_DAYS })}
          detail={t("lagebild.persons", { count: data.persons })}
        />
        <Figure
          testId="figure-arrivals-in-time"
          value={percent(data.total.shareInTime)}
          href={lagebildArrivalsHref()}
          label={t("lagebild.inTime")}
          detail={t("lagebild.inTimeDetail", { done: n(data.total.doneInTime), due: n(data.total.due) })}
        />
        <Figure
          testId="figure-arrivals-median"
          value={days(data.total.medianDays)}
          href={lagebildArrivalsHref()}
          label={t("lagebild.median")}
        />
        <Figure
          testId="figure-arrivals-overdue"
          value={n(data.total.overdue)}
          href="/coordination/arrivals"
          label={t("lagebild.overdue")}
        />
        <Figure
          testId="figure-arrivals-upcoming"
          value={n(data.upcoming)}
          href="/coordination/arrivals"
          label={t("lagebild.upcoming")}
        />
      </ul>
      {data.byNeighbourhood.length === 0 ? (
        <p className="empty">{t("lagebild.none", { days: LAGEBILD_DAYS })}</p>
      ) : (
        <div className="dashboard-grid">
          <div>
            <h3 id="arrivals-by-neighbourhood">{t("lagebild.byNeighbourhood")}</h3>
            <TableScroll labelledBy="arrivals-by-neighbourhood">
              <table className="data-table" data-testid="arrivals-by-neighbourhood">
                <thead>
                  <tr>
                    <th scope="col">{t("fields.neighbourhood")}</th>
                    <th scope="col">{t("lagebild.columns.arrivals")}</th>
                    <th scope="col">{t("lagebild.columns.inTime")}</th>
                    <th scope="col">{t("lagebild.columns.median")}</th>
                    <th scope="col">{t("lagebild.columns.overdue")}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.byNeighbourhood.map((row) => (
                    <tr key={row.neighbourhoodId}>
                      <th scope="row">
                        <Link to={lagebildArrivalsHref(row.neighbourhoodId)}>{row.name}</Link>
                      </th>
                      <td className="numeric">{n(row.arrivals)}</td>
                      <td className="numeric">
                        {percent(row.shareInTime)}{" "}
                        <span className="muted small">
                          ({n(row.doneInTime)}/{n(row.due)})
                        </span>
                      </td>
                      <td className="numeric">{days(row.medianDays)}</td>
                      <td className="numeric">{n(row.overdue)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          </div>
          <div>
            <StepKindTable rows={data.byStep} heading={t("lagebild.byStep")} headingId="arrivals-by-step" />
          </div>
        </div>
      )}
    </section>
  );
}

/** Figures per kind of first step: its lead time, the share done in time and the median days to done. */
export function StepKindTable({
  rows,
  heading,
  headingId,
  level = 3,
}: {
  rows: readonly StepKindFiguresView[];
  heading: string;
  headingId: string;
  /** The heading's level: 3 inside the Lagebild's section, 2 on a page of its own. */
  level?: 2 | 3;
}) {
  const Heading = level === 2 ? "h2" : "h3";
  const { t } = useTranslation(["arrivals", "dashboard"]);
  const n = useNumber();
  const percent = (share: number | null) => (share === null ? "–" : `${n(share * 100, 0)} %`);
  const days = (value: number | null) =>
    value === null ? "–" : t("lagebild.days", { count: value, value: n(value, 1) });
  return (
    <>
      <Heading id={headingId}>{heading}</Heading>
      <TableScroll labelledBy={headingId}>
        <table className="data-table" data-testid={headingId}>
          <thead>
            <tr>
              <th scope="col">{t("lagebild.columns.step")}</th>
              <th scope="col">{t("lagebild.columns.leadDays")}</th>
              <th scope="col">{t("lagebild.columns.inTime")}</th>
              <th scope="col">{t("lagebild.columns.median")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.templateId}>
                <th scope="row">{row.title}</th>
                <td className="numeric">{n(row.leadDays)}</td>
                <td className="numeric">
                  {percent(row.shareInTime)}{" "}
                  <span className="muted small">
                    ({n(row.doneInTime)}/{n(row.due)})
                  </span>
                </td>
                <td className="numeric">{days(row.medianDays)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}

/** The arrivals behind the Lagebild's figures, one row each: code (a link), place, date, step figures. */
export function LagebildArrivalsTable({ items }: { items: LagebildArrivalItem[] }) {
  const { t } = useTranslation(["arrivals", "dashboard"]);
  const n = useNumber();
  const percent = (share: number | null) => (share === null ? "–" : `${n(share * 100, 0)} %`);
  return (
    <table className="data-table" data-testid="arrivals-list">
      <thead>
        <tr>
          <th scope="col">{t("lagebild.columns.code")}</th>
          <th scope="col">{t("fields.neighbourhood")}</th>
          <th scope="col">{t("fields.arrivalDate")}</th>
          <th scope="col">{t("lagebild.columns.steps")}</th>
          <th scope="col">{t("lagebild.columns.inTime")}</th>
          <th scope="col">{t("lagebild.columns.median")}</th>
          <th scope="col">{t("lagebild.columns.overdue")}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((a) => (
          <tr key={a.id}>
            <th scope="row">
              <Link to={`/coordination/arrivals/${a.id}`} className="arrival-code">
                {a.code}
              </Link>
            </th>
            <td>{a.neighbourhoodName}</td>
            <td>
              <IsoDay value={a.arrivalDate} />
            </td>
            <td className="numeric">{t("lagebild.doneOf", { done: n(a.done), count: a.steps })}</td>
            <td className="numeric">
              {percent(a.shareInTime)}{" "}
              <span className="muted small">
                ({n(a.doneInTime)}/{n(a.due)})
              </span>
            </td>
            <td className="numeric">
              {a.medianDays === null
                ? "–"
                : t("lagebild.days", { count: a.medianDays, value: n(a.medianDays, 1) })}
            </td>
            <td className="numeric">{n(a.overdue)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
