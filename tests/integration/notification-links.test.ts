/**
 * Every message in an inbox, seeded or written by the app, reads as a sentence with its values in each
 * language and links to a page its reader may open (issue 13, seam 2: `{{needTitle}}` and links to
 * `/events/4`, `/hours` that answered 404).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { notifications } from "@db/schema";
import { UI_LOCALE } from "@db/schema/enums";
import { seedDatabase } from "@db/seed/seed";
import { listInbox } from "~/modules/notifications/inbox.server";
import { getDb } from "~/utils/db.server";
import { callLoader, sessionCookieFor } from "../helpers/route-calls";
import { loaderFor } from "../helpers/route-paths";

const ANCHOR = new Date("2026-11-23T00:00:00Z");

beforeAll(async () => {
  await seedDatabase(getDb(), { scale: "demo", anchor: ANCHOR });
});

describe("seeded notifications", () => {
  it("render with every value filled, in every language", () => {
    const db = getDb();
    const recipients = [...new Set(db.select({ userId: notifications.userId }).from(notifications).all())];
    expect(recipients.length).toBeGreaterThan(3);
    const problems: string[] = [];
    for (const { userId } of recipients) {
      for (const locale of UI_LOCALE) {
        for (const item of listInbox(db, userId, locale, 10_000)) {
          if (/\{\{|\}\}/.test(item.text) || item.text.startsWith("items."))
            problems.push(`${locale} ${item.kind}: ${item.text}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("link to a page the recipient may open", async () => {
    const db = getDb();
    const rows = db.select().from(notifications).all();
    const byLink = new Map<string, (typeof rows)[number]>();
    for (const row of rows) if (row.link) byLink.set(`${row.userId} ${row.link}`, row);
    expect(byLink.size).toBeGreaterThan(5);
    const kinds = new Set([...byLink.values()].map((r) => r.kind));
    expect(kinds.size).toBeGreaterThan(4);

    const problems: string[] = [];
    const cookies = new Map<string, string>();
    for (const row of byLink.values()) {
      const link = row.link!;
      const route = await loaderFor(link);
      if (!route) {
        problems.push(`${row.kind} → ${link}: no such page`);
        continue;
      }
      if (!cookies.has(row.userId)) cookies.set(row.userId, await sessionCookieFor(row.userId));
      const result = await callLoader(route.loader, link, {
        cookie: cookies.get(row.userId)!,
        params: route.params,
      });
      if (result.status !== 200)
        problems.push(`${row.kind} → ${link}: ${result.status} ${result.location ?? ""}`);
    }
    expect(problems).toEqual([]);
  });
});
