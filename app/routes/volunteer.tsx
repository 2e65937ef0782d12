import type { LinksFunction } from "@remix-run/node";
import { Outlet, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AreaNav } from "~/components/area-nav";
import volunteerStyles from "~/styles/volunteer.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: volunteerStyles }];

export const handle = { i18n: ["common", "volunteer", "offers", "proof"] };

interface RootUser {
  isVolunteer: boolean;
}

/** The volunteer area: its sub-navigation above each page. Every page guards itself and lays itself out. */
export default function VolunteerLayout() {
  const { t } = useTranslation(["volunteer", "proof"]);
  const user = useRouteLoaderData<{ user: RootUser | null }>("root")?.user;
  return (
    <>
      {user?.isVolunteer ? (
        <AreaNav
          label={t("nav.label")}
          items={[
            { to: "/volunteer", label: t("nav.overview"), end: true },
            { to: "/volunteer/find", label: t("nav.find") },
            { to: "/volunteer/week", label: t("nav.week") },
            { to: "/volunteer/commitments", label: t("nav.commitments") },
            { to: "/volunteer/offers", label: t("nav.offers") },
            { to: "/volunteer/hours", label: t("nav.hours") },
            { to: "/volunteer/proof", label: t("proof:nav") },
            { to: "/volunteer/profile", label: t("nav.profile") },
          ]}
        />
      ) : null}
      <Outlet />
    </>
  );
}
