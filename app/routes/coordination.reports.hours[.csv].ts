import type { LoaderFunctionArgs } from "@remix-run/node";
import { hoursCsv } from "~/modules/reports/report-csv.server";
import { requireReportRoute } from "~/modules/reports/report-route.server";
import { HOURS_GROUPING, type HoursGrouping } from "~/modules/reports/reports.server";
import { getDb } from "~/utils/db.server";

/** Confirmed hours in the period per organisation, category or month (`?by=`). */
export async function loader({ request }: LoaderFunctionArgs) {
  const { scope, period, locale, t } = await requireReportRoute(getDb(), request);
  const by = new URL(request.url).searchParams.get("by") ?? "";
  if (!(HOURS_GROUPING as readonly string[]).includes(by)) throw new Response("Not found", { status: 404 });
  return hoursCsv(getDb(), scope, period, by as HoursGrouping, t, locale);
}
