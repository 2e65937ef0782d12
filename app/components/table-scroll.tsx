import {
  Children,
  cloneElement,
  Fragment,
  isValidElement,
  useEffect,
  useRef,
  useState,
  type ReactElement,
  type ReactNode,
} from "react";
import { useTranslation } from "react-i18next";

/**
 * A wide table on a narrow screen scrolls inside this box instead of the whole page sideways. The box is
 * in the tab order, so keyboard users can scroll it with the arrow keys, and named, so screen readers
 * say what it holds (WCAG 1.4.10, 2.1.1). A group rather than a region: the section around the table is
 * often a region named by the same heading already, and two landmarks with one name confuse.
 *
 * On a phone (below 40rem) a data table inside is shown as cards instead, one per row, each value after
 * its column's heading, so that no column (the helpers on a club's home, the hours of a volunteer) is
 * reachable only by scrolling sideways. The headings are copied into each cell's `data-label` here, on
 * the server too, so the cards need no JavaScript (app.css, `.table-cards`). A table without a heading
 * row stays a table; `cards={false}` keeps one whose meaning is its grid (a heat map) as it is, and
 * says above it on a phone that it is wider than the screen: a phone shows no scroll bar, and the
 * columns past the edge (the heat map's fifth area of help and on) looked like all there was. Without
 * JavaScript the sentence shows on every phone; with it, only while the table does not fit.
 */
export function TableScroll({
  labelledBy,
  label,
  cards = true,
  children,
}: {
  labelledBy?: string;
  label?: string;
  cards?: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const [fits, setFits] = useState(false);
  useEffect(() => {
    const element = box.current;
    if (cards || !element) return;
    const measure = () => setFits(element.scrollWidth <= element.clientWidth + 1);
    const observer = new ResizeObserver(measure);
    // The box (a turned phone) and what it holds (another page of the table).
    for (const watched of [element, ...Array.from(element.children)]) observer.observe(watched);
    return () => observer.disconnect();
  }, [cards]);
  return (
    <>
      {cards || fits ? null : <p className="table-scroll__hint hint">{t("table.scrollHint")}</p>}
      <div
        ref={box}
        className="table-scroll"
        role="group"
        aria-labelledby={labelledBy}
        aria-label={labelledBy ? undefined : label}
        tabIndex={0}
      >
        {cards ? labelTables(children) : children}
      </div>
    </>
  );
}

type Props = { children?: ReactNode; colSpan?: number; [key: string]: unknown };

/** The text of a heading cell's content (strings and numbers, through any elements around them). */
function textOf(node: ReactNode): string {
  if (typeof node === "string" || typeof node === "number") return String(node);
  if (Array.isArray(node)) return node.map(textOf).join("");
  if (isValidElement<Props>(node)) return textOf(node.props.children);
  return "";
}

function elementsOf(node: ReactNode): ReactElement<Props>[] {
  return Children.toArray(node).flatMap((child) =>
    isValidElement<Props>(child)
      ? child.type === Fragment
        ? elementsOf(child.props.children)
        : [child]
      : [],
  );
}

function labelTables(node: ReactNode): ReactNode {
  return Children.map(node, (child) => {
    if (!isValidElement<Props>(child)) return child;
    if (child.type === "table") return labelTable(child);
    if (child.type === Fragment) return <>{labelTables(child.props.children)}</>;
    return child;
  });
}

function labelTable(table: ReactElement<Props>): ReactElement {
  const parts = elementsOf(table.props.children);
  const head = parts.find((p) => p.type === "thead");
  const headRow = head ? elementsOf(head.props.children).find((r) => r.type === "tr") : undefined;
  const className = [table.props.className, "table-cards"].filter(Boolean).join(" ");
  // Without a heading row, each row's own heading (th scope="row") heads its card.
  if (!headRow) return hasRowHeadings(parts) ? cloneElement(table, { className }) : table;
  const labels: string[] = [];
  for (const cell of elementsOf(headRow.props.children)) {
    const text = textOf(cell.props.children).trim();
    for (let i = 0; i < (cell.props.colSpan ?? 1); i++) labels.push(text);
  }
  return cloneElement(
    table,
    { className },
    Children.map(table.props.children, (part) =>
      isValidElement<Props>(part) && (part.type === "tbody" || part.type === "tfoot")
        ? cloneElement(part, {}, labelRows(part.props.children, labels))
        : part,
    ),
  );
}

function hasRowHeadings(parts: ReactElement<Props>[]): boolean {
  return parts
    .filter((p) => p.type === "tbody")
    .flatMap((body) => elementsOf(body.props.children))
    .some((row) => elementsOf(row.props.children).some((cell) => cell.type === "th"));
}

function labelRows(rows: ReactNode, labels: string[]): ReactNode {
  return Children.map(rows, (row) => {
    if (!isValidElement<Props>(row)) return row;
    if (row.type === Fragment) return <>{labelRows(row.props.children, labels)}</>;
    if (row.type !== "tr") return row;
    let column = 0;
    return cloneElement(
      row,
      {},
      Children.map(row.props.children, (cell) => {
        if (!isValidElement<Props>(cell) || (cell.type !== "td" && cell.type !== "th")) return cell;
        const span = cell.props.colSpan ?? 1;
        const label = span === 1 ? labels[column] : undefined;
        column += span;
        return label ? cloneElement(cell, { "data-label": label }) : cell;
      }),
    );
  });
}
