import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BackArrow } from "~/components/back-arrow";
import { ErrorSummary, FormMessage, useValidatedForm } from "~/components/forms";
import { NeighbourhoodFields } from "~/components/neighbourhood-fields";
import { TableScroll } from "~/components/table-scroll";
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
  return { added: result.data.name };
}

export default function AdminNeighbourhoodsPage() {
  const { neighbourhoods, municipality } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("admin");
  const added = actionData && "added" in actionData ? actionData.added : null;
  const form = useValidatedForm({
    id: "neighbourhood-new",
    schema: NeighbourhoodSchema,
    actionData: added ? undefined : actionData,
    defaultValues: { name: "", district: "", municipality, lat: "", lon: "", radiusKm: "2" },
  });
  return (
    <div className="page page--wide">
      <p>
        <Link to="/admin">
          <BackArrow /> {t("back")}
        </Link>
      </p>
      <h1>{t("neighbourhoods.title")}</h1>
      <p className="lead">{t("neighbourhoods.intro")}</p>
      {added ? <FormMessage tone="success">{t("neighbourhoods.added", { name: added })}</FormMessage> : null}
      <h2 id="neighbourhoods-count">{t("neighbourhoods.count", { count: neighbourhoods.length })}</h2>
      <TableScroll labelledBy="neighbourhoods-count">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t("neighbourhoods.name")}</th>
              <th scope="col">{t("neighbourhoods.district")}</th>
              <th scope="col">{t("neighbourhoods.municipality")}</th>
              <th scope="col">{t("neighbourhoods.uses")}</th>
            </tr>
          </thead>
          <tbody>
            {neighbourhoods.map((n) => (
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
          </tbody>
        </table>
      </TableScroll>
      <h2 id="neighbourhood-new-heading">{t("neighbourhoods.addHeading")}</h2>
      <ErrorSummary form={form} />
      <Form
        method="post"
        noValidate
        onSubmit={form.onSubmit}
        aria-labelledby="neighbourhood-new-heading"
        key={added ?? "form"}
      >
        <NeighbourhoodFields form={form} />
        <button type="submit" className="button">
          {t("neighbourhoods.add")}
        </button>
      </Form>
    </div>
  );
}
