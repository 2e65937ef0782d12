import type { Page } from "@playwright/test";

/** The document's width, and the elements that stick out of the viewport on either side, for the message. */
export async function overflow(page: Page, width: number) {
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
  }, width);
}
