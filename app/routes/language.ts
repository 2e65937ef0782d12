import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { getOptionalUser } from "~/modules/auth/session.server";
import { getDb } from "~/utils/db.server";
import { isSupportedLocale } from "~/modules/i18n/config";
import { localeCookie } from "~/modules/i18n/i18next.server";
import { refusalText } from "~/modules/i18n/refusal-texts.server";
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
  // The switcher offers only supported languages: anything else did not come from it.
  if (!isSupportedLocale(locale)) {
    return new Response(refusalText("malformed", Object.fromEntries(request.headers)), {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
  const user = await getOptionalUser(getDb(), request);
  if (user && user.locale !== locale) {
    setUserLocale(getDb(), user.id, locale);
  }
  return redirect(returnTo, { headers: { "Set-Cookie": await localeCookie.serialize(locale) } });
}

export function loader() {
  return redirect("/");
}
