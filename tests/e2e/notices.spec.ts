import { createCookie } from "@remix-run/node";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { gotoHydrated } from "./hydration";
import { texts } from "./texts";

// A notice after a redirect (utils/notice.server.ts) is said once, by the root, in its status region:
// after a form sent with JavaScript (the root loader runs again after the action), and after a plain
// form post; the next page, and a reload, no longer show it.

const PHONE = { width: 390, height: 844 };

/** The `lng` cookie as the server writes it: the browser reads the pages in that language. */
async function readIn(page: Page, lng: string, baseURL: string) {
  const header = await createCookie("lng", { path: "/" }).serialize(lng);
  await page.context().addCookies([{ name: "lng", value: header.slice(4).split(";")[0]!, url: baseURL }]);
}

for (const lng of ["de", "ar"] as const) {
  test(`with JavaScript (${lng}): a saved profile is announced once, and gone on the next page`, async ({
    page,
    loginAs,
    baseURL,
  }) => {
    const t = texts(lng);
    await page.setViewportSize(PHONE);
    await readIn(page, lng, baseURL!);
    await loginAs("volunteer");
    await gotoHydrated(page, "/volunteer/profile");
    await page.getByRole("button", { name: t("volunteer:profile.save") }).click();
    const notice = page.getByRole("status").getByText(t("volunteer:profile.notice.saved"));
    await expect(notice).toBeVisible();
    await expect(page).toHaveURL(/\/volunteer\/profile$/);
    // A client-side navigation (the router stays; the root loader does not run again): gone.
    await page
      .locator("footer")
      .getByRole("link", { name: t("common:footer.howItWorks") })
      .click();
    await expect(page).toHaveURL(/\/how-it-works$/);
    await expect(page.getByText(t("volunteer:profile.notice.saved"))).toHaveCount(0);
    // Back: the profile page without the notice, as after a reload.
    await page.goBack();
    await expect(page).toHaveURL(/\/volunteer\/profile$/);
    await expect(page.getByText(t("volunteer:profile.notice.saved"))).toHaveCount(0);
    await page.reload();
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByText(t("volunteer:profile.notice.saved"))).toHaveCount(0);
  });
}

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a saved profile is announced once after the redirect; a reload does not repeat it", async ({
    page,
    loginAs,
    baseURL,
  }) => {
    const t = texts("de");
    await readIn(page, "de", baseURL!);
    await loginAs("volunteer");
    await page.goto("/volunteer/profile");
    await page.getByRole("button", { name: t("volunteer:profile.save") }).click();
    await expect(page).toHaveURL(/\/volunteer\/profile$/);
    await expect(page.getByRole("status").getByText(t("volunteer:profile.notice.saved"))).toBeVisible();
    const cookies = await page.context().cookies();
    expect(
      cookies.find((c) => c.name === "notice"),
      "the notice cookie is cleared",
    ).toBeUndefined();
    await page.reload();
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByText(t("volunteer:profile.notice.saved"))).toHaveCount(0);
  });
});
