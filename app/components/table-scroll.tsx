import type { ReactNode } from "react";

/**
 * A wide table on a narrow screen scrolls inside this box instead of the whole page sideways. The box is
 * in the tab order, so keyboard users can scroll it with the arrow keys, and named, so screen readers
 * say what it holds (WCAG 1.4.10, 2.1.1). A group rather than a region: the section around the table is
 * often a region named by the same heading already, and two landmarks with one name confuse.
 */
export function TableScroll({
  labelledBy,
  label,
  children,
}: {
  labelledBy?: string;
  label?: string;
  children: ReactNode;
}) {
  return (
    <div
      className="table-scroll"
      role="group"
      aria-labelledby={labelledBy}
      aria-label={labelledBy ? undefined : label}
      tabIndex={0}
    >
      {children}
    </div>
  );
}
