import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormMessage } from "~/components/form";
import { confirmEmailChange, findEmailChange } from "~/modules/auth/accounts.server";
import { pageTitle } from "~/utils/page-title";

export const handle = { i18n: ["common", "auth"] };

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "confirmEmail") },
  { name: "referrer", content: "no-referrer" },
];

/** Opening the link changes nothing (mail scanners open links); the button does. */
export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const change = token ? findEmailChange(token) : null;
  return { token, newEmail: change?.newEmail ?? null };
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  const token = formData.get("token");
  const outcome = confirmEmailChange(typeof token === "string" ? token : "");
  if (!outcome.ok) return data({ error: outcome.errors.form ?? "auth:errors.tokenInvalid" }, { status: 400 });
  return { confirmed: outcome.value.email };
}

export default function ConfirmEmailPage() {
  const { token, newEmail } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("auth");
  if (actionData && "confirmed" in actionData) {
    return (
      <div className="page page--narrow">
        <h1>{t("confirmEmail.title")}</h1>
        <FormMessage tone="success">{t("confirmEmail.done", { email: actionData.confirmed })}</FormMessage>
        <p>
          <Link to="/account">{t("account.title")}</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="page page--narrow">
      <h1>{t("confirmEmail.title")}</h1>
      {actionData && "error" in actionData ? <FormMessage>{t(actionData.error)}</FormMessage> : null}
      {newEmail ? (
        <Form method="post">
          <input type="hidden" name="token" value={token} />
          <p>{t("confirmEmail.intro", { email: newEmail })}</p>
          <button type="submit" className="button">
            {t("confirmEmail.submit")}
          </button>
        </Form>
      ) : (
        <p role="alert">{t("errors.tokenInvalid")}</p>
      )}
    </div>
  );
}
