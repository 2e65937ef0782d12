import { NavLink } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** The coordinator's sub-areas. Links only: every page checks permissions itself. */
export function CoordinationNav() {
  const { t } = useTranslation("coordination");
  return (
    <nav aria-label={t("nav.label")} className="sub-nav">
      <ul className="nav-list">
        <li>
          <NavLink to="/coordination" end>
            {t("nav.overview")}
          </NavLink>
        </li>
        <li>
          <NavLink to="/coordination/arrivals">{t("nav.arrivals")}</NavLink>
        </li>
        <li>
          <NavLink to="/coordination/needs">{t("nav.needs")}</NavLink>
        </li>
        <li>
          <NavLink to="/coordination/bulk">{t("nav.bulk")}</NavLink>
        </li>
        <li>
          <NavLink to="/coordination/verification">{t("nav.verification")}</NavLink>
        </li>
        <li>
          <NavLink to="/coordination/dashboard">{t("nav.dashboard")}</NavLink>
        </li>
        <li>
          <NavLink to="/coordination/reports">{t("nav.reports")}</NavLink>
        </li>
        <li>
          <NavLink to="/coordination/audit">{t("nav.audit")}</NavLink>
        </li>
        <li>
          <NavLink to="/coordination/import">{t("nav.import")}</NavLink>
        </li>
      </ul>
    </nav>
  );
}
