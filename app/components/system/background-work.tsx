import { Fragment } from "react";
import { useTranslation } from "react-i18next";
import { DateTime } from "~/components/time";
import type { SystemHealth } from "~/modules/system/system-health.server";
import { formatDuration, formatNumber } from "~/utils/format";

/**
 * The system page's section on work beside the scheduler: the reach index that makes suggestions
 * fast, and each kind of long computation this server process ran in a worker thread since it started.
 */
export function BackgroundWork({ background }: { background: SystemHealth["background"] }) {
  const { t, i18n } = useTranslation("operations");
  const locale = i18n.language;
  const n = (value: number) => formatNumber(value, locale);
  const { reach, workers } = background;
  return (
    <section aria-labelledby="background-heading">
      <h2 id="background-heading">{t("system.backgroundTitle")}</h2>
      <dl className="facts-grid facts-grid--stacked-narrow">
        <dt>{t("system.reachIndex")}</dt>
        <dd>
          {reach.ready
            ? t("system.reachReady", { offers: n(reach.offers), changed: n(reach.changedOffers) })
            : reach.building
              ? t("system.reachBuilding")
              : reach.problem
                ? t("system.reachFailed", { problem: reach.problem })
                : t("system.reachNone")}
          {reach.ready && reach.builtAt ? (
            <>
              {" · "}
              {t("system.reachBuilt")} <DateTime value={reach.builtAt} short />
            </>
          ) : null}
        </dd>
      </dl>
      <h3>{t("system.workersTitle")}</h3>
      <dl className="facts-grid facts-grid--stacked-narrow">
        {workers.map((worker) => (
          <Fragment key={worker.kind}>
            <dt>{t(`system.workerKinds.${worker.kind}`)}</dt>
            <dd>
              {t("system.workerCounts", {
                running: n(worker.running),
                done: n(worker.succeeded),
                failed: n(worker.failed),
              })}
              {worker.lastEndedAt ? (
                <>
                  {" · "}
                  {t("system.workerLast")} <DateTime value={worker.lastEndedAt} short />
                  {", "}
                  {formatDuration((worker.lastDurationMs ?? 0) / 1000, locale)}
                  {", "}
                  {worker.lastOk ? t("system.workerOk") : t("system.workerLastFailed")}
                  {worker.lastProblem ? <span className="muted small"> — {worker.lastProblem}</span> : null}
                </>
              ) : null}
            </dd>
          </Fragment>
        ))}
      </dl>
    </section>
  );
}
