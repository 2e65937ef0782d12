import { useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** On every page of a demo database: nobody should mistake it for the real hub, or type real data into it. */
export function DemoBanner() {
  const { t } = useTranslation();
  const demo = useRouteLoaderData<{ demo?: boolean }>("root")?.demo ?? false;
  if (!demo) return null;
  return (
    <aside className="demo-banner" aria-label={t("demo.label")}>
      <strong>{t("demo.label")}</strong> <span>{t("demo.detail")}</span>
    </aside>
  );
}
