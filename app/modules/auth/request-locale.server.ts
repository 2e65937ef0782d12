import type { Db } from "@db/client";
import type { UiLocale } from "@db/schema/enums";
import { DEFAULT_LOCALE, isSupportedLocale } from "~/modules/i18n/config";
import { i18nServer } from "~/modules/i18n/i18next.server";

/** The UI language of this request, as a supported locale (for new accounts and outgoing e-mails). */
export async function requestLocale(db: Db, request: Request): Promise<UiLocale> {
  const locale = await i18nServer(db).getLocale(request);
  return isSupportedLocale(locale) ? locale : DEFAULT_LOCALE;
}
