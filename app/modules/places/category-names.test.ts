import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { UI_LOCALE } from "@db/schema/enums";
import { BUILT_IN_CATEGORIES, categoryLabel, isBuiltInCategory } from "./category-names";

const categoriesIn = (locale: string) =>
  Object.keys(
    (JSON.parse(readFileSync(`app/locales/${locale}/common.json`, "utf8")) as { categories: object })
      .categories,
  ).sort();

describe("category names", () => {
  it("the built-in categories are exactly those with names in every UI language", () => {
    for (const locale of UI_LOCALE)
      expect(categoriesIn(locale), locale).toEqual([...BUILT_IN_CATEGORIES].sort());
  });

  it("a built-in category is shown in the reader's language, one an admin added by its own name", () => {
    const translate = (key: string) => `«${key}»`;
    expect(categoryLabel(translate, { slug: "childcare", name: "Kinderbetreuung (alt)" })).toBe(
      "«categories.childcare»",
    );
    expect(categoryLabel(translate, { slug: "naehcafe", name: "Nähcafé" })).toBe("Nähcafé");
    // Slugs that only look like keys are names too.
    expect(isBuiltInCategory("categories.childcare")).toBe(false);
    expect(isBuiltInCategory("constructor")).toBe(false);
  });
});
