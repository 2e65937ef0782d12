import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { gotoHydrated } from "./hydration";
import { KEY_PAGES, resolveTargets, withLanguage, type Who } from "./key-pages";

// A phone held upright (390 px wide): no page scrolls sideways, in German and in Arabic. Wide content
// (tables) scrolls inside its own labelled region instead.

const WIDTH = 390;

test.use({ viewport: { width: WIDTH, height: 844 } });
test.describe.configure({ mode: "parallel" });

/** The document's width, and the elements that stick out of the viewport on either side, for the message. */
async function overflow(page: Page) {
  return page.evaluate((width) => {
    const scrollWidth = document.documentElement.scrollWidth;
    if (scrollWidth <= width) return { scrollWidth, culprits: [] };
    const culprits: string[] = [];
    for (const el of Array.from(document.querySelectorAll<HTMLElement>("body *"))) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || (box.right <= width + 1 && box.left >= -1)) continue;
      // Inside a scroll container it may be wider: that is what the container is for.
      let parent = el.parentElement;
      let contained = false;
      while (parent && parent !== document.body) {
        const style = getComputedStyle(parent);
        if (["auto", "scroll", "hidden", "clip"].includes(style.overflowX)) contained = true;
        parent = parent.parentElement;
      }
      if (!contained)
        culprits.push(
          `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(" ")[0]}` : ""}`,
        );
    }
    return { scrollWidth, culprits: culprits.slice(0, 5) };
  }, WIDTH);
}

for (const [who, targets] of Object.entries(KEY_PAGES) as [Who, (typeof KEY_PAGES)[Who]][]) {
  test(`${who} pages fit ${WIDTH} px in German and Arabic`, async ({ page, loginAs }) => {
    if (who !== "visitor") await loginAs(who);
    for (const path of await resolveTargets(page, targets)) {
      for (const lng of ["de", "ar"]) {
        await gotoHydrated(page, withLanguage(path, lng));
        const { scrollWidth, culprits } = await overflow(page);
        expect
          .soft(scrollWidth, `${path} (${lng}) is ${scrollWidth} px wide: ${culprits.join(", ")}`)
          .toBeLessThanOrEqual(WIDTH);
      }
    }
  });
}
