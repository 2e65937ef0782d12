import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BackArrow } from "~/components/back-arrow";
import { OutsideServicesStatus } from "~/components/outside-services-status";
import { BackgroundWork } from "~/components/system/background-work";
import { TableScroll } from "~/components/table-scroll";
import { DateTime } from "~/components/time";
import { requireCan } from "~/modules/permissions/guards.server";
import { countAddressStates } from "~/modules/outside/geocode-cache.server";
import { outsideConfig, serviceHost } from "~/modules/outside/outside-config.server";
import { listServiceStatuses } from "~/modules/outside/service-state.server";
import { readSystemHealth, type SystemWarning } from "~/modules/system/system-health.server";
import { getDb } from "~/utils/db.server";
import { formatBytes, formatDuration, formatNumber, isolate } from "~/utils/format";
import { pageTitle } from "~/utils/page-title";

export const handle = { i18n: ["common", "auth", "operations", "admin"] };

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "system") }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireCan(getDb(), request, "system:read");
  const db = getDb();
  const health = readSystemHealth(db);
  const config = outsideConfig();
  const hosts = { translate: serviceHost(config.translateUrl), geocoder: serviceHost(config.geocoderUrl) };
  // The folder names and file paths stay on the page: only administrators read it.
  return {
    health,
    services: listServiceStatuses(db).map((s) => ({ ...s, host: hosts[s.name] })),
    addresses: countAddressStates(db),
  };
}

function Warning({ warning }: { warning: SystemWarning }) {
  const { t, i18n } = useTranslation("operations");
  switch (warning.code) {
    case "diskNearlyFull":
      return (
        <>
          {t("system.warnings.diskNearlyFull", {
            free: formatBytes(warning.freeBytes, i18n.language),
            total: formatBytes(warning.totalBytes, i18n.language),
          })}
        </>
      );
    case "mailFailed":
      return (
        <Link to="/admin/outbox?status=failed">{t("system.warnings.mailFailed", { n: warning.n })}</Link>
      );
    default:
      return <>{t(`system.warnings.${warning.code}`, warning)}</>;
  }
}

export default function SystemPage() {
  const { health, services, addresses } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation(["operations", "auth"]);
  const locale = i18n.language;
  const { latest, lastVerified } = health.backups;
  return (
    <div className="page page--wide">
      <p>
        <Link to="/admin">
          <BackArrow /> {t("auth:nav.admin")}
        </Link>
      </p>
      <h1>{t("system.title")}</h1>

      <section aria-labelledby="warnings-heading">
        <h2 id="warnings-heading">{t("system.warningsTitle")}</h2>
        {health.warnings.length === 0 ? (
          <p className="notice">{t("system.allGood")}</p>
        ) : (
          <ul className="notice">
            {health.warnings.map((warning) => (
              <li key={warning.code}>
                <Warning warning={warning} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="version-heading">
        <h2 id="version-heading">{t("system.versionTitle")}</h2>
        <dl className="facts-grid facts-grid--stacked-narrow">
          <dt>{t("system.version")}</dt>
          <dd>
            {health.version} ({t("system.commit")} <code dir="ltr">{health.commit}</code>)
          </dd>
          <dt>{t("system.uptime")}</dt>
          <dd>{formatDuration(health.uptimeSeconds, locale)}</dd>
          <dt>{t("system.migrations")}</dt>
          <dd>
            {t("system.migrationsApplied", {
              applied: health.migrations.applied,
              known: health.migrations.known,
            })}
          </dd>
        </dl>
      </section>

      <section aria-labelledby="storage-heading">
        <h2 id="storage-heading">{t("system.storageTitle")}</h2>
        <dl className="facts-grid facts-grid--stacked-narrow">
          <dt>{t("system.database")}</dt>
          <dd>
            {formatBytes(health.database.bytes, locale)} <code dir="ltr">{health.database.path}</code>
          </dd>
          <dt>{t("system.wal")}</dt>
          <dd>{formatBytes(health.database.walBytes, locale)}</dd>
          {health.disk ? (
            <>
              <dt>{t("system.disk")}</dt>
              <dd>
                {t("system.diskFree", {
                  free: formatBytes(health.disk.freeBytes, locale),
                  total: formatBytes(health.disk.totalBytes, locale),
                })}
              </dd>
            </>
          ) : null}
        </dl>
      </section>

      <section aria-labelledby="backup-heading">
        <h2 id="backup-heading">{t("system.backupTitle")}</h2>
        {latest ? (
          <dl className="facts-grid facts-grid--stacked-narrow">
            <dt>{t("system.lastBackup")}</dt>
            <dd>
              <DateTime value={latest.finishedAt} /> · {t(`system.backupStatus.${latest.status}`)}
              {latest.bytes !== null ? ` · ${formatBytes(latest.bytes, locale)}` : null}
              {latest.totalRows !== null
                ? ` · ${t("system.rows", { rows: formatNumber(latest.totalRows, locale) })}`
                : null}
              {latest.problem ? <span className="muted small"> — {latest.problem}</span> : null}
            </dd>
            {lastVerified && lastVerified.id !== latest.id ? (
              <>
                <dt>{t("system.lastVerified")}</dt>
                <dd>
                  <DateTime value={lastVerified.finishedAt} />
                </dd>
              </>
            ) : null}
            <dt>{t("system.afterCommand")}</dt>
            <dd>
              {t(`system.afterStatus.${latest.afterStatus}`)}
              {latest.afterProblem ? <span className="muted small"> — {latest.afterProblem}</span> : null}
            </dd>
          </dl>
        ) : (
          <p>{t("system.noBackupYet")}</p>
        )}
        <p className="muted small">
          {t("system.backupPolicy", {
            dir: isolate(health.backups.dir),
            files: health.backups.files,
            daily: health.backups.keepDaily,
            weekly: health.backups.keepWeekly,
          })}
        </p>
      </section>

      <section aria-labelledby="mail-heading">
        <h2 id="mail-heading">{t("system.mailTitle")}</h2>
        <p>
          {health.smtpConfigured ? t("system.smtpOn") : t("system.smtpOff")}{" "}
          <Link to="/admin/outbox">
            {t("system.outbox", { pending: health.outbox.pending ?? 0, failed: health.outbox.failed ?? 0 })}
          </Link>
        </p>
      </section>

      <section aria-labelledby="jobs-heading">
        <h2 id="jobs-heading">{t("system.jobsTitle")}</h2>
        <TableScroll labelledBy="jobs-heading">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("system.job")}</th>
                <th scope="col">{t("system.jobLastRun")}</th>
                <th scope="col">{t("system.jobDue")}</th>
                <th scope="col">{t("system.jobFailed")}</th>
              </tr>
            </thead>
            <tbody>
              {health.jobs.map((job) => (
                <tr key={job.kind}>
                  <th scope="row">{t(`system.jobKinds.${job.kind}`, { defaultValue: job.kind })}</th>
                  <td>{job.lastDoneAt ? <DateTime value={job.lastDoneAt} short /> : "—"}</td>
                  <td>
                    {job.due > 0
                      ? t("system.jobWaiting", { n: job.due, wait: formatDuration(job.lagMs / 1000, locale) })
                      : "—"}
                  </td>
                  <td>{job.failed}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </section>

      <BackgroundWork background={health.background} />

      <OutsideServicesStatus services={services} addresses={addresses} />
    </div>
  );
}
