import { useLocation } from "@remix-run/react";
import { useEffect, useRef, type ReactNode } from "react";

/**
 * A menu behind one button on a phone: the header's menu and an area's navigation (components/layout.tsx,
 * components/area-nav.tsx). A <details>, so it opens and closes without JavaScript, by keyboard, and
 * screen readers announce its button as one that expands. With JavaScript it closes on every page it
 * opens (a link followed inside it, client-side, would leave it open over the new page), and Escape
 * closes it and returns to its button.
 */
export function NavDisclosure({
  className,
  summary,
  children,
}: {
  className: string;
  summary: ReactNode;
  children: ReactNode;
}) {
  const location = useLocation();
  const ref = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.open = false;
  }, [location.key]);
  return (
    <details
      ref={ref}
      className={`nav-disclosure ${className}`}
      onKeyDown={(event) => {
        if (event.key !== "Escape" || !ref.current?.open) return;
        ref.current.open = false;
        ref.current.querySelector("summary")?.focus();
      }}
    >
      <summary className="nav-disclosure__button">{summary}</summary>
      <div className="nav-disclosure__panel">{children}</div>
    </details>
  );
}
