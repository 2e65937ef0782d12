import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { coordinationNotice } from "~/components/coordination/notices";
import { redirectWithNotice } from "~/utils/notice.server";
import { BulkReview } from "~/components/matches/bulk-review";
import { getServerT } from "~/modules/i18n/server-t.server";
import { confirmBulkPairs, parsePairs, reviewBulkAssignment } from "~/modules/matches/bulk-review.server";
import { requireCan } from "~/modules/permissions/guards.server";
import { getDb } from "~/utils/db.server";
import { formFailure } from "~/utils/form-validation";

export const handle = { i18n: ["common", "matches", "matching", "coordination"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "miteinander" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCan(getDb(), request, "coordination:access");
  const run = new URL(request.url).searchParams.get("run") === "1";
  return {
    review: run ? await reviewBulkAssignment(getDb(), user) : null,
    pageTitle: `${getServerT(user.locale, "matches")("bulk.title")} · miteinander`,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireCan(getDb(), request, "coordination:access");
  const formData = await request.formData();
  const outcome = confirmBulkPairs(getDb(), user, parsePairs(formData.getAll("pair")));
  if (!outcome.ok) return data(formFailure(formData, outcome.errors), { status: 400 });
  const { created, skipped } = outcome.value;
  return redirectWithNotice(
    "/coordination/bulk",
    coordinationNotice("matches-proposed", { count: created, skipped }),
  );
}

export default function BulkAssignmentPage() {
  const { review } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation(["matches", "matching"]);
  const running = navigation.state === "loading" && navigation.location.search.includes("run=1");
  return (
    <div className="page page--wide">
      <h1>{t("bulk.title")}</h1>
      <p className="lead">{t("bulk.intro")}</p>
      <Form method="get">
        <input type="hidden" name="run" value="1" />
        <button type="submit" className="button" disabled={running}>
          {running ? t("bulk.running") : review ? t("bulk.runAgain") : t("bulk.run")}
        </button>
      </Form>
      {review ? <BulkReview review={review} error={actionData?.errors.pairs} /> : null}
    </div>
  );
}
