/**
 * The demo's published logins: every seeded account shares the password. Kept free of imports so the
 * app can name them (in a demo database only) without loading the seed.
 */
export const DEMO_PASSWORD = "miteinander-demo";

export const DEMO_EMAILS = {
  admin: "admin@miteinander.test",
  coordinator: "koordination@miteinander.test",
  organisationMember: "verein@miteinander.test",
  volunteer: "helfer@miteinander.test",
} as const;
