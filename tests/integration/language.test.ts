import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { users } from "@db/schema";
import { action } from "~/routes/language";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { getDb } from "~/utils/db.server";
import { createUser } from "../factories";
import { buildRequest, callAction, sessionCookieFor } from "../helpers/route-calls";

describe("language switcher", () => {
  it("remembers the choice in a cookie and goes back to the page", async () => {
    const result = await callAction(action, "/language", {
      form: { locale: "ar", returnTo: "/activities?page=2" },
    });
    expect(result.status).toBe(302);
    expect(result.location).toBe("/activities?page=2");
    expect(result.headers.get("Set-Cookie")).toMatch(/^lng=/);
  });

  it("refuses foreign redirect targets and unknown languages", async () => {
    const foreign = await callAction(action, "/language", {
      form: { locale: "en", returnTo: "//evil.test/" },
    });
    expect(foreign.location).toBe("/");
    // A language the switcher does not offer: 400 with a message, nothing stored.
    const unknown = (await action({
      request: buildRequest("/language", { form: { locale: "xx", returnTo: "/activities" } }),
      params: {},
      context: {},
    })) as Response;
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toMatch(/unvollständig oder beschädigt/);
    expect(unknown.headers.get("Set-Cookie")).toBeNull();
  });

  it("stores a signed-in person's language on the account, which a new browser then uses", async () => {
    const db = getDb();
    const user = createUser(db, { locale: "de" });
    const cookie = await sessionCookieFor(user.id);
    await callAction(action, "/language", { cookie, form: { locale: "uk", returnTo: "/" } });
    expect(db.select({ locale: users.locale }).from(users).where(eq(users.id, user.id)).get()?.locale).toBe(
      "uk",
    );

    // Same person, a browser without the language cookie, preferring German: the account wins.
    const fresh = buildRequest("/", { cookie, headers: { "Accept-Language": "de-DE,de;q=0.9" } });
    expect(await i18nServer(getDb()).getLocale(fresh)).toBe("uk");
    // A visitor is guessed from Accept-Language.
    expect(
      await i18nServer(getDb()).getLocale(
        buildRequest("/", { headers: { "Accept-Language": "tr-TR,tr;q=0.9" } }),
      ),
    ).toBe("tr");
  });
});
