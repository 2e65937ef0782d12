import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DataText } from "~/components/data-text";
import { FormMessage } from "~/components/forms";
import { confirmAccount } from "~/modules/auth/registration.server";
import { getDb } from "~/utils/db.server";
import { confirmEmailChange } from "~/modules/auth/account-commands.server";
import { findAddressConfirmation } from "~/modules/auth/account-queries.server";
import { homePathFor } from "~/modules/auth/auth-user";
import { createUserSession, getOptionalSession } from "~/modules/auth/session.server";
import { localeCookie } from "~/modules/i18n/i18next.server";
import { pageTitle, TOKEN_PAGE_REFERRER } from "~/utils/page-title";
import { isolate } from "~/utils/format";

export const handle = { i18n: ["common", "auth"] };

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "confirmEmail") },
  TOKEN_PAGE_REFERRER,
];

/**
 * The link of a new account's confirmation e-mail or of an e-mail change. Opening it changes nothing
 * (mail scanners open links); the button does.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const found = token ? findAddressConfirmation(getDb(), token) : null;
  return { token, email: found?.email ?? null, purpose: found?.purpose ?? null };
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  const raw = formData.get("token");
  const token = typeof raw === "string" ? raw : "";
  const found = token ? findAddressConfirmation(getDb(), token) : null;
  if (found?.purpose === "account_confirmation") {
    // Whoever reads the address's mail may use the account: the confirmation logs them in.
    const outcome = confirmAccount(getDb(), token);
    if (!outcome.ok)
      return data({ error: outcome.errors.form ?? "auth:errors.tokenInvalid" }, { status: 400 });
    const headers = new Headers();
    headers.append("Set-Cookie", await createUserSession(getDb(), outcome.value.userId, request));
    if (!(await localeCookie.parse(request.headers.get("Cookie"))))
      headers.append("Set-Cookie", await localeCookie.serialize(outcome.value.locale));
    return redirect(homePathFor({ role: outcome.value.role, memberships: [] }), { headers });
  }
  const session = await getOptionalSession(getDb(), request);
  const outcome = confirmEmailChange(
    getDb(),
    token,
    session ? { userId: session.user.id, sessionId: session.session.id } : null,
  );
  if (!outcome.ok) return data({ error: outcome.errors.form ?? "auth:errors.tokenInvalid" }, { status: 400 });
  return { confirmed: outcome.value.email };
}

export default function ConfirmEmailPage() {
  const { token, email, purpose } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("auth");
  const newAccount = purpose === "account_confirmation";
  const title = newAccount ? t("confirmAccount.title") : t("confirmEmail.title");
  if (actionData && "confirmed" in actionData) {
    return (
      <div className="page page--narrow">
        <h1>{title}</h1>
        <FormMessage tone="success">
          {t("confirmEmail.done", { email: isolate(actionData.confirmed) })}
        </FormMessage>
        <p>
          <Link to="/account">{t("account.title")}</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="page page--narrow">
      <h1>{title}</h1>
      {actionData && "error" in actionData ? (
        <FormMessage>
          <DataText k={actionData.error} />
        </FormMessage>
      ) : null}
      {email ? (
        <Form method="post">
          <input type="hidden" name="token" value={token} />
          <p>
            {newAccount
              ? t("confirmAccount.intro", { email: isolate(email) })
              : t("confirmEmail.intro", { email: isolate(email) })}
          </p>
          <button type="submit" className="button">
            {newAccount ? t("confirmAccount.submit") : t("confirmEmail.submit")}
          </button>
        </Form>
      ) : (
        <p role="alert">{t("errors.tokenInvalid")}</p>
      )}
    </div>
  );
}
