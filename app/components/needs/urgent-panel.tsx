import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DataText } from "~/components/data-text";
import { FormMessage } from "~/components/forms";
import { TableScroll } from "~/components/table-scroll";
import { DateTime } from "~/components/time";
import type { UrgentPanel as UrgentPanelData, UrgentRequestView } from "~/modules/reach/queries.server";
import { WAVE_SIZES } from "~/modules/reach/waves";

function AnswerCell({ request, now }: { request: UrgentRequestView; now: number }) {
  const { t } = useTranslation("needs");
  if (request.answer) return <>{t(`urgent.answers.${request.answer}`)}</>;
  return <>{request.expiresAt <= now ? t("urgent.answers.expired") : t("urgent.answers.none")}</>;
}

function StateLine({ panel }: { panel: UrgentPanelData }) {
  const { t } = useTranslation("needs");
  if (!panel.startedAt) return <p>{t("urgent.state.notStarted")}</p>;
  return (
    <>
      <p>
        {t("urgent.state.since")} <DateTime value={panel.startedAt} />.{" "}
        {t("urgent.state.waves", { count: panel.wavesSent, max: panel.maxWaves })}
        {panel.startedByHub ? ` ${t("urgent.state.byHub")}` : null}
      </p>
      {panel.endReason ? (
        <p>{t(`urgent.ended.${panel.endReason}`, { max: panel.maxWaves })}</p>
      ) : panel.nextWaveAt ? (
        <p>
          {t("urgent.state.nextWave")} <DateTime value={panel.nextWaveAt} />
        </p>
      ) : null}
    </>
  );
}

/**
 * The need page's "ask volunteers at short notice" panel: the asking's state, auto-accept, ask now /
 * stop, and every request with its answer — with confirm and release for a waiting "Ich kann".
 */
export function UrgentPanel({
  panel,
  now,
  mayAct,
  error,
}: {
  panel: UrgentPanelData;
  now: number;
  mayAct: boolean;
  error?: string;
}) {
  const { t } = useTranslation(["needs", "common"]);
  const asking = !!panel.startedAt && !panel.endReason;
  // Asking can go on (now, or again after a stop) only while the need is ahead and has a free place.
  const mayAskMore =
    panel.wavesSent < panel.maxWaves &&
    !["covered", "need_finished", "need_started", "all_waves"].includes(panel.endReason ?? "");
  return (
    <section aria-labelledby="urgent" className="section">
      <h2 id="urgent">{t("urgent.title")}</h2>
      <p>{t("urgent.explain", { first: WAVE_SIZES[0], count: panel.maxPerWeek })}</p>
      <StateLine panel={panel} />
      <FormMessage>{error ? <DataText k={error} /> : null}</FormMessage>
      {mayAct ? (
        <>
          <Form method="post" className="inline-form" preventScrollReset>
            <div className="checkbox-group">
              <label>
                <input type="checkbox" name="autoAccept" defaultChecked={panel.autoAccept} />{" "}
                {t("urgent.autoAccept.label")}
              </label>
            </div>
            <p className="hint">{t("urgent.autoAccept.hint")}</p>
            <button
              type="submit"
              name="intent"
              value="urgent-auto-accept"
              className="button button--secondary"
            >
              {t("urgent.autoAccept.save")}
            </button>
          </Form>
          <Form method="post" className="actions" preventScrollReset>
            {mayAskMore ? (
              <button type="submit" name="intent" value="urgent-ask-now" className="button">
                {panel.startedAt ? t("urgent.askNext") : t("urgent.askNow")}
              </button>
            ) : null}
            {asking ? (
              <button type="submit" name="intent" value="urgent-stop" className="button button--secondary">
                {t("urgent.stop")}
              </button>
            ) : null}
          </Form>
        </>
      ) : null}
      {panel.requests.length === 0 ? (
        <p className="empty">{t("urgent.empty")}</p>
      ) : (
        <TableScroll label={t("urgent.table.caption")}>
          <table className="data-table">
            <caption className="visually-hidden">{t("urgent.table.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("urgent.table.person")}</th>
                <th scope="col">{t("urgent.table.wave")}</th>
                <th scope="col">{t("urgent.table.asked")}</th>
                <th scope="col">{t("urgent.table.answer")}</th>
                <th scope="col">{t("urgent.table.answered")}</th>
                <th scope="col">{t("urgent.table.outcome")}</th>
              </tr>
            </thead>
            <tbody>
              {panel.requests.map((r) => (
                <tr key={r.id}>
                  <th scope="row">{r.volunteerName}</th>
                  <td className="numeric">{r.wave}</td>
                  <td>
                    <DateTime value={r.askedAt} />
                  </td>
                  <td>
                    <AnswerCell request={r} now={now} />
                  </td>
                  <td>{r.answeredAt ? <DateTime value={r.answeredAt} /> : "–"}</td>
                  <td>
                    {r.outcome ? t(`urgent.outcomes.${r.outcome}`) : "–"}
                    {mayAct && r.outcome === "proposed" ? (
                      <Form method="post" className="inline-form" preventScrollReset>
                        <input type="hidden" name="requestId" value={r.id} />
                        <button
                          type="submit"
                          name="intent"
                          value="urgent-confirm"
                          className="button button--small"
                        >
                          {t("urgent.confirm", { name: r.volunteerName })}
                        </button>{" "}
                        <button
                          type="submit"
                          name="intent"
                          value="urgent-release"
                          className="button button--small button--secondary"
                        >
                          {t("urgent.release", { name: r.volunteerName })}
                        </button>
                      </Form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
