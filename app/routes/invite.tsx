import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, FormMessage, TextField, useValidatedForm } from "~/components/forms";
import { AcceptInviteSchema, PASSWORD_MIN_LENGTH } from "~/modules/auth/auth.schema";
import { getDb } from "~/utils/db.server";
import { homePathFor } from "~/modules/auth/auth-user";
import {
  acceptInviteWithNewAccount,
  acceptOrganisationInvite,
  findInvite,
} from "~/modules/auth/invites.server";
import { requestLocale } from "~/modules/auth/request-locale.server";
import { createUserSession, getOptionalUser, requireUser } from "~/modules/auth/session.server";
import { formFailure, validateFormData } from "~/utils/form-validation";
import { pageTitle, TOKEN_PAGE_REFERRER } from "~/utils/page-title";
import { isolate } from "~/utils/format";

export const handle = { i18n: ["common", "auth"] };

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "invite") },
  TOKEN_PAGE_REFERRER,
];

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const token = url.searchParams.get("token") ?? "";
  const invite = token ? findInvite(getDb(), token) : null;
  const user = await getOptionalUser(getDb(), request);
  return {
    token,
    invite: invite
      ? {
          email: invite.email,
          role: invite.role,
          organisationName: invite.organisationName,
          accountExists: invite.accountExists,
        }
      : null,
    signedInAs: user?.email ?? null,
    loginPath: `/login?${new URLSearchParams({ redirectTo: `${url.pathname}${url.search}` })}`,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  if (formData.get("intent") === "join") {
    const user = await requireUser(getDb(), request);
    const token = formData.get("token");
    const outcome = acceptOrganisationInvite(getDb(), typeof token === "string" ? token : "", user);
    if (!outcome.ok) return data(formFailure(formData, outcome.errors), { status: 400 });
    return redirect("/organisation");
  }
  const result = validateFormData(formData, AcceptInviteSchema);
  if (!result.success) return data(result, { status: 400 });
  const outcome = await acceptInviteWithNewAccount(
    getDb(),
    result.data.token,
    result.data,
    await requestLocale(getDb(), request),
  );
  if (!outcome.ok) return data(formFailure(formData, outcome.errors), { status: 400 });
  const cookie = await createUserSession(getDb(), outcome.value.userId, request);
  return redirect(homePathFor({ role: outcome.value.role, memberships: [] }), {
    headers: { "Set-Cookie": cookie },
  });
}

export default function InvitePage() {
  const { token, invite, signedInAs, loginPath } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("auth");
  const form = useValidatedForm({
    id: "invite",
    schema: AcceptInviteSchema,
    actionData,
    defaultValues: { token },
  });
  if (!invite) {
    return (
      <div className="page page--narrow">
        <h1>{t("invite.title")}</h1>
        <p role="alert">{t("errors.tokenInvalid")}</p>
      </div>
    );
  }
  const what = invite.organisationName
    ? t("roles.memberOf", { organisation: invite.organisationName })
    : t(`roles.${invite.role}`);
  return (
    <div className="page page--narrow">
      <h1>{t("invite.title")}</h1>
      <p className="lead">{t("invite.intro", { email: isolate(invite.email), what })}</p>
      {signedInAs && signedInAs !== invite.email ? (
        <FormMessage>
          {t("invite.otherAccount", { email: isolate(signedInAs), invited: isolate(invite.email) })}
        </FormMessage>
      ) : invite.accountExists ? (
        signedInAs ? (
          <Form method="post">
            <ErrorSummary form={form} />
            <input type="hidden" name="token" value={token} />
            <button type="submit" name="intent" value="join" className="button">
              {t("invite.join")}
            </button>
          </Form>
        ) : (
          <p>
            {t("invite.loginFirst")} <Link to={loginPath}>{t("login.submit")}</Link>
          </p>
        )
      ) : (
        <>
          <ErrorSummary form={form} />
          <Form method="post" noValidate onSubmit={form.onSubmit}>
            <input type="hidden" name="token" value={token} />
            <TextField
              form={form}
              name="displayName"
              label={t("fields.displayName")}
              autoComplete="name"
              required
            />
            <TextField
              form={form}
              name="password"
              label={t("fields.newPassword")}
              hint={t("fields.passwordHint", { count: PASSWORD_MIN_LENGTH })}
              type="password"
              autoComplete="new-password"
              required
            />
            <div className="actions">
              <button type="submit" className="button">
                {t("invite.create")}
              </button>
            </div>
          </Form>
        </>
      )}
    </div>
  );
}
