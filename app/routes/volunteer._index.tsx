import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { MatchDateCard } from "~/components/matches/match-date-card";
import { StatList } from "~/components/stat-list";
import { DateRange } from "~/components/time";
import { loadVolunteerHome } from "~/modules/home/home-pages.server";
import { getDb } from "~/utils/db.server";
import { getOptionalUser } from "~/modules/auth/session.server";
import { requireCan } from "~/modules/permissions/guards.server";
import { can } from "~/modules/permissions/permissions";
import { pageTitle } from "~/utils/page-title";
import { useFormatList } from "~/components/use-format-list";
import type { Language, LanguageLevel } from "@db/schema/enums";

export const handle = { i18n: ["common", "auth", "home", "volunteer"] };

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "volunteer") }];

export async function loader({ request }: LoaderFunctionArgs) {
  // Someone without a volunteer profile who may start one (e.g. an organisation member) starts there.
  const current = await getOptionalUser(getDb(), request);
  if (current && !current.isVolunteer && can(current, "volunteer-profile:create"))
    throw redirect("/volunteer/profile");
  const user = await requireCan(getDb(), request, "volunteer-area:access");
  return { name: user.displayName, ...loadVolunteerHome(getDb(), user.id) };
}

type VolunteerFigure = "hoursConfirmed" | "dates" | "proposals";

export default function VolunteerHomePage() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation(["home", "common"]);
  const formatList = useFormatList();
  const { profile } = data;
  const dates = [
    ...data.commitments.map((item) => ({ kind: "shift" as const, item })),
    ...data.matchDates.map((item) => ({ kind: "match" as const, item })),
  ].sort((a, b) => a.item.startsAt - b.item.startsAt);
  return (
    <div className="page page--wide">
      <h1>{t("volunteer.title", { name: data.name })}</h1>
      <StatList
        figures={data.figures}
        ariaLabel={t("volunteer.statsLabel")}
        label={(f) => t(`volunteer.figures.${f.key as VolunteerFigure}`)}
      />

      <section aria-labelledby="commitments-heading">
        <h2 id="commitments-heading">{t("volunteer.commitments")}</h2>
        {dates.length === 0 ? (
          <p className="empty">
            {t("volunteer.noCommitments")} <Link to="/volunteer/find">{t("volunteer.findActivities")}</Link>
          </p>
        ) : (
          <ul className="card-list">
            {dates.map((d) =>
              d.kind === "match" ? (
                <MatchDateCard key={d.item.key} date={d.item} />
              ) : (
                <li key={d.item.signupId} className="card">
                  <p className="card__eyebrow">
                    {d.item.neighbourhood}
                    {d.item.status === "waitlisted" ? (
                      <span className="tag"> {t("volunteer.waitlisted")}</span>
                    ) : null}
                  </p>
                  <h3 className="card__title">
                    <Link to={`/activities/${d.item.eventId}`}>{d.item.eventTitle}</Link>
                  </h3>
                  <p>
                    {d.item.shiftTitle} · <DateRange start={d.item.startsAt} end={d.item.endsAt} />
                  </p>
                  {d.item.place ? <p className="muted">{d.item.place}</p> : null}
                </li>
              ),
            )}
          </ul>
        )}
      </section>

      <section aria-labelledby="profile-heading">
        <h2 id="profile-heading">{t("volunteer.profile")}</h2>
        {profile ? (
          <dl className="facts-grid">
            <dt>{t("volunteer.home")}</dt>
            <dd>
              {profile.homeNeighbourhood
                ? t("volunteer.homeWithRadius", { name: profile.homeNeighbourhood, km: profile.radiusKm })
                : "—"}
            </dd>
            <dt>{t("volunteer.neighbourhoods")}</dt>
            <dd>{formatList(profile.neighbourhoods) || "—"}</dd>
            <dt>{t("volunteer.languages")}</dt>
            <dd>
              {formatList(
                profile.languages.map(
                  (l) =>
                    `${t(`common:languages.${l.language as Language}`)} (${t(`volunteer.levels.${l.level as LanguageLevel}`)})`,
                ),
              ) || "—"}
            </dd>
            <dt>{t("volunteer.skills")}</dt>
            <dd>{formatList(profile.skills) || "—"}</dd>
            <dt>{t("volunteer.hoursCap")}</dt>
            <dd>{t("volunteer.hoursPerWeek", { count: profile.hoursCapPerWeek })}</dd>
            <dt>{t("volunteer.certificate")}</dt>
            <dd>
              {profile.certificateValidUntil
                ? t("volunteer.certificateUntil", { date: profile.certificateValidUntil })
                : t("volunteer.certificateNone")}
            </dd>
          </dl>
        ) : (
          <p className="empty">{t("volunteer.noProfile")}</p>
        )}
      </section>
      <p>
        <Link to="/volunteer/find">{t("volunteer.findActivities")}</Link> ·{" "}
        <Link to="/volunteer/profile">{t("volunteer.editProfile")}</Link> ·{" "}
        <Link to="/account">{t("home.account")}</Link>
      </p>
    </div>
  );
}
