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

/**
 * The links and buttons of the header and of every navigation, and the language switch, that a person on
 * this screen cannot reach with at most one tap on a visible menu button. Opens every closed menu
 * (a <details> in the header or holding a navigation) whose button is on the screen, then looks at what
 * is shown: each control must lie within the screen's width and not past the edge of a box that scrolls
 * sideways (a row of links that scrolls shows no sign of those beyond its edge). A copy that CSS hides on
 * this screen (the desktop's navigation on a phone) counts too: each of its addresses and buttons must be
 * reachable in what is shown. Leaves the menus open: check it after what needs them closed.
 */
export async function navigationOutOfReach(page: Page, width: number): Promise<string[]> {
  const out: string[] = [];
  const menus = page.locator("header details:not([open]), details:not([open]):has(nav)");
  for (let i = await menus.count(); i > 0; i--) {
    const summary = menus.first().locator(":scope > summary");
    const box = await summary.boundingBox();
    if (!box || box.x < -1 || box.x + box.width > width + 1) {
      out.push(`a menu button off the screen: ${(await summary.textContent())?.trim()}`);
      break;
    }
    await summary.click();
  }
  const found = await page.evaluate((width) => {
    const problems: string[] = [];
    const reachable = new Set<string>();
    const all = new Map<string, string>();
    const controls = document.querySelectorAll<HTMLElement>(
      "header a[href]:not([href^='#']), header button, header select, nav a[href]:not([href^='#']), nav button",
    );
    for (const el of Array.from(controls)) {
      const key =
        el instanceof HTMLAnchorElement
          ? `link ${el.getAttribute("href")}`
          : el instanceof HTMLSelectElement
            ? `select ${el.name}`
            : `button ${el.textContent?.trim()}`;
      all.set(key, el.textContent?.trim() || key);
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || !el.checkVisibility()) continue;
      let cut = box.left < -1 || box.right > width + 1;
      for (let parent = el.parentElement; parent && !cut; parent = parent.parentElement) {
        if (!["auto", "scroll", "hidden", "clip"].includes(getComputedStyle(parent).overflowX)) continue;
        const frame = parent.getBoundingClientRect();
        cut = box.left < frame.left - 1 || box.right > frame.right + 1;
      }
      if (cut) problems.push(`cut off at the screen's or a scrolling row's edge: ${all.get(key)}`);
      else reachable.add(key);
    }
    for (const [key, text] of all)
      if (!reachable.has(key) && !problems.some((p) => p.endsWith(`: ${text}`)))
        problems.push(`not shown on this screen: ${text} (${key})`);
    return problems;
  }, width);
  return [...out, ...found];
}
