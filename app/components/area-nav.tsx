import { NavLink, useLocation } from "@remix-run/react";
import { NavDisclosure } from "~/components/nav-disclosure";

export interface AreaNavItem {
  to: string;
  label: string;
  /** Current only on this exact path (an area's overview), not on the pages below it. */
  end?: boolean;
}

/**
 * An area's own navigation under the header (the volunteer's, the coordinator's). On a wide screen its
 * links on a line, wrapping where they do not fit. On a phone (below 40rem) one button that names the
 * area and the page one is on, and opens the links as a list, one a line: a row that scrolled sideways
 * hid its last links ("Mein Profil", "Import") with no sign that they were there. Both are the same list;
 * CSS shows one of them (display: none also hides the other from screen readers).
 */
export function AreaNav({ label, items }: { label: string; items: AreaNavItem[] }) {
  const { pathname } = useLocation();
  const current = items.find((item) =>
    item.end ? pathname === item.to : pathname === item.to || pathname.startsWith(`${item.to}/`),
  );
  const list = (
    <ul className="area-nav__list">
      {items.map((item) => (
        <li key={item.to}>
          <NavLink to={item.to} end={item.end}>
            {item.label}
          </NavLink>
        </li>
      ))}
    </ul>
  );
  return (
    <div className="area-nav page page--wide">
      <nav aria-label={label} className="area-nav__wide">
        {list}
      </nav>
      <NavDisclosure
        className="area-nav__phone"
        summary={
          <>
            <span>
              {label}
              {current ? (
                <>
                  : <strong>{current.label}</strong>
                </>
              ) : null}
            </span>
            <span aria-hidden="true" className="nav-disclosure__chevron">
              ▾
            </span>
          </>
        }
      >
        <nav aria-label={label}>{list}</nav>
      </NavDisclosure>
    </div>
  );
}
