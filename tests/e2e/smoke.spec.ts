import { expect, test } from "./fixtures";

test("GET /healthz answers 200", async ({ request }) => {
  const response = await request.get("/healthz");
  expect(response.status()).toBe(200);
});

test("the home page renders a German document with a main landmark", async ({ page }) => {
  // networkidle: wait for hydration, so errors it reports are seen before the fixture checks.
  const response = await page.goto("/", { waitUntil: "networkidle" });
  expect(response?.status()).toBe(200);
  await expect(page.locator("html")).toHaveAttribute("lang", "de");
  await expect(page.getByRole("main")).toBeVisible();
});
