import type { Locator, Page } from "@playwright/test";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, expect, test } from "./fixtures";
import { gotoHydrated, waitForHydration } from "./hydration";
import { berlinDay, createPublishedActivity, unique } from "./data";

// Keyboard only: no clicks, no fill(), no goto() after the first page. Every element that takes the focus
// on the way must show it (WCAG 2.4.7).

/**
 * The focused element must draw an outline at least 2 px wide (app.css: :focus-visible, and :focus for
 * fields) or a box shadow, and be on screen.
 */
async function expectVisibleFocus(page: Page) {
  const focus = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { what: "nothing", visible: false };
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
    const shadow = style.boxShadow !== "none";
    const box = el.getBoundingClientRect();
    const name = el.getAttribute("name") ?? (el.textContent ?? "").trim().slice(0, 40);
    return {
      what: `${el.tagName.toLowerCase()} "${name}"`,
      visible: (outline || shadow) && box.width > 0 && box.height > 0,
    };
  });
  expect(focus.visible, `visible focus on ${focus.what}`).toBe(true);
}

/** Presses Tab until `target` has the focus, checking the focus is visible at every stop. */
async function tabTo(page: Page, target: Locator, max = 60) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    await expectVisibleFocus(page);
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`${max} presses of Tab did not reach ${target}`);
}

async function focusedText(page: Page): Promise<string> {
  return page.evaluate(() => document.activeElement?.textContent?.trim() ?? "");
}

test("the skip link is the first stop and moves the focus to the main content", async ({ page }) => {
  await gotoHydrated(page, "/activities");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Zum Inhalt springen" });
  await expect(skip).toBeFocused();
  expect(await skip.evaluate((a) => a.matches(":focus-visible"))).toBe(true);
  await expectVisibleFocus(page);
  // It is moved into view when focused (it hides above the page otherwise).
  const box = await skip.boundingBox();
  expect(box && box.y >= 0).toBe(true);
  await page.keyboard.press("Enter");
  await expect(page.locator("main")).toBeFocused();
  // The next Tab goes into the content, past the header.
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => !!document.activeElement?.closest("main"))).toBe(true);
});

test.describe("a volunteer signs up for a shift with the keyboard alone", () => {
  // The hours-cap question answers 409.
  test.use({ expectedConsoleErrors: [/status of 409/] });

  test("log in, find a shift with open places, sign up, see the confirmation, cancel", async ({
    page,
    baseURL,
  }) => {
    test.slow();
    const activity = await createPublishedActivity(baseURL!, {
      title: `Tastatur-Schicht ${unique()}`,
      shiftTitle: "Aufbau",
      day: berlinDay(10),
      from: "06:00",
      to: "07:00",
    });
    await gotoHydrated(page, "/login");

    await tabTo(page, page.getByLabel("E-Mail-Adresse"));
    await page.keyboard.type(DEMO_ACCOUNTS.volunteer);
    await tabTo(page, page.getByLabel("Passwort", { exact: true }));
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/volunteer$/);
    await waitForHydration(page);
    // The new page takes the focus once it has rendered (root.tsx, useFocusOnNavigation); the address
    // changes before that when its texts are still on the way, so wait for the focus, not the address.
    await expect(page.locator("main")).toBeFocused();

    // The area's own navigation leads to the work on offer.
    await tabTo(
      page,
      page
        .getByRole("navigation", { name: "Bereich für Helfende" })
        .getByRole("link", { name: "Aufgabe finden" }),
    );
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/volunteer\/find$/);
    await expect(page.locator("main")).toBeFocused();

    // The shift this test published for itself (see data.ts), found with the page's date filter.
    await page.goto(`/volunteer/find?what=shifts&from=${activity.day}&to=${activity.day}`);
    await waitForHydration(page);
    const link = page
      .locator("article")
      .filter({ hasText: activity.title })
      .getByRole("link", { name: /^Ansehen und anmelden/ });
    await tabTo(page, link);
    const hash = `shift-${activity.shiftId}`;
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(new RegExp(`${activity.path}#${hash}$`));
    // The focus is on the shift the link pointed at, so its sign-up button is the next stop.
    const shift = page.locator(`li#${hash}`);
    await expect(shift).toBeFocused();
    await page.keyboard.press("Tab");
    await expectVisibleFocus(page);
    expect(await focusedText(page)).toMatch(/^Anmelden/);
    await page.keyboard.press("Enter");

    const confirmed = shift.getByText("Sie sind angemeldet.");
    const anyway = shift.getByRole("button", { name: /^Trotzdem anmelden/ });
    await expect(confirmed.or(anyway).first()).toBeVisible();
    if (await anyway.isVisible()) {
      // More hours than the volunteer planned a week: the same button, still focused, now asks to sign up anyway.
      await expect(anyway).toBeFocused();
      await page.keyboard.press("Enter");
    }
    // The confirmation takes the focus (so it is read out); the cancel button is the next stop.
    await expect(confirmed).toBeFocused();
    await expectVisibleFocus(page);
    await page.keyboard.press("Tab");
    await expect(shift.getByRole("button", { name: /^Absagen/ })).toBeFocused();
    await expectVisibleFocus(page);

    // Cancel again with the keyboard; the focus comes back to the sign-up button.
    await page.keyboard.press("Enter");
    await expect(shift.getByRole("button", { name: /^Anmelden/ })).toBeFocused();
  });
});
