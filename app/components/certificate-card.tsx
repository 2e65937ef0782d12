import { useTranslation } from "react-i18next";
import type { CertificateState } from "~/modules/volunteers/certificate-state";
import { DateOnly } from "./time";

const TONE: Record<CertificateState, string> = {
  none: "status",
  valid: "status status--ok",
  expiring: "status status--warn",
  expired: "status status--bad",
};

/** The certificate of conduct as its holder sees it: state, valid until, who checked it. Read-only. */
export function CertificateCard({
  certificate,
}: {
  certificate: {
    state: CertificateState;
    validUntil: string | null;
    verifiedAt: number | null;
    verifiedByName: string | null;
    daysLeft: number | null;
  };
}) {
  const { t } = useTranslation("volunteer");
  return (
    <section aria-labelledby="certificate-heading" className="section-card">
      <h2 id="certificate-heading">{t("certificate.title")}</h2>
      <p>
        <span className={TONE[certificate.state]}>{t(`certificate.state.${certificate.state}`)}</span>
      </p>
      {certificate.validUntil ? (
        <dl className="facts-grid">
          <dt>{t("certificate.validUntil")}</dt>
          <dd>
            <DateOnly value={Date.parse(`${certificate.validUntil}T12:00:00Z`)} />
            {certificate.state === "expiring" && certificate.daysLeft !== null
              ? ` (${t("certificate.daysLeft", { count: certificate.daysLeft })})`
              : null}
          </dd>
          {certificate.verifiedAt !== null ? (
            <>
              <dt>{t("certificate.verified")}</dt>
              <dd>
                <DateOnly value={certificate.verifiedAt} />
                {certificate.verifiedByName
                  ? ` · ${t("certificate.verifiedBy", { name: certificate.verifiedByName })}`
                  : null}
              </dd>
            </>
          ) : null}
        </dl>
      ) : null}
      <p className="hint">{t(`certificate.explain.${certificate.state}`)}</p>
    </section>
  );
}
