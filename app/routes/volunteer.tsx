import type { LinksFunction } from "@remix-run/node";
import { NavLink, Outlet, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
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
        <nav aria-label={t("nav.label")} className="subnav page page--wide">
          <ul>
            <li>
              <NavLink to="/volunteer" end>
                {t("nav.overview")}
              </NavLink>
            </li>
            <li>
              <NavLink to="/volunteer/find">{t("nav.find")}</NavLink>
            </li>
            <li>
              <NavLink to="/volunteer/week">{t("nav.week")}</NavLink>
            </li>
            <li>
              <NavLink to="/volunteer/commitments">{t("nav.commitments")}</NavLink>
            </li>
            <li>
              <NavLink to="/volunteer/offers">{t("nav.offers")}</NavLink>
            </li>
            <li>
              <NavLink to="/volunteer/hours">{t("nav.hours")}</NavLink>
            </li>
            <li>
              <NavLink to="/volunteer/proof">{t("proof:nav")}</NavLink>
            </li>
            <li>
              <NavLink to="/volunteer/profile">{t("nav.profile")}</NavLink>
            </li>
          </ul>
        </nav>
      ) : null}
      <Outlet />
    </>
  );
}
