import { useTranslation } from "react-i18next";
import { formatList } from "~/utils/format";

/** Joins display texts the way the reader's language writes a list (commas, "und", Arabic "و"). */
export function useFormatList(): (items: readonly (string | null | undefined)[]) => string {
  const { i18n } = useTranslation();
  return (items) =>
    formatList(
      items.filter((item): item is string => !!item),
      i18n.language,
    );
}
