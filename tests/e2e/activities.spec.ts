import { expect, test } from "./fixtures";

// The demo seed is deterministic per week: the filters below pick values from the page itself,
// so the test holds whatever the current week's activities are.

test("the activities filters narrow the list and their state lives in the URL across a reload", async ({
  page,
}) => {
  await page.goto("/activities", { waitUntil: "networkidle" });
  const heading = page.locator("#results-heading");
  const totalText = await heading.textContent();
  const total = Number(totalText?.match(/\d+/)?.[0] ?? "0");
  expect(total).toBeGreaterThan(1);

  // Pick the category of the first activity shown: at least that one must remain.
  const firstTag = (await page.locator(".activity-card .tag").first().textContent())?.trim() ?? "";
  const category = page.getByLabel("Bereich");
  await category.selectOption({ label: firstTag });
  const language = page.getByLabel("Sprache", { exact: true }).and(page.locator("#filter-language"));
  await language.selectOption("de");
  await page.getByRole("button", { name: "Anzeigen" }).click();

  await expect(page).toHaveURL(/category=[a-z_]+/);
  await expect(page).toHaveURL(/language=de/);
  const filteredText = await heading.textContent();
  const filtered = Number(filteredText?.match(/\d+/)?.[0] ?? "0");
  expect(filtered).toBeGreaterThan(0);
  expect(filtered).toBeLessThan(total);
  const tags = await page.locator(".activity-card .tag").allTextContents();
  expect(tags.length).toBeGreaterThan(0);
  for (const tag of tags) expect(tag.trim()).toBe(firstTag);

  const urlBefore = page.url();
  await page.reload({ waitUntil: "networkidle" });
  expect(page.url()).toBe(urlBefore);
  await expect(category).toHaveValue(/[a-z_]+/);
  await expect(page.locator("#filter-language")).toHaveValue("de");
  await expect(heading).toHaveText(filteredText ?? "");

  // A date range in the past finds nothing and says so; the dates stay in the form.
  await page.getByLabel("Von (Datum)").fill("2001-01-01");
  await page.getByLabel("Bis (Datum)").fill("2001-01-31");
  await page.getByRole("button", { name: "Anzeigen" }).click();
  await expect(page).toHaveURL(/from=2001-01-01/);
  await expect(page.locator(".empty")).toBeVisible();
  await expect(page.getByLabel("Von (Datum)")).toHaveValue("2001-01-01");
});

test("an invalid filter value is explained next to its field instead of failing the page", async ({
  page,
}) => {
  const response = await page.goto("/activities?from=gestern&neighbourhood=atlantis", {
    waitUntil: "networkidle",
  });
  expect(response?.status()).toBe(200);
  await expect(page.locator("#filter-from-error")).toContainText("Datum");
  await expect(page.locator("#filter-neighbourhood-error")).toBeVisible();
  await expect(page.locator(".activity-card").first()).toBeVisible();
});

test("an activity page shows its details, shifts and schema.org data", async ({ page }) => {
  await page.goto("/activities", { waitUntil: "networkidle" });
  const firstLink = page.locator(".activity-card h3 a").first();
  const title = (await firstLink.textContent())?.trim() ?? "";
  await firstLink.click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  const jsonLd = await page.locator('script[type="application/ld+json"]').textContent();
  const data = JSON.parse(jsonLd ?? "{}") as { "@type"?: string; name?: string };
  expect(data["@type"]).toBe("Event");
  expect(data.name).toBe(title);
});

test("an unknown activity answers 404 with a friendly page", async ({ request }) => {
  // Through the API client: a browser logs every 404 document as a console error.
  const response = await request.get("/activities/999999999");
  expect(response.status()).toBe(404);
  expect(await response.text()).toContain("Diese Seite gibt es nicht");
});

test("on a phone a link above the filter jumps to the results; beside a sidebar it is not shown", async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/activities", { waitUntil: "networkidle" });
  const total = Number((await page.locator("#results-heading").textContent())?.match(/\d+/)?.[0] ?? "0");
  const jump = page.getByRole("link", { name: `Zu den Ergebnissen (${total})` });
  await expect(jump).toBeVisible();
  await expect(page.locator("#results-heading")).not.toBeInViewport();
  await jump.click();
  await expect(page).toHaveURL(/#results-heading$/);
  await expect(page.locator("#results-heading")).toBeInViewport();

  await page.setViewportSize({ width: 1280, height: 900 });
  await expect(jump).toBeHidden();
});
