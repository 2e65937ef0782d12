import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { isSupportedLocale } from "~/modules/i18n/config";
import { localeCookie } from "~/modules/i18n/i18next.server";
import { safeRedirectPath } from "~/utils/safe-redirect";

/** The language switcher posts here; the choice is remembered in a cookie for this browser. */
export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const locale = form.get("locale");
  const returnTo = safeRedirectPath(form.get("returnTo"));
  if (!isSupportedLocale(locale)) return redirect(returnTo);
  return redirect(returnTo, { headers: { "Set-Cookie": await localeCookie.serialize(locale) } });
}

export function loader() {
  return redirect("/");
}
