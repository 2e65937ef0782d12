import { DEMO_ACCOUNTS, DEMO_PASSWORD, expect, latestEmailTo, test } from "./fixtures";

const HOMES = {
  volunteer: { path: "/volunteer", heading: /^Hallo / },
  organisation: { path: "/organisation", heading: /Ihre Organisation/ },
  coordinator: { path: "/coordination", heading: /^Koordination: / },
  admin: { path: "/admin", heading: /^Verwaltung$/ },
} as const;

test.describe("login with the form", () => {
  for (const [who, home] of Object.entries(HOMES)) {
    test(`the demo ${who} lands on ${home.path}`, async ({ page }) => {
      await page.goto("/login", { waitUntil: "networkidle" });
      await page.getByLabel("E-Mail-Adresse").fill(DEMO_ACCOUNTS[who as keyof typeof HOMES]);
      await page.getByLabel("Passwort", { exact: true }).fill(DEMO_PASSWORD);
      await page.getByRole("button", { name: "Anmelden" }).click();
      await expect(page).toHaveURL(home.path);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(home.heading);
    });
  }
});

test.describe("the whole account journey", () => {
  // The login before the confirmation is refused with 400, which Chromium reports as a failed load.
  test.use({ expectedConsoleErrors: [/status of 400/] });

  test("register → confirm via the e-mail → logout → login → forgotten password → reset via the e-mail → login", async ({
    page,
  }) => {
    const email = `e2e-${Date.now()}@beispiel.test`;
    const name = "Mara E2E";

    await page.goto("/register", { waitUntil: "networkidle" });
    await page.getByLabel("Name").fill(name);
    await page.getByLabel("E-Mail-Adresse").fill(email);
    await page.getByLabel("Neues Passwort").fill("Erster Versuch 2026");
    await page.getByRole("button", { name: "Konto anlegen" }).click();
    // The address stands in the sentence as a unit of its own direction (Unicode isolates around it).
    await expect(page.getByRole("status")).toContainText(
      `Wir haben eine E-Mail an \u2068${email}\u2069 geschickt`,
    );

    // No login before the address is confirmed.
    await page.goto("/login", { waitUntil: "networkidle" });
    await page.getByLabel("E-Mail-Adresse").fill(email);
    await page.getByLabel("Passwort", { exact: true }).fill("Erster Versuch 2026");
    await page.getByRole("button", { name: "Anmelden" }).click();
    await expect(page.getByText("Bitte bestätigen Sie zuerst Ihre E-Mail-Adresse.")).toBeVisible();
    await expect(page).toHaveURL("/login");

    const confirmation = latestEmailTo(email, "account_confirmation");
    expect(confirmation?.subject).toBe("Bitte bestätigen Sie Ihre E-Mail-Adresse");
    const confirmLink = confirmation!.bodyText.match(
      /https?:\/\/\S+\/confirm-email\?token=[A-Za-z0-9_-]+/,
    )![0];
    await page.goto(new URL(confirmLink).pathname + new URL(confirmLink).search, {
      waitUntil: "networkidle",
    });
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("E-Mail-Adresse bestätigen");
    await page.getByRole("button", { name: "Bestätigen und anmelden" }).click();
    await expect(page).toHaveURL("/volunteer");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Hallo ${name}`);

    await page.getByRole("button", { name: "Abmelden" }).click();
    await expect(page).toHaveURL("/");
    await expect(page.getByRole("link", { name: "Anmelden" })).toBeVisible();

    await page.goto("/login", { waitUntil: "networkidle" });
    await page.getByLabel("E-Mail-Adresse").fill(email);
    await page.getByLabel("Passwort", { exact: true }).fill("Erster Versuch 2026");
    await page.getByRole("button", { name: "Anmelden" }).click();
    await expect(page).toHaveURL("/volunteer");
    await page.getByRole("button", { name: "Abmelden" }).click();
    await expect(page).toHaveURL("/");

    await page.goto("/login", { waitUntil: "networkidle" });
    await page.getByRole("link", { name: "Passwort vergessen?" }).click();
    await expect(page).toHaveURL("/forgot-password");
    await page.getByLabel("E-Mail-Adresse").fill(email);
    await page.getByRole("button", { name: "Link schicken" }).click();
    await expect(page.getByRole("status")).toContainText("Wenn es für diese Adresse ein Konto gibt");

    const mail = latestEmailTo(email, "password_reset");
    expect(mail?.subject).toBe("Neues Passwort für miteinander");
    const link = mail!.bodyText.match(/https?:\/\/\S+\/reset-password\?token=[A-Za-z0-9_-]+/)![0];
    await page.goto(new URL(link).pathname + new URL(link).search, { waitUntil: "networkidle" });
    await page.getByLabel("Neues Passwort").fill("Zweiter Versuch 2026");
    await page.getByRole("button", { name: "Passwort speichern" }).click();
    await expect(page).toHaveURL("/login");
    await expect(page.getByRole("status")).toContainText("Ihr Passwort ist geändert");

    await page.getByLabel("E-Mail-Adresse").fill(email);
    await page.getByLabel("Passwort", { exact: true }).fill("Zweiter Versuch 2026");
    await page.getByRole("button", { name: "Anmelden" }).click();
    await expect(page).toHaveURL("/volunteer");

    // The link was single-use.
    await page.goto(new URL(link).pathname + new URL(link).search, { waitUntil: "networkidle" });
    await expect(page.getByRole("alert")).toContainText("Dieser Link gilt nicht mehr");
  });
});

test("in the demo, a new registration says where its e-mail is; the link in the outbox confirms and logs in", async ({
  page,
}) => {
  const email = `demo-postausgang-${Date.now()}@beispiel.test`;
  await page.goto("/register", { waitUntil: "networkidle" });
  await page.getByLabel("Name").fill("Ida Demo");
  await page.getByLabel("E-Mail-Adresse").fill(email);
  await page.getByLabel("Neues Passwort").fill("Erster Versuch 2026");
  await page.getByRole("button", { name: "Konto anlegen" }).click();
  await expect(page.getByText("Hier werden keine E-Mails verschickt.")).toContainText(
    `als \u2068${DEMO_ACCOUNTS.admin}\u2069 mit dem Passwort „\u2068${DEMO_PASSWORD}\u2069“`,
  );

  // As a newcomer to the demo would: follow the hint, log in as the demo's administrator.
  await page.getByRole("link", { name: "Zum Postausgang" }).click();
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fadmin%2Foutbox$/);
  await page.getByLabel("E-Mail-Adresse").fill(DEMO_ACCOUNTS.admin);
  await page.getByLabel("Passwort", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Anmelden" }).click();
  await expect(page).toHaveURL("/admin/outbox");
  await page
    .getByRole("row")
    .filter({ hasText: email })
    .getByRole("link", { name: "Bitte bestätigen Sie Ihre E-Mail-Adresse" })
    .click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "Bitte bestätigen Sie Ihre E-Mail-Adresse",
  );
  await page.getByRole("link", { name: /\/confirm-email\?token=/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("E-Mail-Adresse bestätigen");
  await page.getByRole("button", { name: "Bestätigen und anmelden" }).click();
  await expect(page).toHaveURL("/volunteer");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Hallo Ida Demo");
});

test.describe("errors", () => {
  test.use({ expectedConsoleErrors: [/status of 400/] });

  test("a wrong password shows one message for the form and keeps the e-mail", async ({ page }) => {
    await page.goto("/login", { waitUntil: "networkidle" });
    await page.getByLabel("E-Mail-Adresse").fill(DEMO_ACCOUNTS.volunteer);
    await page.getByLabel("Passwort", { exact: true }).fill("das ist falsch");
    await page.getByRole("button", { name: "Anmelden" }).click();
    await expect(page.getByText("E-Mail-Adresse oder Passwort stimmen nicht.")).toBeVisible();
    await expect(page.getByLabel("E-Mail-Adresse")).toHaveValue(DEMO_ACCOUNTS.volunteer);
  });

  test("the browser checks with the same rules and shows the error next to the field", async ({ page }) => {
    await page.goto("/register", { waitUntil: "networkidle" });
    await page.getByLabel("Name").fill("Kurz");
    await page.getByLabel("E-Mail-Adresse").fill("kurz@beispiel.test");
    await page.getByLabel("Neues Passwort").fill("kurz");
    await page.getByRole("button", { name: "Konto anlegen" }).click();
    const password = page.getByLabel("Neues Passwort");
    await expect(password).toHaveAttribute("aria-invalid", "true");
    await expect(page.locator("#register-password-error")).toHaveText(
      "Das Passwort ist zu kurz. Es braucht mindestens 10 Zeichen.",
    );
    await expect(page.getByRole("link", { name: "Das Passwort ist zu kurz" })).toHaveAttribute(
      "href",
      "#register-password",
    );
    await expect(page).toHaveURL("/register");
  });
});

test.describe("without JavaScript", () => {
  // A refused form answers 400, which Chromium reports as a failed resource load.
  test.use({ javaScriptEnabled: false, expectedConsoleErrors: [/status of 400/] });

  test("registration errors come back from the server next to the field, with the typed values", async ({
    page,
  }) => {
    await page.goto("/register");
    await page.getByLabel("Name").fill("Ohne Skript");
    await page.getByLabel("E-Mail-Adresse").fill("ohne-skript@beispiel.test");
    await page.getByLabel("Neues Passwort").fill("passwort123");
    await page.getByRole("button", { name: "Konto anlegen" }).click();
    await expect(page.locator("#register-password-error")).toHaveText(/sehr bekannt/);
    await expect(page.getByLabel("Name")).toHaveValue("Ohne Skript");
    await expect(page.getByLabel("Neues Passwort")).toHaveValue("");
  });

  test("registration and the confirmation link work as plain form posts", async ({ page }) => {
    const email = `ohne-skript-${Date.now()}@beispiel.test`;
    await page.goto("/register");
    await page.getByLabel("Name").fill("Ohne Skript");
    await page.getByLabel("E-Mail-Adresse").fill(email);
    await page.getByLabel("Neues Passwort").fill("Erster Versuch 2026");
    await page.getByRole("button", { name: "Konto anlegen" }).click();
    await expect(page.getByRole("status")).toContainText(email);
    const link = latestEmailTo(email, "account_confirmation")!.bodyText.match(
      /https?:\/\/\S+\/confirm-email\?token=[A-Za-z0-9_-]+/,
    )![0];
    // The page keeps its token out of other sites' Referer, yet its own form post passes the origin check.
    await page.goto(new URL(link).pathname + new URL(link).search);
    await page.getByRole("button", { name: "Bestätigen und anmelden" }).click();
    await expect(page).toHaveURL("/volunteer");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Hallo Ohne Skript");
  });

  test("login and logout work as plain form posts", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("E-Mail-Adresse").fill(DEMO_ACCOUNTS.organisation);
    await page.getByLabel("Passwort", { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Anmelden" }).click();
    await expect(page).toHaveURL("/organisation");
    await page.getByRole("button", { name: "Abmelden" }).click();
    await expect(page).toHaveURL("/");
  });
});

// The e2e server is a demo on http://127.0.0.1, whose cookies are not Secure (ADR 026); the production
// shape (__Host-session, Secure) is checked in tests/integration/auth-sessions.test.ts and behind TLS.
test("the session cookie is HttpOnly and SameSite=Lax, for the whole site", async ({
  page,
  context,
  loginAs,
}) => {
  await loginAs("volunteer");
  const cookie = (await context.cookies()).find((c) => c.name.endsWith("session"));
  expect(cookie).toMatchObject({
    name: "session",
    httpOnly: true,
    sameSite: "Lax",
    path: "/",
  });
  await page.goto("/account/sessions", { waitUntil: "networkidle" });
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Angemeldete Geräte");
  await expect(page.getByText("Dieses Gerät")).toBeVisible();
});

test("a visitor is sent to login and comes back after it", async ({ page }) => {
  await page.goto("/account", { waitUntil: "networkidle" });
  await expect(page).toHaveURL("/login?redirectTo=%2Faccount");
  await page.getByLabel("E-Mail-Adresse").fill(DEMO_ACCOUNTS.coordinator);
  await page.getByLabel("Passwort", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Anmelden" }).click();
  await expect(page).toHaveURL("/account");
});

test("another role's page answers 403", async ({ page, loginAs }) => {
  await loginAs("volunteer");
  const response = await page.request.get("/admin");
  expect(response.status()).toBe(403);
});

test("a cross-site POST is refused before it reaches the app", async ({ request }) => {
  const refused = await request.post("/login", {
    form: { email: DEMO_ACCOUNTS.admin, password: DEMO_PASSWORD },
    headers: { Origin: "https://evil.example" },
    maxRedirects: 0,
  });
  expect(refused.status()).toBe(403);
  const sameSite = await request.post("/login", {
    form: { email: DEMO_ACCOUNTS.admin, password: DEMO_PASSWORD },
    headers: { "Sec-Fetch-Site": "cross-site" },
    maxRedirects: 0,
  });
  expect(sameSite.status()).toBe(403);
});

test("every response carries the security headers, with a nonce CSP and no inline scripts", async ({
  request,
}) => {
  const response = await request.get("/login");
  const headers = response.headers();
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["content-security-policy"]).not.toMatch(/script-src[^;]*unsafe-inline/);
  expect(headers["x-content-type-options"]).toContain("nosniff");
  expect(headers["referrer-policy"]).toContain("strict-origin-when-cross-origin");
  // No HSTS for a demo on plain http on this machine (ADR 026); production sends it.
  expect(headers["strict-transport-security"]).toBeUndefined();
  // Exactly one policy: two CSP headers would both be enforced.
  expect(
    response.headersArray().filter((h) => h.name.toLowerCase() === "content-security-policy"),
  ).toHaveLength(1);

  for (const path of ["/healthz", "/favicon.svg", "/feeds/activities.json"]) {
    const other = await request.get(path);
    const h = other.headers();
    expect(h["content-security-policy"], path).toContain("frame-ancestors 'none'");
    expect(h["x-content-type-options"], path).toBe("nosniff");
    expect(h["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
    expect(h["strict-transport-security"], path).toBeUndefined();
  }
  const refused = await request.post("/login", {
    headers: { Origin: "https://evil.example" },
    maxRedirects: 0,
  });
  expect(refused.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
});

test.describe("account and home pages render for their people", () => {
  const pagesFor = {
    volunteer: ["/volunteer", "/account", "/account/password", "/account/email", "/account/sessions"],
    organisation: ["/organisation"],
    coordinator: ["/coordination"],
    admin: ["/admin", "/admin/users", "/admin/users?role=coordinator", "/admin/invites"],
  } as const;
  for (const [who, paths] of Object.entries(pagesFor)) {
    test(`as ${who}`, async ({ page, loginAs }) => {
      await loginAs(who as keyof typeof pagesFor);
      for (const path of paths) {
        const response = await page.goto(path, { waitUntil: "networkidle" });
        expect(response?.status(), path).toBe(200);
        await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      }
    });
  }
});

test("the login and registration forms have no axe violations", async ({ page }) => {
  const { default: AxeBuilder } = await import("@axe-core/playwright");
  for (const path of ["/login", "/register", "/register/organisation", "/forgot-password"]) {
    await page.goto(path, { waitUntil: "networkidle" });
    const results = await new AxeBuilder({ page }).analyze();
    expect(
      results.violations.map((v) => `${path}: ${v.id} ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
    ).toEqual([]);
  }
});
