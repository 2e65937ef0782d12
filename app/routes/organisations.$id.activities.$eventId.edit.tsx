import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BackArrow } from "~/components/back-arrow";
import { ActivityForm } from "~/components/activity-form";
import { useValidatedForm } from "~/components/forms";
import { ActivityFormSchema, toActivityInput } from "~/modules/events/activity.schema";
import { activityToFormValues, formDefaults, withExtraShiftRow } from "~/modules/events/activity-form-values";
import { getManagedActivity } from "~/modules/events/queries.server";
import { updateActivity } from "~/modules/events/commands.server";
import { requireManagedActivity } from "~/modules/events/guards.server";
import { validateNestedFormData } from "~/utils/nested-form";
import { assertCan, notFound } from "~/modules/permissions/guards.server";
import { listActiveCategories, listNeighbourhoods } from "~/modules/places/places.server";
import { listOrganisationPlaces } from "~/modules/organisations/organisation-places.server";
import { getDb } from "~/utils/db.server";
import { formDataToObject, formFailure, type FormFailure } from "~/utils/form-validation";
import { redirectWithNotice } from "~/utils/notice.server";
import type { Notice } from "~/utils/notice";

export const handle = { i18n: ["common", "organisations", "events"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.title} · miteinander` : "miteinander" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireManagedActivity(getDb(), request, params, "event:update");
  const activity = getManagedActivity(getDb(), scope);
  if (!activity) throw notFound();
  return {
    base: `/organisations/${scope.organisationId}/activities/${scope.eventId}`,
    title: activity.title,
    cancelled: activity.status === "cancelled",
    categories: listActiveCategories(getDb(), activity.categoryId),
    neighbourhoods: listNeighbourhoods(getDb()),
    places: listOrganisationPlaces(getDb(), scope.organisationId),
    defaults: activityToFormValues(activity),
    confirmedByShift: Object.fromEntries(activity.shifts.map((s) => [String(s.id), s.confirmedCount])),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, scope } = await requireManagedActivity(getDb(), request, params, "shift:manage");
  const formData = await request.formData();
  if (formData.get("intent") === "add-shift") return withExtraShiftRow(formDataToObject(formData));
  const result = validateNestedFormData(formData, ActivityFormSchema);
  if (!result.success) return data(result, { status: 400 });
  const input = toActivityInput(result.data);
  // Moving the activity to another neighbourhood is creating it there: the same permission applies.
  assertCan(user, "event:create", {
    organisationId: scope.organisationId,
    neighbourhoodId: input.neighbourhoodId,
  });
  const outcome = updateActivity(getDb(), scope, input, Date.now(), user.id);
  if (!outcome.ok) return data(formFailure(formData, outcome.errors), { status: outcome.status ?? 400 });
  const shift = outcome.changedShift === null ? "" : `&shift=${outcome.changedShift}`;
  const notices: Notice[] = [
    outcome.notified > 0
      ? {
          key: "events:manage.notices.savedNotified",
          values: { count: outcome.notified },
          // Those told of the change may want to hear more from the organisers.
          link: {
            href: `/activities/${scope.eventId}/message?prefill=changed${shift}`,
            label: "events:message.offerAfterChange",
          },
        }
      : { key: "events:manage.notices.saved" },
  ];
  if (outcome.flagged > 0) notices.push({ key: "events:manage.notices.certificateFlagged", tone: "warning" });
  return redirectWithNotice(`/organisations/${scope.organisationId}/activities/${scope.eventId}`, notices);
}

export default function EditActivityPage() {
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as FormFailure | undefined;
  const { t } = useTranslation("events");
  const form = useValidatedForm({
    id: "activity",
    schema: ActivityFormSchema,
    actionData,
    defaultValues: formDefaults(loaderData.defaults, actionData),
  });
  if (loaderData.cancelled) {
    return (
      <section aria-labelledby="edit-heading">
        <h1 id="edit-heading">{loaderData.title}</h1>
        <p className="notice">{t("errors.cancelledReadOnly")}</p>
        <p>
          <Link to={loaderData.base}>{t("manage.back")}</Link>
        </p>
      </section>
    );
  }
  return (
    <section aria-labelledby="edit-heading">
      <p>
        <Link to={loaderData.base}>
          <BackArrow /> {loaderData.title}
        </Link>
      </p>
      <h1 id="edit-heading">{t("form.editTitle")}</h1>
      <ActivityForm
        form={form}
        categories={loaderData.categories}
        neighbourhoods={loaderData.neighbourhoods}
        places={loaderData.places}
        confirmedByShift={loaderData.confirmedByShift}
        submitLabel={t("form.save")}
        cancelHref={loaderData.base}
      />
    </section>
  );
}
