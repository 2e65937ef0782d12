import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { HomeFigure } from "~/modules/home/home-pages.server";
import { formatNumber } from "~/utils/format";

/** Numbers on a home page, each a link to the list it counts. */
export function StatList<F extends HomeFigure>({
  figures,
  label,
  ariaLabel,
}: {
  figures: F[];
  label: (figure: F) => string;
  ariaLabel?: string;
}) {
  const { i18n } = useTranslation();
  return (
    <ul className="stat-list" aria-label={ariaLabel}>
      {figures.map((f) => (
        <li key={f.key}>
          <Link to={f.href}>
            <strong>{formatNumber(f.value, i18n.language)}</strong> {label(f)}
          </Link>
        </li>
      ))}
    </ul>
  );
}
