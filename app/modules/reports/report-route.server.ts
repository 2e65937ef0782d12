import { requireCan } from "~/modules/permissions/guards.server";
import { scopeOf } from "~/modules/dashboard/scope.server";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { zonedIsoDate } from "~/utils/time";
import { parseReportPeriod } from "./report-period";
import type { Db } from "@db/client";

/** Guard, scope, period and translations shared by the reports page and its CSV downloads. */
export async function requireReportRoute(db: Db, request: Request) {
  const user = await requireCan(db, request, "dashboard:read");
  const { period, errors } = parseReportPeriod(new URL(request.url).searchParams, zonedIsoDate(Date.now()));
  const locale = await i18nServer(db).getLocale(request);
  const t = await i18nServer(db).getFixedT(request, ["reports", "common"]);
  return { user, scope: scopeOf(user), period, errors, locale, t };
}
