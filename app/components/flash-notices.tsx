import { Link, useLocation, useRouteLoaderData } from "@remix-run/react";
import { useRef } from "react";
import { useDataKeys } from "~/modules/i18n/keys";
import type { Flash } from "~/utils/notice";

/**
 * The notices a command left for the page it redirected to (utils/notice.server.ts), in the one place
 * every page shows them, as a status message (role="status", like FormMessage) that screen readers
 * read out. The root loader does not run again on a plain client-side navigation: the notice belongs
 * to the location it arrived with and is gone on the next page.
 */
export function FlashNotices() {
  const flash = useRouteLoaderData<{ flash: Flash | null }>("root")?.flash ?? null;
  const location = useLocation();
  const arrived = useRef<{ id: string; at: string } | null>(null);
  if (flash && arrived.current?.id !== flash.id) arrived.current = { id: flash.id, at: location.key };
  const shown = flash && arrived.current?.at === location.key ? flash.notices : [];
  const translate = useDataKeys(shown.flatMap((n) => [n.key, n.link?.label]));
  if (shown.length === 0) return null;
  return (
    <div role="status" className="flash">
      {shown.map((notice) => (
        <div
          key={notice.key}
          className={notice.tone === "warning" ? "notice" : "form-message form-message--success"}
        >
          <p>{translate(notice.key, notice.values)}</p>
          {notice.link ? (
            <p>
              <Link to={notice.link.href} className="button button--secondary">
                {translate(notice.link.label)}
              </Link>
            </p>
          ) : null}
        </div>
      ))}
    </div>
  );
}
