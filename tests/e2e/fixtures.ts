import { test as base, expect } from "@playwright/test";

/**
 * `test` with a `page` that fails the test on any browser console error or uncaught page error
 * (hydration mismatches, failed asset loads such as a missing favicon, runtime exceptions).
 */
export const test = base.extend({
  page: async ({ page }, use) => {
    const problems: string[] = [];
    page.on("console", (message) => {
      if (message.type() !== "error") return;
      const { url, lineNumber } = message.location();
      problems.push(`console.error: ${message.text()}${url ? ` (${url}:${lineNumber})` : ""}`);
    });
    page.on("pageerror", (error) => problems.push(`page error: ${error.stack ?? error.message}`));

    await use(page);

    expect(problems, "the browser reported errors").toEqual([]);
  },
});

export { expect };
