import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ReferenceEntryPage } from "~/components/admin/reference-list";
import { useValidatedForm } from "~/components/forms";
import { NeighbourhoodFields } from "~/components/neighbourhood-fields";
import { useDataKeys } from "~/modules/i18n/keys";
import { getDb } from "~/utils/db.server";
import { notFound, requireCan, requireIdParam } from "~/modules/permissions/guards.server";
import {
  getNeighbourhoodForAdmin,
  removeNeighbourhood,
  updateNeighbourhood,
} from "~/modules/places/neighbourhood-admin.server";
import { NeighbourhoodSchema } from "~/modules/places/neighbourhoods.schema";
import { formFailure, validateFormData } from "~/utils/form-validation";
import { redirectWithNotice } from "~/utils/notice.server";
import { pageTitle } from "~/utils/page-title";

export const handle = { i18n: ["common", "admin"] };

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "adminNeighbourhood") }];

function load(params: Record<string, string | undefined>) {
  const neighbourhood = getNeighbourhoodForAdmin(getDb(), requireIdParam(params));
  if (!neighbourhood) throw notFound();
  return neighbourhood;
}

/** A number as the form shows it again: 51.5111 in the field, as typed. */
const asField = (n: number) => String(n);

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireCan(getDb(), request, "neighbourhoods:manage");
  return { neighbourhood: load(params) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireCan(getDb(), request, "neighbourhoods:manage");
  const neighbourhood = load(params);
  const formData = await request.formData();
  if (formData.get("intent") === "remove") {
    const outcome = removeNeighbourhood(getDb(), admin.id, neighbourhood.id);
    if (!outcome.ok) return data({ removeError: outcome.errors.form! }, { status: 409 });
    return redirect("/admin/neighbourhoods");
  }
  const result = validateFormData(formData, NeighbourhoodSchema);
  if (!result.success) return data(result, { status: 400 });
  const outcome = updateNeighbourhood(getDb(), admin.id, neighbourhood.id, result.data);
  if (!outcome.ok)
    return data({ success: false as const, ...formFailure(formData, outcome.errors) }, { status: 400 });
  return redirectWithNotice(`/admin/neighbourhoods/${neighbourhood.id}`, {
    key: "admin:neighbourhoods.saved",
  });
}

export default function AdminNeighbourhoodPage() {
  const { neighbourhood: n } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("admin");
  const removeError = actionData && "removeError" in actionData ? actionData.removeError : null;
  const errorText = useDataKeys([removeError]);
  const form = useValidatedForm({
    id: "neighbourhood",
    schema: NeighbourhoodSchema,
    actionData: removeError ? undefined : actionData,
    defaultValues: {
      name: n.name,
      district: n.district ?? "",
      municipality: n.municipality,
      lat: asField(n.lat),
      lon: asField(n.lon),
      radiusKm: asField(n.radiusKm),
    },
  });
  return (
    <ReferenceEntryPage
      backTo="/admin/neighbourhoods"
      backLabel={t("neighbourhoods.backToList")}
      title={t("neighbourhoods.editTitle", { name: n.name })}
      hint={t("neighbourhoods.feedHint", { path: `/feeds/neighbourhoods/${n.slug}.ics` })}
      form={form}
      formKey={`${n.name}-${n.lat}-${n.lon}`}
      fields={<NeighbourhoodFields form={form} />}
      saveLabel={t("neighbourhoods.save")}
      remove={{
        heading: t("neighbourhoods.removeHeading"),
        inUse: n.uses > 0 ? t("neighbourhoods.inUse", { count: n.uses }) : null,
        hint: t("neighbourhoods.removeHint"),
        label: t("neighbourhoods.remove"),
        error: removeError ? errorText(removeError) : null,
      }}
    />
  );
}
