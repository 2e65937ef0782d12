import type { LoaderFunctionArgs } from "@remix-run/node";
import { needsCsv } from "~/modules/reports/report-csv.server";
import { requireReportRoute } from "~/modules/reports/report-route.server";
import { getDb } from "~/utils/db.server";

/** One line per need recorded in the period, in the reader's scope. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { scope, period, locale, t } = await requireReportRoute(getDb(), request);
  return needsCsv(getDb(), scope, period, t, locale);
}
