import { Form, Link, NavLink, useLocation, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { NavDisclosure } from "~/components/nav-disclosure";
import { LOCALE_NAMES, SUPPORTED_LOCALES } from "~/modules/i18n/config";

interface RootData {
  locale: string;
  city: string | null;
  user: {
    displayName: string;
    role: "volunteer" | "org_member" | "coordinator" | "admin";
    homePath: string;
    isVolunteer: boolean;
    hasOrganisation: boolean;
    unreadNotifications: number;
  } | null;
}

/*
 * Desktop: one line with the brand, the navigation, the account menu and the language switch; where the
 * account menu and the language do not both fit beside the navigation, the language stays on the
 * navigation's line and the account menu goes below it (flex-wrap: wrap-reverse in app.css).
 * Phones (below 40rem): the brand and the language switch, and below them a disclosure ("Menü",
 * components/nav-disclosure.tsx) that holds the navigation and the account menu as a list, each item a
 * full line. The two menus are the same components; CSS shows one of them (display: none also hides the
 * other from screen readers).
 */
export function SiteHeader() {
  const { t } = useTranslation();
  const user = useRouteLoaderData<RootData>("root")?.user ?? null;
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        {t("nav.skipToContent")}
      </a>
      <div className="site-header__inner">
        <Link to="/" className="brand">
          <span aria-hidden="true" className="brand__mark">
            ◐
          </span>{" "}
          miteinander
        </Link>
        <div className="site-header__wide">
          <MainNav user={user} />
        </div>
        <div className="site-header__end">
          <div className="site-header__wide">
            <AccountMenu user={user} />
          </div>
          <LanguageSwitcher />
        </div>
        <PhoneMenu user={user} />
      </div>
    </header>
  );
}

function MainNav({ user }: { user: RootData["user"] }) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t("nav.label")}>
      <ul className="nav-list">
        <li>
          <NavLink to="/activities">{t("nav.activities")}</NavLink>
        </li>
        <li>
          <NavLink to="/how-it-works">{t("nav.howItWorks")}</NavLink>
        </li>
        {user ? <AreaLinks user={user} /> : null}
      </ul>
    </nav>
  );
}

/** The phone's menu. The unread count shows on its button, so a closed menu still says that a message waits. */
function PhoneMenu({ user }: { user: RootData["user"] }) {
  const { t } = useTranslation();
  const unread = user?.unreadNotifications ?? 0;
  return (
    <NavDisclosure
      className="phone-menu"
      summary={
        <>
          <span aria-hidden="true" className="phone-menu__icon">
            ☰
          </span>{" "}
          {t("nav.menu")}
          <UnreadCount unread={unread} />
        </>
      }
    >
      <MainNav user={user} />
      <AccountMenu user={user} />
    </NavDisclosure>
  );
}

/** The areas this person may use. Hiding a link is convenience only: every route checks for itself. */
function AreaLinks({ user }: { user: NonNullable<RootData["user"]> }) {
  const { t } = useTranslation("auth");
  return (
    <>
      {user.isVolunteer ? (
        <li>
          <NavLink to="/volunteer">{t("nav.volunteer")}</NavLink>
        </li>
      ) : null}
      {user.hasOrganisation ? (
        <li>
          <NavLink to="/organisation">{t("nav.organisation")}</NavLink>
        </li>
      ) : null}
      {/* An organisation's requests and needs are on its own page, where it says what they are for. */}
      {user.isVolunteer ? (
        <li>
          <NavLink to="/matches">{t("nav.matches")}</NavLink>
        </li>
      ) : null}
      {user.role === "coordinator" || user.role === "admin" ? (
        <li>
          <NavLink to="/coordination">{t("nav.coordination")}</NavLink>
        </li>
      ) : null}
      {user.role === "admin" ? (
        <li>
          <NavLink to="/admin">{t("nav.admin")}</NavLink>
        </li>
      ) : null}
    </>
  );
}

/** Log in / register for visitors; account and a logout button (a POST, so no link can log anyone out). */
function AccountMenu({ user }: { user: RootData["user"] }) {
  const { t } = useTranslation("auth");
  if (!user) {
    return (
      <ul className="nav-list account-menu">
        <li>
          <NavLink to="/login">{t("nav.login")}</NavLink>
        </li>
        <li>
          <NavLink to="/register">{t("nav.register")}</NavLink>
        </li>
      </ul>
    );
  }
  return (
    <div className="account-menu">
      <InboxLink unread={user.unreadNotifications} />
      <NavLink to="/account" className="account-menu__account">
        {t("nav.account", { name: user.displayName })}
      </NavLink>
      <Form method="post" action="/logout">
        <button type="submit" className="button button--small button--secondary">
          {t("nav.logout")}
        </button>
      </Form>
    </div>
  );
}

/** The number of unread messages as a badge, and in words for screen readers; nothing when there are none. */
function UnreadCount({ unread }: { unread: number }) {
  const { t } = useTranslation("notifications");
  if (unread <= 0) return null;
  return (
    <>
      {" "}
      <span className="tag" aria-hidden="true">
        {unread}
      </span>
      <span className="visually-hidden">{t("nav.unread", { count: unread })}</span>
    </>
  );
}

/** The inbox with its unread count; the count is part of the link's name for screen readers. */
function InboxLink({ unread }: { unread: number }) {
  const { t } = useTranslation("notifications");
  return (
    <NavLink to="/inbox">
      {t("nav.inbox")}
      <UnreadCount unread={unread} />
    </NavLink>
  );
}

/** Works without JavaScript: a plain form that posts the choice and returns to this page. */
export function LanguageSwitcher() {
  const { t } = useTranslation();
  const data = useRouteLoaderData<RootData>("root");
  const location = useLocation();
  const current = data?.locale ?? "de";
  return (
    <Form method="post" action="/language" className="language-switcher" reloadDocument>
      <input type="hidden" name="returnTo" value={location.pathname + location.search} />
      <label htmlFor="language-select">{t("language.label")}</label>
      <select id="language-select" name="locale" defaultValue={current} key={current}>
        {SUPPORTED_LOCALES.map((code) => (
          <option key={code} value={code} lang={code}>
            {LOCALE_NAMES[code]}
          </option>
        ))}
      </select>
      <button type="submit" className="button button--small">
        {t("language.submit")}
      </button>
    </Form>
  );
}

export function SiteFooter() {
  const { t } = useTranslation();
  const city = useRouteLoaderData<RootData>("root")?.city ?? null;
  return (
    <footer className="site-footer">
      <p>{city ? t("footer.tagline", { city }) : t("footer.taglineLocal")}</p>
      <ul className="footer-links">
        <li>
          <Link to="/how-it-works">{t("footer.howItWorks")}</Link>
        </li>
        <li>
          <Link to="/privacy">{t("footer.privacy")}</Link>
        </li>
        <li>
          <Link to="/feeds">{t("footer.feeds")}</Link>
        </li>
      </ul>
    </footer>
  );
}
