import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TableScroll } from "~/components/table-scroll";
import { useNumber } from "~/components/dashboard/dashboard-sections";
import { useCategoryName } from "~/components/use-category-name";
import { PeriodForm } from "~/components/dashboard/period-form";
import { DateOnly } from "~/components/time";
import { parseProofPeriod } from "~/modules/proof/proof-period";
import { loadProof } from "~/modules/proof/proof.server";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { requireVolunteer } from "~/modules/volunteers/guards.server";
import dashboardStyles from "~/styles/dashboard.css?url";
import { getDb } from "~/utils/db.server";
import { zonedIsoDate } from "~/utils/time";
import { formatIsoMonth } from "~/utils/format";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: dashboardStyles }];
export const handle = { i18n: ["common", "proof", "reports"] };
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.pageTitle ?? ""} · miteinander` },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireVolunteer(getDb(), request);
  const { period, errors } = parseProofPeriod(new URL(request.url).searchParams, zonedIsoDate(Date.now()));
  const proof = loadProof(getDb(), user.id, period);
  if (!proof) throw new Response("Not found", { status: 404 });
  const t = await i18nServer(getDb()).getFixedT(request, "proof");
  return { proof, errors, issuedAt: Date.now(), pageTitle: t("title") };
}

export default function ProofPage() {
  const { proof, errors, issuedAt } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("proof");
  const n = useNumber();
  const categoryName = useCategoryName();
  const card = proof.ehrenamtskarte;
  const query = new URLSearchParams(proof.period).toString();
  const date = (iso: string) => <DateOnly value={Date.parse(`${iso}T12:00:00Z`)} />;
  return (
    <div className="page page--wide">
      <h1 className="no-print">{t("title")}</h1>
      <p className="lead no-print">{t("intro")}</p>
      <div className="no-print">
        <PeriodForm
          from={proof.period.from}
          to={proof.period.to}
          errors={errors}
          submitLabel={t("show")}
          idPrefix="proof"
        />
        <p className="actions">
          <a className="button" href={`/volunteer/proof.pdf?${query}`} download>
            {t("pdf")}
          </a>
          <PrintButton label={t("print")} />
        </p>
      </div>

      <article className="proof-sheet" aria-labelledby="proof-heading">
        <h2 id="proof-heading">{t("sheetTitle", { name: proof.volunteerName })}</h2>
        <p>
          {t("periodLabel")} {date(proof.period.from)} – {date(proof.period.to)}
        </p>
        <p className="hint">{t("confirmedOnly")}</p>
        <p className="list-summary" data-testid="proof-total">
          {t("total", { hours: n(proof.totalHours, 2), count: proof.totalEntries })}
        </p>
        {proof.activities.length === 0 ? (
          <p className="empty">{t("empty")}</p>
        ) : (
          <TableScroll labelledBy="proof-heading">
            <table className="data-table" data-testid="proof-activities">
              <thead>
                <tr>
                  <th scope="col">{t("organisation")}</th>
                  <th scope="col">{t("activity")}</th>
                  <th scope="col">{t("dates")}</th>
                  <th scope="col">{t("entries")}</th>
                  <th scope="col">{t("hours")}</th>
                </tr>
              </thead>
              <tbody>
                {proof.activities.map((a, i) => (
                  <tr key={i}>
                    <td>{a.organisation ?? t("noOrganisation")}</td>
                    <td>
                      {a.activity || "–"}
                      {a.categorySlug ? (
                        <span className="muted">
                          {" "}
                          ({categoryName({ slug: a.categorySlug, name: a.categoryName ?? a.categorySlug })})
                        </span>
                      ) : null}
                    </td>
                    <td>
                      {a.firstDate === a.lastDate ? (
                        date(a.firstDate)
                      ) : (
                        <>
                          {date(a.firstDate)} – {date(a.lastDate)}
                        </>
                      )}
                    </td>
                    <td>{n(a.entries)}</td>
                    <td>{n(a.hours, 2)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        {proof.months.length > 0 ? (
          <>
            <h3>{t("byMonth")}</h3>
            <table className="data-table" data-testid="proof-months">
              <tbody>
                {proof.months.map((m) => (
                  <tr key={m.month}>
                    <th scope="row">{formatIsoMonth(m.month, i18n.language)}</th>
                    <td>{t("hoursValue", { hours: n(m.hours, 2) })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        ) : null}

        <h3>{t("card.title")}</h3>
        <div className="progress-row">
          <label htmlFor="card-year">
            {t("card.year", { hours: n(card.yearHours, 2), threshold: card.yearThreshold })}
          </label>
          <progress
            id="card-year"
            max={card.yearThreshold}
            value={Math.min(card.yearHours, card.yearThreshold)}
          />
          <span className="hint">
            {t("card.yearWindow")} {date(card.yearFrom)} – {date(card.yearTo)} ·{" "}
            {card.yearReached
              ? t("card.reached")
              : t("card.missing", { hours: n(card.yearThreshold - card.yearHours, 2) })}
          </span>
        </div>
        <div className="progress-row">
          <label htmlFor="card-week">
            {t("card.week", { hours: n(card.weeklyAverage, 2), threshold: card.weeklyThreshold })}
          </label>
          <progress
            id="card-week"
            max={card.weeklyThreshold}
            value={Math.min(card.weeklyAverage, card.weeklyThreshold)}
          />
          <span className="hint">
            {t("card.weekWindow", { days: card.periodDays })} ·{" "}
            {card.weeklyReached ? t("card.reached") : t("card.notYet")}
          </span>
        </div>
        <p className="hint">{t("card.howComputed")}</p>
        {proof.pendingHours > 0 ? (
          <p className="hint">{t("pending", { hours: n(proof.pendingHours, 2) })}</p>
        ) : null}
        <p className="hint">
          {t("issued")} <DateOnly value={issuedAt} />
        </p>
        <p className="print-only signature-line">{t("signature")}</p>
      </article>
    </div>
  );
}

function PrintButton({ label }: { label: string }) {
  return (
    <button type="button" className="button button--secondary" onClick={() => window.print()}>
      {label}
    </button>
  );
}
