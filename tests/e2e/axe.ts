import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect } from "./fixtures";
import { gotoHydrated } from "./hydration";
import { withLanguage } from "./key-pages";

export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/** Scans one page; returns the violations as short lines (rule, impact, the first few targets). */
export async function scan(page: Page, path: string, lng: string): Promise<string[]> {
  const response = await gotoHydrated(page, withLanguage(path, lng));
  expect(response?.status(), `${path} answers`).toBeLessThan(400);
  await expect(page.locator("html")).toHaveAttribute("dir", lng === "ar" ? "rtl" : "ltr");
  // Legacy mode runs axe in the page itself instead of opening a blank page per scan to merge frame
  // results (there are no iframes); only violations are collected. Both keep the 80 scans quick.
  const result = await new AxeBuilder({ page })
    .withTags(WCAG_TAGS)
    .setLegacyMode(true)
    .options({ resultTypes: ["violations"] })
    .analyze();
  return result.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} — ${v.nodes
        .slice(0, 3)
        .map((n) => n.target.join(" "))
        .join(", ")}${v.nodes.length > 3 ? ` and ${v.nodes.length - 3} more` : ""}`,
  );
}
