import { useTranslation } from "react-i18next";

/**
 * On a phone the filter form comes first and fills the screen: this link, shown only where the filter
 * sits above the results (app.css hides it beside a sidebar), jumps straight to them.
 */
export function JumpToResults({ target, count }: { target: string; count: number }) {
  const { t } = useTranslation("common");
  return (
    <p className="jump-to-results">
      <a href={`#${target}`}>{t("form.jumpToResults", { count })}</a>
    </p>
  );
}
