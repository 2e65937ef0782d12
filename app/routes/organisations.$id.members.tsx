import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TableScroll } from "~/components/table-scroll";
import { ErrorSummary, FormMessage, TextField, useValidatedForm } from "~/components/forms";
import { DateTime } from "~/components/time";
import { appOrigin } from "~/modules/auth/account-queries.server";
import { getDb } from "~/utils/db.server";
import { OrganisationInviteSchema } from "~/modules/auth/auth.schema";
import { createOrganisationInvite, listPendingInvites, revokeInvite } from "~/modules/auth/invites.server";
import { requestLocale } from "~/modules/auth/request-locale.server";
import { getOrganisationSummary, listMembers, removeMember } from "~/modules/organisations/members.server";
import { requireIdParam, requireOrgMember } from "~/modules/permissions/guards.server";
import { formRefusal, retryAfterHeaders } from "~/modules/auth/retry-after";
import { validateFormData } from "~/utils/form-validation";
import { redirectWithNotice } from "~/utils/notice.server";
import { pageTitle } from "~/utils/page-title";

export const handle = { i18n: ["common", "auth", "home"] };

export const headers = retryAfterHeaders;

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "members") }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const organisationId = requireIdParam(params);
  const { user } = await requireOrgMember(getDb(), request, organisationId, { role: "owner" });
  return {
    organisation: getOrganisationSummary(getDb(), organisationId)!,
    members: listMembers(getDb(), organisationId),
    invites: listPendingInvites(getDb(), { organisationId }),
    myId: user.id,
  };
}

const membersPath = (organisationId: number) => `/organisations/${organisationId}/members`;

export async function action({ request, params }: ActionFunctionArgs) {
  const organisationId = requireIdParam(params);
  const { user } = await requireOrgMember(getDb(), request, organisationId, { role: "owner" });
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "remove") {
    const userId = formData.get("userId");
    const done = typeof userId === "string" && removeMember(getDb(), organisationId, userId);
    return done
      ? redirectWithNotice(membersPath(organisationId), { key: "home:members.removed" })
      : data({ notice: "members.cannotRemove" as const }, { status: 400 });
  }
  if (intent === "revoke") {
    const id = formData.get("inviteId");
    const done = typeof id === "string" && revokeInvite(getDb(), id, { organisationId });
    return done
      ? redirectWithNotice(membersPath(organisationId), { key: "home:members.inviteRevoked" })
      : data({ notice: "members.inviteMissing" as const }, { status: 404 });
  }
  const result = validateFormData(formData, OrganisationInviteSchema);
  if (!result.success) return data(result, { status: 400 });
  const outcome = await createOrganisationInvite(
    getDb(),
    user,
    organisationId,
    result.data.email,
    appOrigin(request),
    await requestLocale(getDb(), request),
  );
  if (!outcome.ok) return formRefusal(formData, outcome);
  return redirectWithNotice(membersPath(organisationId), { key: "home:members.invited" });
}

export default function OrganisationMembersPage() {
  const { organisation, members, invites, myId } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation(["home", "auth"]);
  const notice = actionData && "notice" in actionData ? actionData.notice : null;
  const form = useValidatedForm({ id: "member-invite", schema: OrganisationInviteSchema, actionData });
  return (
    <section aria-labelledby="members-heading">
      <h1 id="members-heading">{t("members.title", { name: organisation.name })}</h1>
      {notice ? <FormMessage>{t(notice)}</FormMessage> : null}
      <TableScroll labelledBy="members-heading">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t("auth:fields.displayName")}</th>
              <th scope="col">{t("auth:fields.email")}</th>
              <th scope="col">{t("members.role")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("members.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.userId}>
                <td>{m.displayName}</td>
                <td>{m.email}</td>
                <td>{t(`organisation.myRole.${m.role}`)}</td>
                <td>
                  {m.role !== "owner" && m.userId !== myId ? (
                    <Form method="post">
                      <input type="hidden" name="userId" value={m.userId} />
                      <button
                        type="submit"
                        name="intent"
                        value="remove"
                        className="button button--small button--secondary"
                      >
                        {t("members.remove", { name: m.displayName })}
                      </button>
                    </Form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <h2>{t("members.invite")}</h2>
      <ErrorSummary form={form} />
      <Form method="post" noValidate onSubmit={form.onSubmit} key={invites.length}>
        <TextField form={form} name="email" label={t("auth:fields.email")} type="email" required />
        <button type="submit" name="intent" value="invite" className="button">
          {t("members.sendInvite")}
        </button>
      </Form>
      {invites.length > 0 ? (
        <>
          <h2>{t("members.pending", { count: invites.length })}</h2>
          <ul>
            {invites.map((i) => (
              <li key={i.id}>
                {i.email} · {t("members.expires")} <DateTime value={i.expiresAt} />{" "}
                <Form method="post" className="inline-form">
                  <input type="hidden" name="inviteId" value={i.id} />
                  <button
                    type="submit"
                    name="intent"
                    value="revoke"
                    className="button button--small button--secondary"
                  >
                    {t("members.revokeInvite")}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
