import { Link, useLocation } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { BackArrow } from "~/components/back-arrow";
import { TableScroll } from "~/components/table-scroll";

/**
 * Frame of a list behind a dashboard figure: back link, title, the count, the rows and pagination, and
 * optionally what follows the list (`after`: figures about the rows).
 */
export function FigureList({
  title,
  intro,
  total,
  page,
  pageCount,
  children,
  after,
}: {
  title: string;
  intro?: ReactNode;
  total: number;
  page: number;
  pageCount: number;
  children: ReactNode;
  after?: ReactNode;
}) {
  const { t } = useTranslation("dashboard");
  const location = useLocation();
  const pageHref = (p: number) => {
    const params = new URLSearchParams(location.search);
    if (p === 1) params.delete("page");
    else params.set("page", String(p));
    const q = params.toString();
    return q ? `?${q}` : location.pathname;
  };
  return (
    <div className="page page--wide">
      <p className="breadcrumb">
        <Link to="/coordination/dashboard">
          <BackArrow /> {t("lists.back")}
        </Link>
      </p>
      <h1>{title}</h1>
      {intro ? <div className="lead">{intro}</div> : null}
      <p className="list-summary" aria-live="polite" data-testid="list-total">
        {t("lists.total", { count: total })}
      </p>
      {total === 0 ? (
        <p className="empty">{t("lists.empty")}</p>
      ) : (
        <TableScroll label={title}>{children}</TableScroll>
      )}
      {pageCount > 1 ? (
        <nav aria-label={t("lists.pagination")} className="pagination">
          {page > 1 ? (
            <Link to={pageHref(page - 1)} rel="prev">
              {t("lists.previous")}
            </Link>
          ) : (
            <span />
          )}
          <span aria-current="page">{t("lists.pageOf", { page, pageCount })}</span>
          {page < pageCount ? (
            <Link to={pageHref(page + 1)} rel="next">
              {t("lists.next")}
            </Link>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
      {after}
    </div>
  );
}
