import type { LoaderFunctionArgs, MetaFunction, LinksFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DateOnly } from "~/components/time";
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
  const user = await requireUser(request);
  return {
    matches: listOffererMatches(getDb(), user),
    pageTitle: `${getServerT(user.locale, "matches")("mine.title")} · miteinander`,
  };
}

export default function MyMatchesPage() {
  const { matches } = useLoaderData<typeof loader>();
  const { t } = useTranslation("matches");
  const waiting = matches.filter((m) => m.status === "proposed").length;
  return (
    <div className="page">
      <h1>{t("mine.title")}</h1>
      <p className="lead">{waiting > 0 ? t("mine.waiting", { count: waiting }) : t("mine.intro")}</p>
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
