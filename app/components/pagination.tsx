import { Link } from "@remix-run/react";

/** Previous / "page x of y" / next for a paged list. Labels come translated from the page's own namespace. */
export function Pagination({
  page,
  pageCount,
  hrefFor,
  labels,
}: {
  page: number;
  pageCount: number;
  hrefFor: (page: number) => string;
  labels: { nav: string; previous: string; next: string; current: string };
}) {
  if (pageCount <= 1) return null;
  return (
    <nav aria-label={labels.nav} className="pagination">
      {page > 1 ? (
        <Link to={hrefFor(page - 1)} rel="prev">
          {labels.previous}
        </Link>
      ) : null}
      <span aria-current="page">{labels.current}</span>
      {page < pageCount ? (
        <Link to={hrefFor(page + 1)} rel="next">
          {labels.next}
        </Link>
      ) : null}
    </nav>
  );
}
