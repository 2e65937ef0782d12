/**
 * The last successes that came back as page data now redirect with a notice (ADR 097): ending other
 * sessions, ending one session, installing the default first steps. A refusal stays on the page.
 */
import { describe, expect, it } from "vitest";
import * as sessionsPage from "~/routes/account.sessions";
import * as firstStepsPage from "~/routes/admin.first-steps._index";
import { getDb } from "~/utils/db.server";
import { createUser } from "../factories";
import { callAction, noticesOf, sessionCookieFor } from "../helpers/route-calls";

describe("successes as notices", () => {
  it("ending the other sessions and one session redirect to the list with how many ended", async () => {
    const user = createUser(getDb(), { role: "volunteer" });
    const cookie = await sessionCookieFor(user.id);
    await sessionCookieFor(user.id);
    await sessionCookieFor(user.id);
    const others = await callAction(sessionsPage.action, "/account/sessions", {
      cookie,
      form: { intent: "revoke-others" },
    });
    expect(others.status).toBe(302);
    expect(others.headers.get("Location")).toBe("/account/sessions");
    expect(await noticesOf(others)).toEqual([{ key: "auth:sessions.revokedOthers", values: { count: 2 } }]);

    const unknown = await callAction(sessionsPage.action, "/account/sessions", {
      cookie,
      form: { intent: "revoke", sessionId: "no-such-session" },
    });
    expect(unknown.status).toBe(404);
    expect(await noticesOf(unknown)).toBeNull();
  });

  it("installing the default first steps redirects with how many were added, and warns of missing areas", async () => {
    const admin = createUser(getDb(), { role: "admin" });
    const cookie = await sessionCookieFor(admin.id);
    // A hub without the areas of help the defaults use: none can be added, and the notice says why.
    const first = await callAction(firstStepsPage.action, "/admin/first-steps", {
      cookie,
      form: { intent: "install-defaults" },
    });
    expect(first.status).toBe(302);
    expect(first.headers.get("Location")).toBe("/admin/first-steps");
    const [installed, missing] = (await noticesOf(first)) ?? [];
    expect(installed).toEqual({ key: "arrivals:templates.installed", values: { count: 0, present: 0 } });
    expect(missing).toMatchObject({ key: "arrivals:templates.missingCategories", tone: "warning" });
    expect(String(missing?.values?.categories)).not.toBe("");
  });
});
