import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ShiftWeekView } from "~/components/shift-week";
import { getOptionalUser } from "~/modules/auth/session.server";
import { getDb } from "~/utils/db.server";
import { requestLocale } from "~/modules/auth/request-locale.server";
import { shiftWeekPageData } from "~/modules/events/shift-week.server";
import { i18nServer } from "~/modules/i18n/i18next.server";

export const handle = { i18n: ["common", "activities"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "miteinander" }];

/** The public week of shifts: for anyone, signed in or not (a volunteer sees where they are signed up). */
export async function loader({ request }: LoaderFunctionArgs) {
  const locale = await requestLocale(getDb(), request);
  const t = await i18nServer(getDb()).getFixedT(locale, "activities");
  const user = await getOptionalUser(getDb(), request);
  return {
    ...shiftWeekPageData(getDb(), new URL(request.url), { locale, userId: user?.id ?? null }),
    pageTitle: `${t("week.title")} · miteinander`,
  };
}

/** The activities list of one day, with the week's filters. */
function listOfDay(filter: { neighbourhood?: string; category?: string; language?: string }, day: string) {
  const params = new URLSearchParams({ from: day, to: day });
  for (const key of ["neighbourhood", "category", "language"] as const) {
    const value = filter[key];
    if (value) params.set(key, value);
  }
  return `/activities?${params.toString()}`;
}

export default function ActivitiesWeekPage() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation("activities");
  return (
    <div className="page page--wide">
      <h1>{t("week.title")}</h1>
      <p className="lead">{t("week.intro")}</p>
      <p>
        <Link to="/activities">{t("week.toList")}</Link>
      </p>
      <ShiftWeekView {...data} basePath="/activities/week" moreHref={(day) => listOfDay(data.filter, day)} />
    </div>
  );
}
