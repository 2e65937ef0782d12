import { test as base, expect } from "@playwright/test";
import Database from "better-sqlite3";

export const DEMO_PASSWORD = "miteinander-demo";

/** The demo seed's accounts (db/seed), one per role. */
export const DEMO_ACCOUNTS = {
  admin: "admin@miteinander.test",
  coordinator: "koordination@miteinander.test",
  organisation: "verein@miteinander.test",
  volunteer: "helfer@miteinander.test",
} as const;
export type DemoAccount = keyof typeof DEMO_ACCOUNTS;

interface Fixtures {
  /**
   * Console errors a test expects (e.g. Chromium's "Failed to load resource: … status of 400" when an
   * action answers a wrong password with 400). Set with `test.use({ expectedConsoleErrors: [/…/] })`.
   */
  expectedConsoleErrors: RegExp[];
  /**
   * Logs the page's browser context in without the form (POST /login through the context's own request
   * client, so the session cookie lands in the browser). Only the login test itself uses the form.
   */
  loginAs: (who: DemoAccount | { email: string; password: string }) => Promise<void>;
}

/**
 * `test` with a `page` that fails the test on any browser console error or uncaught page error
 * (hydration mismatches, failed asset loads such as a missing favicon, runtime exceptions).
 */
export const test = base.extend<Fixtures>({
  expectedConsoleErrors: [[], { option: true }],
  page: async ({ page, expectedConsoleErrors }, use) => {
    const problems: string[] = [];
    page.on("console", (message) => {
      if (message.type() !== "error") return;
      if (expectedConsoleErrors.some((pattern) => pattern.test(message.text()))) return;
      const { url, lineNumber } = message.location();
      problems.push(`console.error: ${message.text()}${url ? ` (${url}:${lineNumber})` : ""}`);
    });
    page.on("pageerror", (error) => problems.push(`page error: ${error.stack ?? error.message}`));

    await use(page);

    expect(problems, "the browser reported errors").toEqual([]);
  },
  loginAs: async ({ page, baseURL }, use) => {
    await use(async (who) => {
      const { email, password } =
        typeof who === "string" ? { email: DEMO_ACCOUNTS[who], password: DEMO_PASSWORD } : who;
      const response = await page.request.post("/login", {
        form: { email, password, redirectTo: "" },
        headers: { Origin: baseURL! },
        maxRedirects: 0,
      });
      expect(response.status(), `login as ${email}`).toBe(302);
    });
  },
});

/** The e2e server's database (see playwright.config.ts), opened read-only. */
export function openE2eDatabase(): Database.Database {
  const raw = process.env.MITEINANDER_E2E_RUN;
  if (!raw) throw new Error("MITEINANDER_E2E_RUN is not set: run through playwright.config.ts");
  const { databasePath } = JSON.parse(raw) as { databasePath: string };
  return new Database(databasePath, { readonly: true, fileMustExist: true });
}

/** The newest e-mail of a kind to an address, as the outbox holds it (text body). */
export function latestEmailTo(
  address: string,
  kind: string,
): { subject: string; bodyText: string } | undefined {
  const db = openE2eDatabase();
  try {
    return db
      .prepare(
        "select subject, body_text as bodyText from email_outbox where to_address = ? and kind = ? order by id desc limit 1",
      )
      .get(address, kind) as { subject: string; bodyText: string } | undefined;
  } finally {
    db.close();
  }
}

export { expect };
