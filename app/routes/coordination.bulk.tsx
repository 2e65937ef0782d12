import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  type LinksFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DataText } from "~/components/data-text";
import { CoordinationNav } from "~/components/coordination/coordination-nav";
import { Notice } from "~/components/coordination/notice";
import { FormMessage } from "~/components/form";
import { getServerT } from "~/modules/i18n/server-t.server";
import { confirmBulkPairs, parsePairs, reviewBulkAssignment } from "~/modules/matches/bulk-review.server";
import { requireCan } from "~/modules/permissions/guards.server";
import { getDb } from "~/utils/db.server";
import { formFailure } from "~/utils/form-validation";
import coordinationStyles from "~/styles/coordination.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: coordinationStyles }];

export const handle = { i18n: ["common", "matches", "matching", "coordination"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "miteinander" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCan(request, "coordination:access");
  const run = new URL(request.url).searchParams.get("run") === "1";
  return {
    review: run ? await reviewBulkAssignment(getDb(), user) : null,
    pageTitle: `${getServerT(user.locale, "matches")("bulk.title")} · miteinander`,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireCan(request, "coordination:access");
  const formData = await request.formData();
  const outcome = confirmBulkPairs(getDb(), user, parsePairs(formData.getAll("pair")));
  if (!outcome.ok) return data(formFailure(formData, outcome.errors), { status: 400 });
  const { created, skipped } = outcome.value;
  return redirect(`/coordination/bulk?notice=matches-proposed&count=${created}&skipped=${skipped}`);
}

export default function BulkAssignmentPage() {
  const { review } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation(["matches", "matching"]);
  const running = navigation.state === "loading" && navigation.location.search.includes("run=1");
  return (
    <div className="page page--wide">
      <CoordinationNav />
      <h1>{t("bulk.title")}</h1>
      <Notice />
      <p className="lead">{t("bulk.intro")}</p>
      <Form method="get">
        <input type="hidden" name="run" value="1" />
        <button type="submit" className="button" disabled={running}>
          {running ? t("bulk.running") : review ? t("bulk.runAgain") : t("bulk.run")}
        </button>
      </Form>
      {review ? (
        <>
          <section aria-labelledby="totals" className="section">
            <h2 id="totals">{t("bulk.totals")}</h2>
            <dl className="facts-grid">
              <dt>{t("bulk.scope")}</dt>
              <dd>
                {t("bulk.scopeValue", { needs: review.needs, offers: review.offers, edges: review.edges })}
              </dd>
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
            <FormMessage>
              {actionData?.errors.pairs ? <DataText k={actionData.errors.pairs} /> : null}
            </FormMessage>
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
      ) : null}
    </div>
  );
}
