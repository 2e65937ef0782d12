import { useTranslation } from "react-i18next";
import { AreaNav } from "~/components/area-nav";

/** The coordinator's sub-areas. Links only: every page checks permissions itself. */
export function CoordinationNav() {
  const { t } = useTranslation("coordination");
  return (
    <AreaNav
      label={t("nav.label")}
      items={[
        { to: "/coordination", label: t("nav.overview"), end: true },
        { to: "/coordination/arrivals", label: t("nav.arrivals") },
        { to: "/coordination/needs", label: t("nav.needs") },
        { to: "/coordination/bulk", label: t("nav.bulk") },
        { to: "/coordination/verification", label: t("nav.verification") },
        { to: "/coordination/dashboard", label: t("nav.dashboard") },
        { to: "/coordination/reports", label: t("nav.reports") },
        { to: "/coordination/audit", label: t("nav.audit") },
        { to: "/coordination/import", label: t("nav.import") },
      ]}
    />
  );
}
