/**
 * Links the hub sends out are built from APP_URL, never from the request: a reset e-mail asked for with a
 * foreign Host header still points at the hub (docs/decisions/026-demo-and-first-start.md).
 */
import { desc, eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { emailOutbox } from "@db/schema";
import * as forgotPassword from "~/routes/forgot-password";
import * as activityPage from "~/routes/activities.$id";
import { getDb } from "~/utils/db.server";
import { createEvent, createUser } from "../factories";

afterEach(() => vi.unstubAllEnvs());

function form(body: Record<string, string>): URLSearchParams {
  return new URLSearchParams(body);
}

describe("the public origin", () => {
  it("puts APP_URL into a reset link, whatever Host the request names", async () => {
    vi.stubEnv("APP_URL", "https://miteinander.stadt.example");
    const user = createUser(getDb(), { email: "host-test@beispiel.test" });
    const request = new Request("http://evil.example/forgot-password", {
      method: "POST",
      headers: {
        Host: "evil.example",
        "X-Forwarded-Host": "evil.example",
        "Content-Type": "application/x-www-form-urlencoded",
      },
      body: form({ email: user.email }),
    });
    await forgotPassword.action({ request, params: {}, context: { clientIp: "198.51.100.7" } });
    const mail = getDb()
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.toAddress, user.email))
      .orderBy(desc(emailOutbox.id))
      .get()!;
    expect(mail.bodyText).toMatch(/https:\/\/miteinander\.stadt\.example\/reset-password\?token=/);
    expect(mail.bodyText + mail.bodyHtml).not.toContain("evil.example");
  });

  it("puts APP_URL into an activity's structured data, whatever Host the request names", async () => {
    vi.stubEnv("APP_URL", "https://miteinander.stadt.example");
    const event = createEvent(getDb());
    const result = (await activityPage.loader({
      request: new Request(`http://evil.example/activities/${event.id}`, {
        headers: { Host: "evil.example" },
      }),
      params: { id: String(event.id) },
      context: {},
    })) as { origin: string };
    expect(result.origin).toBe("https://miteinander.stadt.example");
  });
});
