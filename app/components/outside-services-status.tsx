import { useTranslation } from "react-i18next";
import type { AddressCounts } from "~/modules/outside/geocode-cache.server";
import type { ServiceStatus } from "~/modules/outside/service-state.server";
import { DateTime } from "./time";

export interface OutsideServiceView extends ServiceStatus {
  /** Where it is reached (TRANSLATE_URL / GEOCODER_URL), or null when not set up. */
  host: string | null;
}

/**
 * The outside services on the system page (/admin/system): whether each is set up, its circuit breaker (calls going
 * out, paused until a time, or trying again after a pause), the last success and failure with why,
 * and for the geocoder where the addresses stand.
 */
export function OutsideServicesStatus({
  services,
  addresses,
}: {
  services: OutsideServiceView[];
  addresses: AddressCounts;
}) {
  const { t } = useTranslation("admin");
  return (
    <section aria-labelledby="services-heading">
      <h2 id="services-heading">{t("services.title")}</h2>
      <p>{t("services.intro")}</p>
      <ul className="card-list">
        {services.map((s) => (
          <li key={s.name} className="card">
            <h3 className="card__title">{t(`services.name.${s.name}`)}</h3>
            {s.host === null ? (
              <p>{t(`services.off.${s.name}`)}</p>
            ) : (
              <dl className="facts-grid">
                <dt>{t("services.host")}</dt>
                <dd>
                  <bdi>{s.host}</bdi>
                </dd>
                <dt>{t("services.state")}</dt>
                <dd>
                  <span className={`tag tag--${s.state === "closed" ? "ok" : "warn"}`}>
                    {t(`services.states.${s.state}`)}
                  </span>
                  {s.openUntil !== null ? (
                    <>
                      {" "}
                      {t("services.pausedUntil")} <DateTime value={s.openUntil} />
                    </>
                  ) : null}
                </dd>
                <dt>{t("services.calls")}</dt>
                <dd>{t("services.callsValue", { calls: s.calls, failures: s.failures })}</dd>
                <dt>{t("services.lastSuccess")}</dt>
                <dd>
                  {s.lastSuccessAt === null ? t("services.never") : <DateTime value={s.lastSuccessAt} />}
                </dd>
                <dt>{t("services.lastFailure")}</dt>
                <dd>
                  {s.lastFailureAt === null ? (
                    t("services.never")
                  ) : (
                    <>
                      <DateTime value={s.lastFailureAt} />
                      {s.lastError ? (
                        <>
                          {" · "}
                          <code>{s.lastError}</code>
                        </>
                      ) : null}
                    </>
                  )}
                </dd>
                {s.name === "geocoder" ? (
                  <>
                    <dt>{t("services.addresses")}</dt>
                    <dd>{t("services.addressesValue", { ...addresses })}</dd>
                  </>
                ) : null}
              </dl>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
