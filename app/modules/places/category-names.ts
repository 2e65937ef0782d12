/**
 * The categories the hub comes with have names in the app's five languages (`common:categories.<slug>`);
 * one an admin adds has only the name it was given. Pure, for pages and the server alike: a category is
 * shown as `categoryLabel(…)`, so the translation key is one of the typed keys, never a free string.
 */
import type common from "~/locales/de/common.json";

export type BuiltInCategory = keyof typeof common.categories;

export const BUILT_IN_CATEGORIES = [
  "language_support",
  "accompaniment",
  "homework_help",
  "childcare",
  "sports",
  "arts_culture",
  "housing_search",
  "work_recognition",
  "interpreting",
  "everyday_help",
  "donations_logistics",
  "youth_leisure",
  "womens_groups",
] as const satisfies readonly BuiltInCategory[];

// Every translated category is in the list: a slug added to common.json and not here fails the type check.
type Unlisted = Exclude<BuiltInCategory, (typeof BUILT_IN_CATEGORIES)[number]>;
const everyCategoryListed: [Unlisted] extends [never] ? true : Unlisted = true;
void everyCategoryListed;

export function isBuiltInCategory(slug: string): slug is BuiltInCategory {
  return (BUILT_IN_CATEGORIES as readonly string[]).includes(slug);
}

/** The category's name in the reader's language: the translation of a built-in one, else its own name. */
export function categoryLabel(
  translate: (key: `categories.${BuiltInCategory}`) => string,
  category: { slug: string; name: string },
): string {
  return isBuiltInCategory(category.slug) ? translate(`categories.${category.slug}`) : category.name;
}
