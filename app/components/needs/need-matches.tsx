import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TableScroll } from "~/components/table-scroll";
import { DateOnly } from "~/components/time";
import type { MatchSummary } from "~/modules/matches/match-detail.server";

/** The matches of a need, for its coordinators: who, how it stands, how to reach them. */
export function NeedMatches({ matches, labelledBy }: { matches: MatchSummary[]; labelledBy: string }) {
  const { t } = useTranslation(["matches", "matching"]);
  if (matches.length === 0) return <p className="empty">{t("list.none")}</p>;
  return (
    <TableScroll labelledBy={labelledBy}>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t("list.helper")}</th>
            <th scope="col">{t("list.status")}</th>
            <th scope="col">{t("list.score")}</th>
            <th scope="col">{t("list.contact")}</th>
            <th scope="col">{t("list.next")}</th>
          </tr>
        </thead>
        <tbody>
          {matches.map((m) => (
            <tr key={m.id}>
              <th scope="row">
                <Link to={`/matches/${m.id}`}>{m.helperName ?? t("page.offerGone")}</Link>
                <div className="muted small">{m.offerTitle}</div>
              </th>
              <td>
                <span className={`tag tag--match-${m.status}`}>{t(`status.${m.status}`)}</span>
                <div className="muted small">
                  {t("list.proposedOn")} <DateOnly value={m.proposedAt} />
                </div>
                {m.declineReason ? (
                  <div className="small">{t("page.declineReason", { reason: m.declineReason })}</div>
                ) : null}
              </td>
              <td>{t("matching:score", { score: m.score })}</td>
              <td>{m.helperContact?.join(", ") ?? "–"}</td>
              <td>
                {m.status === "proposed" ? (
                  t("list.nextStep.proposed")
                ) : m.status === "accepted" || m.status === "active" ? (
                  <Link to={`/matches/${m.id}`}>{t(`list.nextStep.${m.status}`)}</Link>
                ) : (
                  "–"
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
