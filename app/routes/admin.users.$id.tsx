import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DataText } from "~/components/data-text";
import { USER_ROLE } from "@db/schema/enums";
import { BackArrow } from "~/components/back-arrow";
import { FieldFrame, FormMessage } from "~/components/forms";
import { SetNeighbourhoodsSchema, SetRoleSchema } from "~/modules/auth/auth.schema";
import { getDb } from "~/utils/db.server";
import { getUserForAdmin, setCoordinatorNeighbourhoods, setUserRole } from "~/modules/auth/user-admin.server";
import { notFound, requireCan } from "~/modules/permissions/guards.server";
import { listNeighbourhoods } from "~/modules/places/places.server";
import { validateFormData } from "~/utils/form-validation";
import { redirectWithNotice } from "~/utils/notice.server";
import { pageTitle } from "~/utils/page-title";

export const handle = { i18n: ["common", "auth", "admin"] };

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "adminUser") }];

function loadTarget(id: string | undefined) {
  const target = id && id.length <= 64 ? getUserForAdmin(getDb(), id) : null;
  if (!target) throw notFound();
  return target;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireCan(getDb(), request, "user:manage");
  const target = loadTarget(params.id);
  return { target, neighbourhoods: listNeighbourhoods(getDb()), isSelf: admin.id === target.id };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireCan(getDb(), request, "user:manage");
  const target = loadTarget(params.id);
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "role") {
    const result = validateFormData(formData, SetRoleSchema);
    if (!result.success)
      return data({ error: result.errors.role ?? "auth:errors.roleInvalid" }, { status: 400 });
    const outcome = setUserRole(getDb(), admin.id, target.id, result.data.role);
    return outcome.ok
      ? redirectWithNotice(`/admin/users/${encodeURIComponent(target.id)}`, { key: "admin:users.roleSaved" })
      : data({ error: Object.values(outcome.errors)[0]! }, { status: 400 });
  }
  if (intent === "neighbourhoods") {
    const result = validateFormData(formData, SetNeighbourhoodsSchema);
    if (!result.success) return data({ error: "auth:errors.neighbourhoodInvalid" }, { status: 400 });
    const outcome = setCoordinatorNeighbourhoods(getDb(), admin.id, target.id, result.data.neighbourhoodIds);
    return outcome.ok
      ? redirectWithNotice(`/admin/users/${encodeURIComponent(target.id)}`, { key: "admin:users.scopeSaved" })
      : data({ error: Object.values(outcome.errors)[0]! }, { status: 400 });
  }
  return data({ error: "auth:errors.roleInvalid" }, { status: 400 });
}

export default function AdminUserPage() {
  const { target, neighbourhoods, isSelf } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation(["admin", "auth"]);
  return (
    <div className="page">
      <p>
        <Link to="/admin/users">
          <BackArrow /> {t("users.title")}
        </Link>
      </p>
      <h1>{target.displayName}</h1>
      <p>{target.email}</p>
      {actionData && "error" in actionData ? (
        <FormMessage>
          <DataText k={actionData.error} />
        </FormMessage>
      ) : null}
      <Form method="post" key={`role-${target.role}`}>
        <FieldFrame
          id="user-role"
          label={t("auth:fields.role")}
          hint={isSelf ? t("users.ownRoleHint") : t("users.roleHint")}
          hintBelow
        >
          {(control) => (
            <select {...control} name="role" defaultValue={target.role} disabled={isSelf}>
              {USER_ROLE.map((r) => (
                <option key={r} value={r}>
                  {t(`auth:roles.${r}`)}
                </option>
              ))}
            </select>
          )}
        </FieldFrame>
        <button type="submit" name="intent" value="role" className="button" disabled={isSelf}>
          {t("users.saveRole")}
        </button>
      </Form>
      {target.role === "coordinator" ? (
        <Form method="post" key={`nb-${target.neighbourhoodIds.join(",")}`}>
          <fieldset>
            <legend>{t("users.scope")}</legend>
            <div className="checkbox-group">
              {neighbourhoods.map((nb) => (
                <label key={nb.id}>
                  <input
                    type="checkbox"
                    name="neighbourhoodIds"
                    value={nb.id}
                    defaultChecked={target.neighbourhoodIds.includes(nb.id)}
                  />{" "}
                  {nb.name}
                </label>
              ))}
            </div>
          </fieldset>
          <button type="submit" name="intent" value="neighbourhoods" className="button">
            {t("users.saveScope")}
          </button>
        </Form>
      ) : null}
    </div>
  );
}
