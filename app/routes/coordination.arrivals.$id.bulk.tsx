import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BackArrow } from "~/components/back-arrow";
import { BulkReview } from "~/components/matches/bulk-review";
import { openStepNeedIds, requireArrival } from "~/modules/arrivals/queries.server";
import { requireUser } from "~/modules/auth/session.server";
import { confirmBulkPairs, parsePairs, reviewBulkAssignment } from "~/modules/matches/bulk-review.server";
import { reachScopeForNeeds } from "~/modules/matches/matching.server";
import { notFound, requireIdParam } from "~/modules/permissions/guards.server";
import { getDb } from "~/utils/db.server";
import { formFailure } from "~/utils/form-validation";
import { arrivalNotice } from "~/components/arrivals/notices";
import { redirectWithNotice } from "~/utils/notice.server";

export const handle = { i18n: ["common", "arrivals", "matches", "matching", "coordination"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.code} · miteinander` : "miteinander" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(getDb(), request);
  const id = requireIdParam(params);
  const db = getDb();
  const arrival = requireArrival(db, user, id, "arrival:manage");
  const needIds = openStepNeedIds(db, id);
  const run = new URL(request.url).searchParams.get("run") === "1";
  return {
    id,
    code: arrival.code,
    openSteps: needIds.length,
    // Only the offers that can reach these few needs are loaded (the reach index), not the whole city's.
    review:
      run && needIds.length > 0
        ? await reviewBulkAssignment(db, user, reachScopeForNeeds(db, needIds))
        : null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(getDb(), request);
  const id = requireIdParam(params);
  const db = getDb();
  requireArrival(db, user, id, "arrival:manage");
  const formData = await request.formData();
  const pairs = parsePairs(formData.getAll("pair"));
  // Only the open steps of this arrival: a pair for another need is a tampered form.
  const open = new Set(openStepNeedIds(db, id));
  if (pairs.some((p) => !open.has(p.needId))) throw notFound();
  const outcome = confirmBulkPairs(db, user, pairs);
  if (!outcome.ok) return data(formFailure(formData, outcome.errors), { status: 400 });
  const { created, skipped } = outcome.value;
  return redirectWithNotice(
    `/coordination/arrivals/${id}`,
    arrivalNotice("helpers-proposed", { count: created, skipped }),
  );
}

export default function ArrivalBulkPage() {
  const { id, code, openSteps, review } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation(["arrivals", "matches"]);
  const running = navigation.state === "loading" && navigation.location.search.includes("run=1");
  return (
    <div className="page page--wide">
      <p>
        <Link to={`/coordination/arrivals/${id}`}>
          <BackArrow /> {t("bulk.back", { code })}
        </Link>
      </p>
      <h1>{t("bulk.title", { code })}</h1>
      <p className="lead">{t("bulk.intro", { count: openSteps })}</p>
      {openSteps === 0 ? (
        <p className="empty">{t("bulk.nothingOpen")}</p>
      ) : (
        <Form method="get">
          <input type="hidden" name="run" value="1" />
          <button type="submit" className="button" disabled={running}>
            {running
              ? t("matches:bulk.running")
              : review
                ? t("matches:bulk.runAgain")
                : t("matches:bulk.run")}
          </button>
        </Form>
      )}
      {review ? <BulkReview review={review} error={actionData?.errors.pairs} /> : null}
    </div>
  );
}
