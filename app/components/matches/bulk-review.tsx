import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DataText } from "~/components/data-text";
import { FormMessage } from "~/components/forms";
import type { BulkReview as BulkReviewData } from "~/modules/matches/bulk-review.server";

/**
 * The result of a bulk assignment for review: totals of the exact and the greedy assignment, and the
 * proposed pairs as checkboxes to confirm (all ticked). Used for all open needs of a coordinator
 * (/coordination/bulk) and for the open steps of one arrival. The form posts to the page's own action.
 */
export function BulkReview({ review, error }: { review: BulkReviewData; error?: string }) {
  const { t } = useTranslation(["matches", "matching"]);
  return (
    <>
      <section aria-labelledby="totals" className="section">
        <h2 id="totals">{t("bulk.totals")}</h2>
        <dl className="facts-grid">
          <dt>{t("bulk.scope")}</dt>
          <dd>{t("bulk.scopeValue", { needs: review.needs, offers: review.offers, edges: review.edges })}</dd>
          <dt>{t("bulk.exact")}</dt>
          <dd>
            {t("bulk.side", {
              total: review.exactTotal,
              assigned: review.exactAssigned,
              ms: review.ms.exact,
            })}
          </dd>
          <dt>{t("bulk.greedy")}</dt>
          <dd>
            {t("bulk.side", {
              total: review.greedyTotal,
              assigned: review.greedyAssigned,
              ms: review.ms.greedy,
            })}
          </dd>
          <dt>{t("bulk.gapLabel")}</dt>
          <dd>{t("matching:bulk.gap", { gap: review.gap, percent: review.gapPercent })}</dd>
          <dt>{t("bulk.certificate")}</dt>
          <dd>{review.certified ? t("bulk.certified") : t("bulk.notCertified")}</dd>
        </dl>
      </section>
      <section aria-labelledby="pairs" className="section">
        <h2 id="pairs">{t("bulk.pairs", { count: review.pairs.length })}</h2>
        {review.truncated ? (
          <p className="notice">{t("bulk.truncated", { count: review.pairs.length })}</p>
        ) : null}
        <FormMessage>{error ? <DataText k={error} /> : null}</FormMessage>
        {review.pairs.length === 0 ? (
          <p className="empty">{t("bulk.none")}</p>
        ) : (
          <Form method="post">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t("bulk.choose")}</th>
                  <th scope="col">{t("bulk.need")}</th>
                  <th scope="col">{t("bulk.helper")}</th>
                  <th scope="col">{t("list.score")}</th>
                </tr>
              </thead>
              <tbody>
                {review.pairs.map((p) => {
                  const id = `pair-${p.needId}-${p.offerId}`;
                  return (
                    <tr key={id}>
                      <td>
                        <input
                          id={id}
                          type="checkbox"
                          name="pair"
                          value={`${p.needId}:${p.offerId}`}
                          defaultChecked
                          aria-label={t("bulk.chooseOne", {
                            need: p.needTitle,
                            helper: p.ownerName ?? p.offerTitle,
                          })}
                        />
                      </td>
                      <td>
                        <Link to={`/coordination/needs/${p.needId}`}>{p.needTitle}</Link>
                        <div className="muted small">{p.neighbourhoodName}</div>
                      </td>
                      <td>
                        {p.ownerName ?? t("page.offerGone")}
                        <div className="muted small">{p.offerTitle}</div>
                      </td>
                      <td className="numeric">{p.score}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            <div className="actions">
              <button type="submit" className="button">
                {t("bulk.confirm")}
              </button>
            </div>
          </Form>
        )}
      </section>
    </>
  );
}
