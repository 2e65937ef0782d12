import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { appSettings, auditEvents } from "@db/schema";
import { action, loader } from "~/routes/admin.settings";
import { getDb } from "~/utils/db.server";
import { createUser } from "../factories";
import { callAction, callLoader, noticesOf, sessionCookieFor } from "../helpers/route-calls";

const valid = {
  weightLanguage: "30",
  weightDistance: "20",
  weightAvailability: "20",
  weightLoad: "10",
  weightExperience: "10",
  weightResponsiveness: "10",
  retentionDaysClosedNeeds: "180",
  retentionMonthsArrivals: "6",
  reminderHoursBefore: "12",
};

function settingsRow() {
  return getDb().select().from(appSettings).where(eq(appSettings.id, 1)).get()!;
}

describe("admin settings", () => {
  it("shows the current values and saves valid ones with an audit entry of what changed", async () => {
    const admin = createUser(getDb(), { role: "admin" });
    const cookie = await sessionCookieFor(admin.id);
    const shown = await callLoader(loader, "/admin/settings", { cookie });
    expect((shown.data as { values: Record<string, string> }).values.weightLanguage).toBe("25");

    const saved = await callAction(action, "/admin/settings", { cookie, form: valid });
    expect(saved.status).toBe(302);
    expect(await noticesOf(saved)).toEqual([{ key: "settings:saved", values: { count: 5 } }]);
    expect(settingsRow()).toMatchObject({
      weightLanguage: 30,
      weightLoad: 10,
      retentionDaysClosedNeeds: 180,
      retentionMonthsArrivals: 6,
      reminderHoursBefore: 12,
    });
    const audit = getDb().select().from(auditEvents).where(eq(auditEvents.action, "settings.updated")).all();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.details).toMatchObject({ weightLanguage: { from: 25, to: 30 } });
  });

  it.each([
    [{ weightLanguage: "101" }, "weightLanguage", "settings:errors.weightRange"],
    [{ weightDistance: "2,5" }, "weightDistance", "settings:errors.wholeNumber"],
    [{ weightLoad: "" }, "weightLoad", "settings:errors.required"],
    [{ retentionDaysClosedNeeds: "7" }, "retentionDaysClosedNeeds", "settings:errors.retentionRange"],
    [{ reminderHoursBefore: "1000" }, "reminderHoursBefore", "settings:errors.reminderRange"],
    [{ retentionMonthsArrivals: "2" }, "retentionMonthsArrivals", "settings:errors.arrivalRetentionRange"],
    [
      {
        weightLanguage: "0",
        weightDistance: "0",
        weightAvailability: "0",
        weightLoad: "0",
        weightExperience: "0",
        weightResponsiveness: "0",
      },
      "weightLanguage",
      "settings:errors.allZero",
    ],
  ])("refuses %j with a message next to the field and changes nothing", async (override, field, message) => {
    const admin = createUser(getDb(), { role: "admin" });
    const cookie = await sessionCookieFor(admin.id);
    const before = settingsRow();
    const result = await callAction(action, "/admin/settings", { cookie, form: { ...valid, ...override } });
    expect(result.status).toBe(400);
    expect((result.data as { errors: Record<string, string> }).errors[field]).toBe(message);
    expect(settingsRow()).toEqual(before);
  });
});
