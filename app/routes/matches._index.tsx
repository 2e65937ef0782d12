import type { LoaderFunctionArgs, MetaFunction, LinksFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DateOnly } from "~/components/time";
import { MATCH_STATUS, type MatchStatus } from "@db/schema/enums";
import { requireUser } from "~/modules/auth/session.server";
import { getServerT } from "~/modules/i18n/server-t.server";
import { listOffererMatches } from "~/modules/matches/match-detail.server";
import { getDb } from "~/utils/db.server";
import coordinationStyles from "~/styles/coordination.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: coordinationStyles }];

export const handle = { i18n: ["common", "matches"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "miteinander" }];

/** The requests for one's own offers (and one's organisations' offers): what to answer, what runs. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(getDb(), request);
  // `?status=proposed`: only what waits for an answer (the number on the volunteer's home page).
  const param = new URL(request.url).searchParams.get("status");
  const status = (MATCH_STATUS as readonly string[]).includes(param ?? "") ? (param as MatchStatus) : null;
  return {
    status,
    matches: listOffererMatches(getDb(), user, status),
    pageTitle: `${getServerT(user.locale, "matches")("mine.title")} · miteinander`,
  };
}

export default function MyMatchesPage() {
  const { matches, status } = useLoaderData<typeof loader>();
  const { t } = useTranslation("matches");
  const waiting = matches.filter((m) => m.status === "proposed").length;
  return (
    <div className="page">
      <h1>{t("mine.title")}</h1>
      <p className="lead">{waiting > 0 ? t("mine.waiting", { count: waiting }) : t("mine.intro")}</p>
      {status ? (
        <p>
          {t("mine.filtered", { status: t(`status.${status}`) })}{" "}
          <Link to="/matches">{t("mine.showAll")}</Link>
        </p>
      ) : null}
      {matches.length === 0 ? (
        <p className="empty">{t("mine.none")}</p>
      ) : (
        <ul className="card-list">
          {matches.map((m) => (
            <li key={m.id} className="card">
              <p className="card__eyebrow">
                <span className={`tag tag--match-${m.status}`}>{t(`status.${m.status}`)}</span>
              </p>
              <h2 className="card__title h3">
                <Link to={`/matches/${m.id}`}>{m.needTitle}</Link>
              </h2>
              <p className="muted">
                {m.offerTitle} · <DateOnly value={m.proposedAt} />
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
