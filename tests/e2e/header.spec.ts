import type { Browser, Page } from "@playwright/test";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, expect, test, type DemoAccount } from "./fixtures";
import { gotoHydrated } from "./hydration";
import { withLanguage } from "./key-pages";
import { texts } from "./texts";

// The header as people use it. On a phone (390 px) the navigation and the account menu sit behind one
// menu button (a <details>): opened, every item is on screen, log out included, with no sideways scroll,
// in German and right to left in Arabic, by keyboard and without JavaScript. On a desktop (1280 px) the
// language switch is on the navigation's line in all five languages.

test.describe.configure({ mode: "parallel" });

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
const LANGUAGES = ["de", "en", "uk", "ar", "tr"] as const;
const WHO: (DemoAccount | "visitor")[] = ["visitor", "volunteer", "organisation", "coordinator", "admin"];

/** The items of the opened phone menu that stick out of the screen, or lie in a box that scrolls sideways. */
async function offScreenItems(page: Page): Promise<string[]> {
  return page.locator(".phone-menu .nav-disclosure__panel").evaluate((panel, width) => {
    const out: string[] = [];
    for (const el of Array.from(panel.querySelectorAll<HTMLElement>("a, button"))) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.left < -1 || box.right > width + 1) out.push(el.textContent?.trim() ?? "");
    }
    for (const el of Array.from(panel.querySelectorAll<HTMLElement>("*"))) {
      if (el.closest(".visually-hidden")) continue;
      if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== "visible")
        out.push(`scrolls: ${el.className}`);
    }
    return out;
  }, PHONE.width);
}

for (const who of WHO) {
  for (const lng of ["de", "ar"] as const) {
    test(`phone menu: ${who} reaches every item by keyboard, log out on screen (${lng})`, async ({
      page,
      loginAs,
    }) => {
      const t = texts(lng);
      await page.setViewportSize(PHONE);
      if (who !== "visitor") await loginAs(who);
      await gotoHydrated(page, withLanguage("/", lng));
      const header = page.getByRole("banner");
      // Closed: no menu item takes room; the button says what it is.
      const button = header.locator("summary");
      await expect(button).toHaveAccessibleName(new RegExp(t("common:nav.menu")));
      await expect(header.getByRole("navigation")).toHaveCount(0);

      await button.focus();
      await page.keyboard.press("Enter");
      const nav = header.getByRole("navigation", { name: t("common:nav.label") });
      await expect(nav.getByRole("link", { name: t("common:nav.activities") })).toBeVisible();
      if (who === "visitor") {
        await expect(header.getByRole("link", { name: t("auth:nav.register") })).toBeInViewport();
      } else {
        const logout = header.getByRole("button", { name: t("auth:nav.logout") });
        await expect(logout).toBeInViewport({ ratio: 1 });
        await page.keyboard.press("Tab");
        await expect(nav.getByRole("link").first()).toBeFocused();
      }
      expect(await offScreenItems(page)).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        PHONE.width,
      );

      // Escape closes it and leaves the focus on its button.
      await page.keyboard.press("Escape");
      await expect(header.getByRole("navigation")).toHaveCount(0);
      await expect(button).toBeFocused();
    });
  }
}

test("phone menu: a link in it opens the page and the menu closes behind it", async ({ page, loginAs }) => {
  await page.setViewportSize(PHONE);
  await loginAs("volunteer");
  await gotoHydrated(page, "/");
  const header = page.getByRole("banner");
  await header.locator("summary").click();
  await header.getByRole("navigation").getByRole("link", { name: "Vermittlungen" }).click();
  await expect(page).toHaveURL(/\/matches$/);
  await expect(header.getByRole("navigation")).toHaveCount(0);
});

async function noScriptPage(browser: Browser, baseURL: string) {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: PHONE, baseURL });
  const response = await context.request.post("/login", {
    form: { email: DEMO_ACCOUNTS.volunteer, password: DEMO_PASSWORD, redirectTo: "" },
    headers: { Origin: baseURL },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(302);
  return { context, page: await context.newPage() };
}

test("phone menu: opens and logs out without JavaScript", async ({ browser, baseURL }) => {
  const { context, page } = await noScriptPage(browser, baseURL!);
  await page.goto("/volunteer?lng=de");
  const header = page.getByRole("banner");
  await header.locator("summary").click();
  await expect(header.getByRole("link", { name: "Vermittlungen" })).toBeVisible();
  await header.getByRole("button", { name: "Abmelden" }).click();
  await page.getByRole("banner").locator("summary").click();
  await expect(page.getByRole("banner").getByRole("link", { name: "Anmelden" })).toBeVisible();
  await context.close();
});

for (const who of WHO) {
  test(`desktop: the language switch is on the navigation's line for ${who} in all five languages`, async ({
    page,
    loginAs,
  }) => {
    await page.setViewportSize(DESKTOP);
    if (who !== "visitor") await loginAs(who);
    for (const lng of LANGUAGES) {
      await page.goto(withLanguage("/", lng));
      const t = texts(lng);
      const header = page.getByRole("banner");
      const nav = header.getByRole("navigation", { name: t("common:nav.label") });
      const language = header.getByRole("combobox", { name: t("common:language.label") });
      await expect(nav).toBeVisible();
      await expect(header.locator("summary")).toBeHidden();
      const navBox = (await nav.getByRole("link").first().boundingBox())!;
      const languageBox = (await language.boundingBox())!;
      const navMiddle = navBox.y + navBox.height / 2;
      expect
        .soft(
          navMiddle > languageBox.y && navMiddle < languageBox.y + languageBox.height,
          `${who} (${lng}): the language switch (y ${languageBox.y}–${languageBox.y + languageBox.height}) beside the navigation (middle at y ${navMiddle})`,
        )
        .toBe(true);
      if (who !== "visitor")
        await expect
          .soft(header.getByRole("button", { name: t("auth:nav.logout") }), `${who} (${lng}): log out`)
          .toBeInViewport();
      expect
        .soft(await header.evaluate((h) => h.getBoundingClientRect().height), `${who} (${lng}): header`)
        .toBeLessThanOrEqual(DESKTOP.height / 6);
    }
  });
}
