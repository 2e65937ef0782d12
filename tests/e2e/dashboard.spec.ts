import { expect, test } from "./fixtures";

/** The first integer in a text ("25 von 83 …" → 25), ignoring German thousands dots. */
function firstNumber(text: string | null): number {
  const match = /\d[\d.]*/.exec(text ?? "");
  if (!match) throw new Error(`no number in ${JSON.stringify(text)}`);
  return Number(match[0].replace(/\./g, ""));
}

test("the coordinator opens the dashboard from the coordination home: heat map, chart, and numbers that lead to their lists", async ({
  page,
  loginAs,
}) => {
  // Room for a figure to be read again when another spec wrote in between (see below).
  test.slow();
  await loginAs("coordinator");
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto("/coordination", { waitUntil: "networkidle" });
  // The area's navigation above the home page leads to the evaluations.
  await page
    .getByRole("navigation", { name: "Koordination" })
    .getByRole("link", { name: "Lagebild" })
    .click();
  await expect(page).toHaveURL(/\/coordination\/dashboard$/);
  await expect(page.getByRole("heading", { level: 1, name: "Lagebild" })).toBeVisible();

  const heatMap = page.getByTestId("heat-map").locator("table");
  await expect(heatMap).toBeVisible();
  expect(await heatMap.locator("tbody td a").count()).toBeGreaterThan(10);
  const chart = page.getByTestId("weekly-chart").locator("svg");
  await expect(chart).toBeVisible();
  expect(await chart.locator("polyline").count()).toBe(3);

  await page.screenshot({ path: "test-results/dashboard-1280x800.png", fullPage: false });
  await page.screenshot({ path: "test-results/dashboard-1280-full.png", fullPage: true });
  await page.getByTestId("heat-map").screenshot({ path: "test-results/dashboard-heat-map-1280.png" });

  const { default: AxeBuilder } = await import("@axe-core/playwright");
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual(
    [],
  );

  // Each number is read and followed afresh until both agree: other specs write needs and matches into
  // the same database at the same time (recording an arrival adds open needs), so a write may fall
  // between reading a figure and opening its list. A real disagreement still fails after the retries.
  const again = { timeout: 20_000, intervals: [500, 1_000, 2_000] };

  // Coverage: "x of y needs" → the list of covered needs has x entries.
  await expect(async () => {
    await page.goto("/coordination/dashboard", { waitUntil: "networkidle" });
    const coverage = page.getByTestId("figure-coverage");
    const covered = firstNumber(await coverage.locator(".figure__detail").textContent());
    await coverage.getByRole("link").click();
    await expect(page).toHaveURL(/\/coordination\/dashboard\/needs\?covered=yes/);
    await expect(page.getByTestId("list-total")).toHaveText(new RegExp(`^${covered} Einträge?$`), {
      timeout: 2_000,
    });
  }).toPass(again);

  // Open needs of the largest category → the coordinator's needs list shows as many.
  await expect(async () => {
    await page.goto("/coordination/dashboard", { waitUntil: "networkidle" });
    const firstCategory = page
      .locator("section", { has: page.getByRole("heading", { name: "Offene Bedarfe nach Bereich" }) })
      .locator("tbody tr")
      .first();
    const open = firstNumber(await firstCategory.getByRole("link").textContent());
    await firstCategory.getByRole("link").click();
    await expect(page).toHaveURL(/\/coordination\/needs\?status=active&category=\d+/);
    await expect(page.getByRole("heading", { name: new RegExp(`^${open} Bedarfe?$`) })).toBeVisible({
      timeout: 2_000,
    });
  }).toPass(again);

  // A week of the chart's table → the list of that week's needs.
  await expect(async () => {
    await page.goto("/coordination/dashboard", { waitUntil: "networkidle" });
    await page.getByText("Als Tabelle zeigen (mit Links zu den Listen)").click();
    const busiest = page
      .locator("section", { has: page.getByRole("heading", { name: /pro Woche/ }) })
      .locator("tbody tr")
      .first();
    const needsThisWeek = firstNumber(await busiest.getByRole("link").first().textContent());
    await busiest.getByRole("link").first().click();
    await expect(page).toHaveURL(
      /\/coordination\/dashboard\/needs\?from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}$/,
    );
    await expect(page.getByTestId("list-total")).toHaveText(new RegExp(`^${needsThisWeek} Einträge?$`), {
      timeout: 2_000,
    });
  }).toPass(again);
});

test("the dashboard is readable on a 390 px phone", async ({ page, loginAs }) => {
  await loginAs("coordinator");
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/coordination/dashboard", { waitUntil: "networkidle" });
  await expect(page.getByTestId("heat-map").locator("table")).toBeVisible();
  await expect(page.getByTestId("weekly-chart").locator("svg")).toBeVisible();
  // The page itself does not scroll sideways; only the heat map's own box does.
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  const chartWidth = await page
    .getByTestId("weekly-chart")
    .evaluate((el) => el.getBoundingClientRect().width);
  expect(chartWidth).toBeGreaterThan(300);
  await page.screenshot({ path: "test-results/dashboard-390.png", fullPage: false });
  await page.screenshot({ path: "test-results/dashboard-390-full.png", fullPage: true });
  await page.getByTestId("weekly-chart").screenshot({ path: "test-results/dashboard-chart-390.png" });
  await page.getByTestId("heat-map").screenshot({ path: "test-results/dashboard-heat-map-390.png" });
});

test("reports: a CSV download with BOM and semicolons; the audit log in words", async ({ page, loginAs }) => {
  await loginAs("coordinator");
  await page.goto("/coordination/reports", { waitUntil: "networkidle" });
  await expect(page.getByRole("heading", { level: 1, name: "Berichte" })).toBeVisible();
  const href = await page.getByRole("link", { name: /Bedarfe im Zeitraum/ }).getAttribute("href");
  const response = await page.request.get(href!);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-disposition"]).toMatch(
    /^attachment; filename="bedarfe_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.csv"/,
  );
  const body = await response.body();
  expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(body.toString("utf8")).toContain("Nr.;Erfasst am;Quartier;Bereich");

  await page.goto("/coordination/audit?entityType=match", { waitUntil: "networkidle" });
  await expect(page.getByRole("heading", { level: 1, name: "Protokoll" })).toBeVisible();
  await expect(page.locator(".audit-list li").first()).toContainText(/Vermittlung \d+/);
  // Details in words: no JSON, no milliseconds, no field names of the code.
  const details = (await page.locator(".audit-details").allTextContents()).join("\n");
  expect(details).toMatch(/Bedarf: \d+/);
  expect(details).not.toMatch(/[{}"]|\d{12,}|needId|startsAt|components/);
});

test("a volunteer prints or downloads the Engagementnachweis", async ({ page, loginAs }) => {
  await loginAs("volunteer");
  await page.goto("/volunteer", { waitUntil: "networkidle" });
  await page.getByRole("link", { name: "Nachweis" }).click();
  await expect(page.getByRole("heading", { name: /Engagementnachweis für/ })).toBeVisible();
  await expect(page.getByTestId("proof-total")).toContainText("Stunden");
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("button", { name: "Drucken" })).toBeHidden();
  await page.emulateMedia({ media: "screen" });
  const pdf = await page.request.get(
    (await page.getByRole("link", { name: "Als PDF herunterladen" }).getAttribute("href"))!,
  );
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
});
