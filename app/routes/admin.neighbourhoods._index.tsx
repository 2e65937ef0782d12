import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ReferenceListPage } from "~/components/admin/reference-list";
import { useValidatedForm } from "~/components/forms";
import { NeighbourhoodFields } from "~/components/neighbourhood-fields";
import { requireCan } from "~/modules/permissions/guards.server";
import { getDb } from "~/utils/db.server";
import {
  addNeighbourhood,
  listNeighbourhoodsForAdmin,
  usualMunicipality,
} from "~/modules/places/neighbourhood-admin.server";
import { NeighbourhoodSchema } from "~/modules/places/neighbourhoods.schema";
import { cityName } from "~/utils/env.server";
import { formFailure, validateFormData } from "~/utils/form-validation";
import { redirectWithNotice } from "~/utils/notice.server";
import { pageTitle } from "~/utils/page-title";

export const handle = { i18n: ["common", "admin"] };

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "adminNeighbourhoods") }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireCan(getDb(), request, "neighbourhoods:manage");
  return {
    neighbourhoods: listNeighbourhoodsForAdmin(getDb()),
    municipality: cityName() ?? usualMunicipality(getDb()) ?? "",
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireCan(getDb(), request, "neighbourhoods:manage");
  const formData = await request.formData();
  const result = validateFormData(formData, NeighbourhoodSchema);
  if (!result.success) return data(result, { status: 400 });
  const outcome = addNeighbourhood(getDb(), admin.id, result.data);
  if (!outcome.ok)
    return data({ success: false as const, ...formFailure(formData, outcome.errors) }, { status: 400 });
  return redirectWithNotice("/admin/neighbourhoods", {
    key: "admin:neighbourhoods.added",
    values: { name: result.data.name },
  });
}

export default function AdminNeighbourhoodsPage() {
  const { neighbourhoods, municipality } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("admin");
  const form = useValidatedForm({
    id: "neighbourhood-new",
    schema: NeighbourhoodSchema,
    actionData,
    defaultValues: { name: "", district: "", municipality, lat: "", lon: "", radiusKm: "2" },
  });
  return (
    <ReferenceListPage
      id="neighbourhoods"
      backLabel={t("back")}
      title={t("neighbourhoods.title")}
      intro={t("neighbourhoods.intro")}
      countHeading={t("neighbourhoods.count", { count: neighbourhoods.length })}
      columns={[
        t("neighbourhoods.name"),
        t("neighbourhoods.district"),
        t("neighbourhoods.municipality"),
        t("neighbourhoods.uses"),
      ]}
      rows={neighbourhoods.map((n) => (
        <tr key={n.id}>
          <td>
            <Link to={`/admin/neighbourhoods/${n.id}`}>{n.name}</Link>
          </td>
          <td>{n.district ?? "—"}</td>
          <td>{n.municipality}</td>
          <td>
            {n.uses > 0 ? t("neighbourhoods.usesCount", { count: n.uses }) : t("neighbourhoods.unused")}
          </td>
        </tr>
      ))}
      addHeading={t("neighbourhoods.addHeading")}
      form={form}
      formKey={String(neighbourhoods.length)}
      fields={<NeighbourhoodFields form={form} />}
      addLabel={t("neighbourhoods.add")}
    />
  );
}
