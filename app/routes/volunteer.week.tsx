import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ShiftWeekView } from "~/components/shift-week";
import { requestLocale } from "~/modules/auth/request-locale.server";
import { getDb } from "~/utils/db.server";
import { shiftWeekPageData } from "~/modules/events/shift-week.server";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { requireVolunteer } from "~/modules/volunteers/guards.server";

export const handle = { i18n: ["common", "activities", "volunteer"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "miteinander" }];

/** The volunteer's week of shifts: the public shifts, with their own sign-ups marked. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireVolunteer(getDb(), request);
  const locale = await requestLocale(getDb(), request);
  const t = await i18nServer(getDb()).getFixedT(locale, "activities");
  return {
    ...shiftWeekPageData(getDb(), new URL(request.url), { locale, userId: user.id }),
    pageTitle: `${t("week.title")} · miteinander`,
  };
}

/** "Find work" for the shifts of one day, with the week's filters. */
function findOnDay(filter: { neighbourhood?: string; category?: string; language?: string }, day: string) {
  const params = new URLSearchParams({ what: "shifts", from: day, to: day });
  for (const key of ["neighbourhood", "category", "language"] as const) {
    const value = filter[key];
    if (value) params.set(key, value);
  }
  return `/volunteer/find?${params.toString()}`;
}

export default function VolunteerWeekPage() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation(["activities", "volunteer"]);
  return (
    <div className="page page--wide">
      <h1>{t("week.title")}</h1>
      <p className="lead">{t("week.introVolunteer")}</p>
      <p>
        <Link to="/volunteer/find?what=shifts">{t("week.toFind")}</Link>
      </p>
      <ShiftWeekView {...data} basePath="/volunteer/week" moreHref={(day) => findOnDay(data.filter, day)} />
    </div>
  );
}
