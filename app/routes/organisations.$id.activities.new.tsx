import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ActivityForm } from "~/components/activity-form";
import { useValidatedForm } from "~/components/forms";
import { ActivityFormSchema, toActivityInput } from "~/modules/events/activity.schema";
import { formDefaults, newActivityValues, withExtraShiftRow } from "~/modules/events/activity-form-values";
import { createActivity } from "~/modules/events/commands.server";
import { usualNeighbourhoodOf } from "~/modules/events/queries.server";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { validateNestedFormData } from "~/utils/nested-form";
import { requireOrganisation } from "~/modules/organisations/organisations.server";
import { assertCan } from "~/modules/permissions/guards.server";
import { listActiveCategories, listNeighbourhoods } from "~/modules/places/places.server";
import { listOrganisationPlaces } from "~/modules/organisations/organisation-places.server";
import { getDb } from "~/utils/db.server";
import { formDataToObject, formFailure, type FormFailure } from "~/utils/form-validation";
import { redirectWithNotice } from "~/utils/notice.server";

export const handle = { i18n: ["common", "organisations", "events"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.pageTitle ?? ""} · miteinander` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organisation } = await requireOrganisation(
    getDb(),
    request,
    params,
    "organisation:manage-activities",
  );
  const t = await i18nServer(getDb()).getFixedT(request, "events");
  return {
    pageTitle: t("form.newTitle"),
    organisationId: organisation.id,
    categories: listActiveCategories(getDb()),
    neighbourhoods: listNeighbourhoods(getDb()),
    places: listOrganisationPlaces(getDb(), organisation.id),
    defaults: newActivityValues(usualNeighbourhoodOf(getDb(), organisation.id)),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, organisation } = await requireOrganisation(
    getDb(),
    request,
    params,
    "organisation:manage-activities",
  );
  const formData = await request.formData();
  if (formData.get("intent") === "add-shift") return withExtraShiftRow(formDataToObject(formData));
  const result = validateNestedFormData(formData, ActivityFormSchema);
  if (!result.success) return data(result, { status: 400 });
  const input = toActivityInput(result.data);
  assertCan(user, "event:create", {
    organisationId: organisation.id,
    neighbourhoodId: input.neighbourhoodId,
  });
  const outcome = createActivity(getDb(), { organisationId: organisation.id, userId: user.id }, input);
  if (!outcome.ok) return data(formFailure(formData, outcome.errors), { status: 400 });
  return redirectWithNotice(`/organisations/${organisation.id}/activities/${outcome.eventId}`, {
    key: "events:manage.notices.created",
  });
}

export default function NewActivityPage() {
  const { organisationId, categories, neighbourhoods, places, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as FormFailure | undefined;
  const { t } = useTranslation("events");
  const form = useValidatedForm({
    id: "activity",
    schema: ActivityFormSchema,
    actionData,
    defaultValues: formDefaults(defaults, actionData),
  });
  return (
    <section aria-labelledby="new-activity-heading">
      <h1 id="new-activity-heading">{t("form.newTitle")}</h1>
      <p className="lead">{t("form.newIntro")}</p>
      <ActivityForm
        form={form}
        categories={categories}
        neighbourhoods={neighbourhoods}
        places={places}
        submitLabel={t("form.create")}
        cancelHref={`/organisations/${organisationId}/activities`}
      />
    </section>
  );
}
