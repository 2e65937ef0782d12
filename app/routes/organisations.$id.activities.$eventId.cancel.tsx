import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BackArrow } from "~/components/back-arrow";
import { ErrorSummary, useValidatedForm, CheckboxField } from "~/components/forms";
import { CancelActivitySchema } from "~/modules/events/activity.schema";
import { cancelActivity } from "~/modules/events/status-commands.server";
import { getManagedActivity } from "~/modules/events/queries.server";
import { requireManagedActivity } from "~/modules/events/guards.server";
import { notFound } from "~/modules/permissions/guards.server";
import { getDb } from "~/utils/db.server";
import { formFailure, validateFormData } from "~/utils/form-validation";
import { redirectWithNotice } from "~/utils/notice.server";

export const handle = { i18n: ["common", "organisations", "events"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.title} · miteinander` : "miteinander" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireManagedActivity(getDb(), request, params, "event:update");
  const activity = getManagedActivity(getDb(), scope);
  if (!activity) throw notFound();
  const now = Date.now();
  const people = new Set(
    activity.shifts
      .filter((s) => s.startsAt > now)
      .flatMap((s) => [...s.confirmed, ...s.waitlisted].map((p) => p.volunteerId)),
  );
  return {
    base: `/organisations/${scope.organisationId}/activities/${scope.eventId}`,
    title: activity.title,
    status: activity.status,
    people: people.size,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { scope } = await requireManagedActivity(getDb(), request, params, "event:update");
  const formData = await request.formData();
  const result = validateFormData(formData, CancelActivitySchema);
  if (!result.success) return data(result, { status: 400 });
  const outcome = cancelActivity(getDb(), scope);
  if (!outcome.ok) return data(formFailure(formData, outcome.errors), { status: outcome.status ?? 400 });
  return redirectWithNotice(`/organisations/${scope.organisationId}/activities/${scope.eventId}`, {
    key: outcome.notified > 0 ? "events:manage.notices.cancelledNotified" : "events:manage.notices.cancelled",
    values: { count: outcome.notified },
  });
}

export default function CancelActivityPage() {
  const { base, title, status, people } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("events");
  const form = useValidatedForm({ id: "cancel-activity", schema: CancelActivitySchema, actionData });
  return (
    <section aria-labelledby="cancel-heading">
      <p>
        <Link to={base}>
          <BackArrow /> {title}
        </Link>
      </p>
      <h1 id="cancel-heading">{t("cancel.title", { title })}</h1>
      {status === "cancelled" ? (
        <p className="notice">{t("errors.alreadyCancelled")}</p>
      ) : (
        <>
          <p>{t("cancel.explain")}</p>
          <p>
            <strong>{people > 0 ? t("cancel.people", { count: people }) : t("cancel.nobody")}</strong>
          </p>
          <ErrorSummary form={form} />
          <Form method="post" noValidate onSubmit={form.onSubmit}>
            <CheckboxField form={form} name="confirm" label={t("cancel.confirm")} />
            <div className="actions">
              <button type="submit" className="button button--danger">
                {t("cancel.submit")}
              </button>
              <Link to={base} className="button button--secondary">
                {t("cancel.back")}
              </Link>
            </div>
          </Form>
        </>
      )}
    </section>
  );
}
