import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BackArrow } from "~/components/back-arrow";
import {
  CheckboxGroup,
  ErrorSummary,
  FormMessage,
  SelectField,
  TextField,
  useValidatedForm,
} from "~/components/forms";
import { useFormatList } from "~/components/use-format-list";
import { DateTime } from "~/components/time";
import { appOrigin } from "~/modules/auth/account-queries.server";
import { getDb } from "~/utils/db.server";
import { InviteSchema } from "~/modules/auth/auth.schema";
import { createStaffInvite, listPendingInvites, revokeInvite } from "~/modules/auth/invites.server";
import { requestLocale } from "~/modules/auth/request-locale.server";
import { requireCan } from "~/modules/permissions/guards.server";
import { listNeighbourhoods } from "~/modules/places/places.server";
import { formRefusal, retryAfterHeaders } from "~/modules/auth/retry-after";
import { validateFormData } from "~/utils/form-validation";
import { redirectWithNotice } from "~/utils/notice.server";
import { pageTitle } from "~/utils/page-title";

export const handle = { i18n: ["common", "auth", "admin"] };

export const headers = retryAfterHeaders;

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "adminInvites") }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireCan(getDb(), request, "invite:create");
  return {
    invites: listPendingInvites(getDb(), { staff: true }),
    neighbourhoods: listNeighbourhoods(getDb()),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireCan(getDb(), request, "invite:create");
  const formData = await request.formData();
  if (formData.get("intent") === "revoke") {
    const id = formData.get("inviteId");
    const done = typeof id === "string" && revokeInvite(getDb(), id, { staff: true });
    return done
      ? redirectWithNotice("/admin/invites", { key: "admin:invites.revoked" })
      : data({ notice: "invites.missing" as const }, { status: 404 });
  }
  const result = validateFormData(formData, InviteSchema);
  if (!result.success) return data(result, { status: 400 });
  const outcome = await createStaffInvite(
    getDb(),
    admin,
    result.data,
    appOrigin(request),
    await requestLocale(getDb(), request),
  );
  if (!outcome.ok) return formRefusal(formData, outcome);
  return redirectWithNotice("/admin/invites", { key: "admin:invites.sent" });
}

export default function AdminInvitesPage() {
  const { invites, neighbourhoods } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation(["admin", "auth"]);
  const formatList = useFormatList();
  const nameOf = new Map(neighbourhoods.map((n) => [n.id, n.name]));
  const notice = actionData && "notice" in actionData ? actionData.notice : null;
  const form = useValidatedForm({
    id: "invite",
    schema: InviteSchema,
    actionData,
    defaultValues: { role: "coordinator", neighbourhoodIds: [] },
  });
  return (
    <div className="page">
      <p>
        <Link to="/admin">
          <BackArrow /> {t("back")}
        </Link>
      </p>
      <h1>{t("invites.title")}</h1>
      <p>{t("invites.intro")}</p>
      {notice ? <FormMessage>{t(notice)}</FormMessage> : null}
      <ErrorSummary form={form} />
      <Form method="post" noValidate onSubmit={form.onSubmit} key={invites.length}>
        <TextField form={form} name="email" label={t("auth:fields.email")} type="email" required />
        <SelectField
          form={form}
          name="role"
          label={t("auth:fields.role")}
          options={[
            { value: "coordinator", label: t("auth:roles.coordinator") },
            { value: "admin", label: t("auth:roles.admin") },
          ]}
        />
        <CheckboxGroup
          form={form}
          name="neighbourhoodIds"
          legend={t("invites.scope")}
          hint={t("invites.scopeHint")}
          options={neighbourhoods.map((n) => ({ value: String(n.id), label: n.name }))}
          columns
        />
        <button type="submit" name="intent" value="invite" className="button">
          {t("invites.submit")}
        </button>
      </Form>
      <h2>{t("invites.pending", { count: invites.length })}</h2>
      <ul className="card-list">
        {invites.map((invite) => (
          <li key={invite.id} className="card">
            <p>
              <strong>{invite.email}</strong> · {invite.role ? t(`auth:roles.${invite.role}`) : ""}
            </p>
            {invite.neighbourhoodIds.length > 0 ? (
              <p className="small">
                {t("invites.scopeOf", {
                  names: formatList(invite.neighbourhoodIds.map((id) => nameOf.get(id))),
                })}
              </p>
            ) : null}
            <p className="muted small">
              {t("invites.expires")} <DateTime value={invite.expiresAt} />
            </p>
            <Form method="post">
              <input type="hidden" name="inviteId" value={invite.id} />
              <button
                type="submit"
                name="intent"
                value="revoke"
                className="button button--small button--secondary"
              >
                {t("invites.revoke")}
              </button>
            </Form>
          </li>
        ))}
      </ul>
    </div>
  );
}
