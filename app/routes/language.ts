import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { getOptionalUser } from "~/modules/auth/session.server";
import { isSupportedLocale } from "~/modules/i18n/config";
import { localeCookie } from "~/modules/i18n/i18next.server";
import { setUserLocale } from "~/modules/i18n/user-locale.server";
import { safeRedirectPath } from "~/utils/safe-redirect";

/**
 * The language switcher posts here. The choice is remembered for this browser (cookie) and, when
 * someone is signed in, for the person (their account's language, also used for their e-mails).
 */
export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const locale = form.get("locale");
  const returnTo = safeRedirectPath(form.get("returnTo"));
  if (!isSupportedLocale(locale)) return redirect(returnTo);
  const user = await getOptionalUser(request);
  if (user && user.locale !== locale) {
    setUserLocale(user.id, locale);
  }
  return redirect(returnTo, { headers: { "Set-Cookie": await localeCookie.serialize(locale) } });
}

export function loader() {
  return redirect("/");
}
