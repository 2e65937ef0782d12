import { requireCan } from "~/modules/permissions/guards.server";
import { scopeOf } from "~/modules/dashboard/scope.server";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { zonedIsoDate } from "~/utils/time";
import { parseReportPeriod } from "./report-period";

/** Guard, scope, period and translations shared by the reports page and its CSV downloads. */
export async function requireReportRoute(request: Request) {
  const user = await requireCan(request, "dashboard:read");
  const { period, errors } = parseReportPeriod(new URL(request.url).searchParams, zonedIsoDate(Date.now()));
  const locale = await i18nServer.getLocale(request);
  const t = await i18nServer.getFixedT(request, ["reports", "common"]);
  return { user, scope: scopeOf(user), period, errors, locale, t };
}
