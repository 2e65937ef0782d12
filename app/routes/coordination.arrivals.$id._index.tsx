import {
  data,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DataText } from "~/components/data-text";
import { AgeGroupList, IsoDay } from "~/components/arrivals/parts";
import { Checklist } from "~/components/arrivals/checklist";
import { arrivalNotice } from "~/components/arrivals/notices";
import { redirectWithNotice } from "~/utils/notice.server";
import { BackArrow } from "~/components/back-arrow";
import { FormMessage } from "~/components/forms";
import { DateTime } from "~/components/time";
import { requestLocale } from "~/modules/auth/request-locale.server";
import { StepActionSchema } from "~/modules/arrivals/arrival.schema";
import {
  assignStepToOrganisation,
  markStepDone,
  markStepNotNeeded,
} from "~/modules/arrivals/step-commands.server";
import { getArrivalDetail, requireArrival } from "~/modules/arrivals/queries.server";
import { isLiveStep } from "~/modules/arrivals/step-state";
import { requireUser } from "~/modules/auth/session.server";
import { requireIdParam } from "~/modules/permissions/guards.server";
import arrivalStyles from "~/styles/arrivals.css?url";
import { getDb } from "~/utils/db.server";
import { formFailure, validateFormData } from "~/utils/form-validation";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: arrivalStyles }];

export const handle = { i18n: ["common", "arrivals", "coordination", "matches"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.arrival.code} · miteinander` : "miteinander" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(getDb(), request);
  const id = requireIdParam(params);
  const db = getDb();
  requireArrival(db, user, id, "arrival:read");
  return { arrival: getArrivalDetail(db, id, await requestLocale(getDb(), request)) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(getDb(), request);
  const id = requireIdParam(params);
  const db = getDb();
  requireArrival(db, user, id, "arrival:manage");
  const formData = await request.formData();
  const result = validateFormData(formData, StepActionSchema);
  if (!result.success) return data(result, { status: 400 });
  const { intent, stepId, offerId, doneOn } = result.data;
  const outcome =
    intent === "done"
      ? markStepDone(db, user, id, stepId, { doneOn })
      : intent === "not-needed"
        ? markStepNotNeeded(db, user, id, stepId)
        : assignStepToOrganisation(db, user, id, stepId, offerId);
  if (!outcome.ok) return data(formFailure(formData, outcome.errors), { status: 400 });
  const notice =
    intent === "done" ? "step-done" : intent === "not-needed" ? "step-not-needed" : "organisation-asked";
  return redirectWithNotice(`/coordination/arrivals/${id}#step-${stepId}`, arrivalNotice(notice));
}

export default function ArrivalPage() {
  const { arrival } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation(["arrivals", "common"]);
  const failure = actionData && "errors" in actionData ? actionData : null;
  const stepId = typeof failure?.values.stepId === "string" ? failure.values.stepId : null;
  const message = failure
    ? (failure.errors.offerId ?? failure.errors.form ?? failure.errors.intent ?? failure.errors.stepId)
    : undefined;
  const doneOnError = failure?.errors.doneOn;
  const doneOnValue = typeof failure?.values.doneOn === "string" ? failure.values.doneOn : null;
  const counted = arrival.steps.filter((s) => s.state !== "cancelled");
  const done = counted.filter((s) => s.state === "done").length;
  const overdue = arrival.steps.filter((s) => s.state === "overdue").length;
  const open = arrival.steps.filter((s) => isLiveStep(s.state) && s.filling < s.helpersNeeded).length;
  return (
    <div className="page page--wide">
      <p>
        <Link to="/coordination/arrivals">
          <BackArrow /> {t("detail.back")}
        </Link>
      </p>
      <h1>{t("detail.title", { code: arrival.code })}</h1>
      {message && !stepId ? (
        <FormMessage>
          <DataText k={message} />
        </FormMessage>
      ) : null}
      <dl className="facts-grid">
        <dt>{t("fields.neighbourhood")}</dt>
        <dd>{arrival.neighbourhoodName}</dd>
        <dt>{t("fields.arrivalDate")}</dt>
        <dd>
          <IsoDay value={arrival.arrivalDate} />
        </dd>
        <dt>{t("fields.householdSize")}</dt>
        <dd>
          {t("household.persons", { count: arrival.householdSize })}:{" "}
          <AgeGroupList counts={arrival.ageCounts} />
        </dd>
        <dt>{t("detail.languages")}</dt>
        <dd>
          {arrival.languages
            .map((l) => `${t(`common:languages.${l.language}`)} (${t(`levels.${l.level}`)})`)
            .join(", ")}
        </dd>
        {arrival.note ? (
          <>
            <dt>{t("fields.note")}</dt>
            <dd className="prose">{arrival.note}</dd>
          </>
        ) : null}
        <dt>{t("detail.recorded")}</dt>
        <dd>
          {arrival.createdByName ?? "–"}, <DateTime value={arrival.createdAt} />
        </dd>
      </dl>

      <section aria-labelledby="plan-heading" className="section">
        <h2 id="plan-heading">{t("detail.plan")}</h2>
        <p className="progress-summary" data-testid="progress-summary">
          {t("detail.progress", { done, count: counted.length })}
          {overdue > 0 ? ` · ${t("detail.overdue", { count: overdue })}` : ""}
          {open > 0 ? ` · ${t("detail.withoutHelper", { count: open })}` : ""}
        </p>
        {open > 0 ? (
          <p className="actions">
            <Link to={`/coordination/arrivals/${arrival.id}/bulk`} className="button">
              {t("detail.bulk")}
            </Link>
          </p>
        ) : null}
        <Checklist
          arrival={arrival}
          error={
            stepId && (message || doneOnError)
              ? { stepId, message: message ?? null, doneOn: doneOnError ?? null, doneOnValue }
              : null
          }
        />
      </section>
    </div>
  );
}
