import { useTranslation } from "react-i18next";
import { categoryLabel } from "~/modules/places/category-names";

/** A category's name in the reader's language (modules/places/category-names.ts). */
export function useCategoryName(): (category: { slug: string; name: string }) => string {
  const { t } = useTranslation("common");
  return (category) => categoryLabel((key) => t(key), category);
}
