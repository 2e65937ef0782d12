import type { Page } from "@playwright/test";

/**
 * Opens a page and waits until React has hydrated it: Remix creates `window.__remixRouter` as it
 * hydrates, and two animation frames later the effects that swap no-JS fallbacks for scripted controls
 * (useHydrated) have run. Quicker than `networkidle`, which always idles for half a second.
 */
export async function gotoHydrated(page: Page, url: string) {
  const response = await page.goto(url);
  await waitForHydration(page);
  return response;
}

export async function waitForHydration(page: Page) {
  await page.waitForFunction(() => "__remixRouter" in window);
  await page.evaluate(
    () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))),
  );
}
