import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LinksFunction,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DataText } from "~/components/data-text";
import { FormMessage } from "~/components/forms";
import { requireUser } from "~/modules/auth/session.server";
import { notFound, requireIdParam } from "~/modules/permissions/guards.server";
import { COMMITMENTS_PATH } from "~/modules/signups/paths";
import { notifySignupChange } from "~/modules/signups/signup-notifications.server";
import { cancelSignup } from "~/modules/signups/signups.server";
import { getDb } from "~/utils/db.server";
import { safeRedirectPath } from "~/utils/safe-redirect";
import volunteerStyles from "~/styles/volunteer.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: volunteerStyles }];

export const handle = { i18n: ["common", "volunteer"] };

export const meta: MetaFunction = () => [{ title: "miteinander" }];

/** Nothing to show by GET: the cancel button posts here. */
export function loader() {
  return redirect(COMMITMENTS_PATH);
}

/**
 * A volunteer cancels their own sign-up (ownership in the `where` of cancelSignup: someone else's id
 * is "not found"). A freed place goes to the first on the waitlist, who is told.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(getDb(), request);
  const signupId = requireIdParam(params);
  const formData = await request.formData();
  const returnTo = safeRedirectPath(formData.get("returnTo"), COMMITMENTS_PATH);
  const result = cancelSignup(getDb(), { signupId, volunteerId: user.id }, notifySignupChange);
  if (!result.ok && result.error === "not_found") throw notFound();
  if (!result.ok && result.error === "past")
    return data({ error: "volunteer:signup.errors.cancelPast", returnTo }, { status: 409 });
  return redirect(returnTo, 303);
}

export default function CancelSignupPage() {
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("volunteer");
  return (
    <div className="page">
      <h1>{t("signup.cancelTitle")}</h1>
      {actionData ? (
        <FormMessage>
          <DataText k={actionData.error} />
        </FormMessage>
      ) : null}
      <p>
        <Link to={actionData?.returnTo ?? COMMITMENTS_PATH}>{t("signup.back")}</Link>
      </p>
    </div>
  );
}
