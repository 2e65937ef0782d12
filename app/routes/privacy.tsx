import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { getDb } from "~/utils/db.server";
import { privacyFacts } from "~/modules/privacy/privacy-facts.server";

export const handle = { i18n: ["common", "privacy"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "miteinander" }];

/** Public: what is stored and why, with the periods this installation is configured with. */
export async function loader({ request }: LoaderFunctionArgs) {
  const t = await i18nServer(getDb()).getFixedT(request, "privacy");
  return {
    facts: privacyFacts(getDb()),
    pageTitle: `${t("page.title")} · miteinander`,
  };
}

const ITEMS = ["account", "profile", "work", "messages", "sessions", "audit"] as const;

export default function PrivacyPage() {
  const { facts } = useLoaderData<typeof loader>();
  const { t } = useTranslation("privacy");
  const strong = { strong: <strong /> };
  return (
    <div className="page">
      <h1>{t("page.title")}</h1>
      <p className="lead">{t("page.intro")}</p>

      <h2>{t("page.responsibleTitle")}</h2>
      <p>{t("page.responsible")}</p>

      <h2>{t("page.visitorTitle")}</h2>
      <p>{t("page.visitor")}</p>

      <h2>{t("page.accountTitle")}</h2>
      <p>{t("page.accountIntro")}</p>
      <ul>
        {ITEMS.map((item) => (
          <li key={item}>
            <Trans t={t} i18nKey={`page.items.${item}`} components={strong} />
          </li>
        ))}
      </ul>

      <h2>{t("page.newcomersTitle")}</h2>
      <p>{t("page.newcomers", { days: facts.closedNeedTextDays })}</p>
      <p>{t("page.arrivals", { count: facts.arrivalMonths })}</p>

      <h2>{t("page.durationTitle")}</h2>
      <ul>
        <li>{t("page.duration.account")}</li>
        <li>
          {t("page.duration.sessions", {
            days: facts.sessionIdleDays,
            minutes: facts.privilegedSessionIdleMinutes,
          })}
        </li>
        <li>{t("page.duration.needs", { days: facts.closedNeedTextDays })}</li>
        <li>{t("page.duration.arrivals", { count: facts.arrivalMonths })}</li>
        <li>{t("page.duration.emails", { days: facts.sentEmailDays })}</li>
        <li>{t("page.duration.inbox", { days: facts.readNotificationDays })}</li>
        <li>{t("page.duration.backups")}</li>
      </ul>

      <h2>{t("page.legalTitle")}</h2>
      <p>{t("page.legal")}</p>

      <h2>{t("page.rightsTitle")}</h2>
      <ul>
        <li>
          <Trans
            t={t}
            i18nKey="page.rights.export"
            components={{ exportLink: <a href="/account/export" download /> }}
          />
        </li>
        <li>
          <Trans t={t} i18nKey="page.rights.correct" components={{ accountLink: <Link to="/account" /> }} />
        </li>
        <li>
          <Trans
            t={t}
            i18nKey="page.rights.delete"
            components={{ deleteLink: <Link to="/account/delete" /> }}
          />
        </li>
        <li>{t("page.rights.complain")}</li>
      </ul>

      <h2>{t("page.securityTitle")}</h2>
      <p>{t("page.security")}</p>
    </div>
  );
}
