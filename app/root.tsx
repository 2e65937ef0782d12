import { data, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { useChangeLanguage } from "remix-i18next/react";
import { DemoBanner } from "~/components/demo-banner";
import { FlashNotices } from "~/components/flash-notices";
import { SiteFooter, SiteHeader } from "~/components/layout";
import { useNonce } from "~/components/nonce";
import { homePathFor } from "~/modules/auth/auth-user";
import { getDb } from "~/utils/db.server";
import { getOptionalUser } from "~/modules/auth/session.server";
import { DEFAULT_LOCALE, directionOf, PAGE_NAMESPACES } from "~/modules/i18n/config";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { pageTitles } from "~/modules/i18n/server-t.server";
import { demoOutboxLogin, isDemoInstallation } from "~/modules/installation/installation.server";
import { cityName } from "~/utils/env.server";
import { countUnread } from "~/modules/notifications/inbox.server";
import { popFlash } from "~/utils/notice.server";
import stylesheet from "~/styles/app.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const [locale, user, { flash, setCookie }] = await Promise.all([
    i18nServer(getDb()).getLocale(request),
    getOptionalUser(getDb(), request),
    popFlash(request),
  ]);
  const body = {
    locale,
    dir: directionOf(locale),
    demo: isDemoInstallation(getDb()),
    /** The municipality (CITY_NAME), named under every page; null: neutral words. */
    city: cityName(),
    demoOutbox: demoOutboxLogin(getDb()),
    // Page titles for route meta functions, which cannot call a translation hook.
    titles: pageTitles(locale),
    // Only what the header needs: names and areas, no e-mail or ids of others.
    user: user
      ? {
          displayName: user.displayName,
          role: user.role,
          homePath: homePathFor(user),
          isVolunteer: user.isVolunteer,
          hasOrganisation: user.memberships.length > 0,
          unreadNotifications: countUnread(getDb(), user.id),
        }
      : null,
    /** What the last command said, once (utils/notice.server.ts); shown by FlashNotices. */
    flash,
  };
  return setCookie ? data(body, { headers: { "Set-Cookie": setCookie } }) : body;
}

export const handle = { i18n: ["common", "auth", "notifications"] };

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const nonce = useNonce();
  const locale = data?.locale ?? DEFAULT_LOCALE;
  return (
    <html lang={locale} dir={directionOf(locale)}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

function hashId(hash: string): string {
  try {
    return decodeURIComponent(hash.slice(1));
  } catch {
    return hash.slice(1); // a malformed escape in a hand-typed URL
  }
}

/**
 * After a client-side navigation to another page, focus moves to the new content (the `#hash` target,
 * else <main>): otherwise the focus stays on a link that is gone, screen readers hear nothing about the
 * new page and the next Tab starts at the top. Changes of the query only (filters, pages of a list) keep
 * the focus where it is.
 */
function useFocusOnNavigation() {
  const { pathname, hash } = useLocation();
  // Compared with the last place rather than "skip the first run": StrictMode runs effects twice.
  const last = useRef({ pathname, hash });
  useEffect(() => {
    const moved = pathname !== last.current.pathname || (hash !== "" && hash !== last.current.hash);
    last.current = { pathname, hash };
    // Back on the same page without its #hash is an action's redirect (a sign-up, a cancel): the
    // control that was used keeps or places the focus itself.
    if (!moved) return;
    const target = (hash && document.getElementById(hashId(hash))) || document.getElementById("main");
    if (!target) return;
    if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    // ScrollRestoration has already scrolled to the hash or the top.
    target.focus({ preventScroll: true });
  }, [pathname, hash]);
}

/**
 * A signed-in person moves between areas (home, needs, hours, settings): once the page is idle, the
 * texts of every area in their language are fetched, so the next page does not wait for its texts.
 * Visitors load only what the pages they open need.
 */
function usePrefetchTexts(signedIn: boolean, locale: string) {
  const { i18n } = useTranslation();
  useEffect(() => {
    if (!signedIn) return;
    const load = () => void i18n.loadNamespaces([...PAGE_NAMESPACES]);
    if (typeof window.requestIdleCallback === "function") {
      const id = window.requestIdleCallback(load, { timeout: 3000 });
      return () => window.cancelIdleCallback(id);
    }
    const id = window.setTimeout(load, 1000);
    return () => window.clearTimeout(id);
  }, [signedIn, locale, i18n]);
}

export default function App() {
  const data = useRouteLoaderData<typeof loader>("root");
  const locale = data?.locale ?? DEFAULT_LOCALE;
  useChangeLanguage(locale);
  useFocusOnNavigation();
  usePrefetchTexts(!!data?.user, locale);
  return (
    <>
      <DemoBanner />
      <SiteHeader />
      <main id="main" tabIndex={-1}>
        <FlashNotices />
        <Outlet />
      </main>
      <SiteFooter />
    </>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const key = status === 404 ? "notFound" : status === 403 ? "forbidden" : "unexpected";
  return (
    <>
      <DemoBanner />
      <SiteHeader />
      <main id="main" tabIndex={-1} className="page">
        <h1>{t(`errors.${key}.title`)}</h1>
        <p>{t(`errors.${key}.body`)}</p>
        <p>
          <a href="/">{t("errors.backHome")}</a>
        </p>
      </main>
      <SiteFooter />
    </>
  );
}
