/**
 * Translation help through the pages (issue 17): "Entwurf übersetzen" on an activity's translations page
 * and on an organisation's profile fills the empty languages with marked machine drafts; the mark stays
 * until a person edits or confirms; readers see it; every failure of the service leaves the page
 * answering within the timeout with what it had; without TRANSLATE_URL there is no button. Only
 * activities and organisation profiles can send text.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { and, eq } from "drizzle-orm";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eventTranslations, organisationTranslations, organisations } from "@db/schema";
import { OUTSIDE_TIMEOUT_MS } from "~/modules/outside/outside-http.server";
import { getPublicActivity } from "~/modules/events/public-activities.server";
import * as publicActivityPage from "~/routes/activities.$id";
import * as translationsPage from "~/routes/organisations.$id.activities.$eventId.translations";
import * as profilePage from "~/routes/organisations.$id._index";
import { getDb } from "~/utils/db.server";
import { createEvent, createOrganisation, createUser } from "../factories";
import { callAction, callLoader, noticesOf, sessionCookieFor } from "../helpers/route-calls";
import type { Scenario } from "../mocks/scenarios";
import { server } from "../mocks/server";
import { mockTranslation, TRANSLATE_MOCK_URL, translateHandlers } from "../mocks/translate";

const db = getDb();
const TITLE = "Fußball für alle Kinder";
const DESCRIPTION = "Wir spielen jeden Dienstag auf dem Platz an der Gesamtschule. Alle sind willkommen.";
const ORG_DESCRIPTION = "Wir sind ein Sportverein im Stadtteil und freuen uns über neue Mitglieder.";

let owner: string;
let cookie: string;
let orgId: number;
const savedEnv = { ...process.env };

beforeAll(async () => {
  owner = createUser(db, { role: "org_member" }).id;
  cookie = await sessionCookieFor(owner);
  orgId = createOrganisation(db, { ownerId: owner, description: ORG_DESCRIPTION }).id;
});
beforeEach(() => {
  process.env.TRANSLATE_URL = TRANSLATE_MOCK_URL;
});
afterEach(() => {
  process.env = { ...savedEnv };
  // Each test starts with the service's breaker closed.
  db.$client.prepare("DELETE FROM outside_services").run();
});

function newActivity() {
  const event = createEvent(db, { organisationId: orgId, title: TITLE, description: DESCRIPTION });
  return {
    id: event.id,
    path: `/organisations/${orgId}/activities/${event.id}/translations`,
    params: { id: String(orgId), eventId: String(event.id) },
  };
}

const EMPTY_FORM = Object.fromEntries(
  ["en", "uk", "ar", "tr"].flatMap((l) => [
    [`translations.${l}.title`, ""],
    [`translations.${l}.description`, ""],
  ]),
);

function storedTranslations(eventId: number) {
  return db.select().from(eventTranslations).where(eq(eventTranslations.eventId, eventId)).all();
}

describe("an activity's translations page", () => {
  it("shows 'Entwurf übersetzen' only when a translation service is set", async () => {
    const a = newActivity();
    const withService = await callLoader(translationsPage.loader, a.path, { cookie, params: a.params });
    expect((withService.data as { canDraft: boolean }).canDraft).toBe(true);
    delete process.env.TRANSLATE_URL;
    const without = await callLoader(translationsPage.loader, a.path, { cookie, params: a.params });
    expect((without.data as { canDraft: boolean }).canDraft).toBe(false);
    // And the action refuses a draft request that a stale page might still send.
    const refused = await callAction(translationsPage.action, a.path, {
      cookie,
      params: a.params,
      form: { ...EMPTY_FORM, intent: "draft" },
    });
    expect(refused.status).toBe(400);
    expect(storedTranslations(a.id)).toEqual([]);
  });

  it("fills the empty languages with marked machine drafts and keeps what people wrote", async () => {
    const a = newActivity();
    const sent: Request[] = [];
    server.use(...translateHandlers("success", TRANSLATE_MOCK_URL, { onRequest: (r) => sent.push(r) }));
    const answer = await callAction(translationsPage.action, a.path, {
      cookie,
      params: a.params,
      form: {
        ...EMPTY_FORM,
        "translations.en.title": "Football for all children",
        "translations.en.description": "We play every Tuesday.",
        intent: "draft",
      },
    });
    expect(answer.status).toBe(302);
    expect(answer.location).toBe(a.path);
    expect(await noticesOf(answer)).toEqual([
      {
        key: "common:translationHelp.drafted",
        values: { count: 3, languages: "Ukrainisch, Arabisch und Türkisch" },
      },
    ]);
    // English was written by a person: not sent, not marked.
    expect(sent).toHaveLength(3);
    const rows = new Map(storedTranslations(a.id).map((r) => [r.locale, r]));
    expect(rows.get("en")).toMatchObject({ title: "Football for all children", machineTranslated: false });
    expect(rows.get("ar")).toMatchObject({
      title: mockTranslation(TITLE, "ar"),
      description: mockTranslation(DESCRIPTION, "ar"),
      machineTranslated: true,
    });
    // The page shows the mark per language (the note is the notice above, shown by the root).
    const page = await callLoader(translationsPage.loader, answer.location!, { cookie, params: a.params });
    expect(page.data).toMatchObject({ machine: { en: false, ar: true, uk: true, tr: true } });
  });

  it("readers see the draft with the mark; editing or confirming removes it", async () => {
    const a = newActivity();
    await callAction(translationsPage.action, a.path, {
      cookie,
      params: a.params,
      form: { ...EMPTY_FORM, intent: "draft" },
    });
    expect(getPublicActivity(db, a.id, "ar")).toMatchObject({
      title: mockTranslation(TITLE, "ar"),
      translated: true,
      machineTranslated: true,
    });
    const html = await callLoader(publicActivityPage.loader, `/activities/${a.id}?lng=ar`, {
      params: { id: String(a.id) },
    });
    expect((html.data as { activity: { machineTranslated: boolean } }).activity.machineTranslated).toBe(true);

    const stored = new Map(storedTranslations(a.id).map((r) => [r.locale, r]));
    const unchanged = Object.fromEntries(
      [...stored].flatMap(([l, r]) => [
        [`translations.${l}.title`, r.title],
        [`translations.${l}.description`, r.description],
      ]),
    );
    // Saving the drafts unchanged keeps every mark.
    await callAction(translationsPage.action, a.path, { cookie, params: a.params, form: unchanged });
    expect(storedTranslations(a.id).every((r) => r.machineTranslated)).toBe(true);
    // Arabic edited, Turkish confirmed, Ukrainian left as it was.
    await callAction(translationsPage.action, a.path, {
      cookie,
      params: a.params,
      form: {
        ...unchanged,
        "translations.ar.description": `${stored.get("ar")!.description} (geprüft von Amira)`,
        "translations.tr.reviewed": "on",
      },
    });
    const after = new Map(storedTranslations(a.id).map((r) => [r.locale, r.machineTranslated]));
    expect(Object.fromEntries(after)).toEqual({ en: true, ar: false, tr: false, uk: true });
    expect(getPublicActivity(db, a.id, "ar")?.machineTranslated).toBe(false);
    expect(getPublicActivity(db, a.id, "uk")?.machineTranslated).toBe(true);
  });

  it.each([
    ["slow", "timeout"],
    ["rateLimited", "failed"],
    ["serverError", "failed"],
    ["malformedJson", "failed"],
    ["wrongLanguage", "wrong_language"],
  ] as [Scenario, string][])(
    "%s: answers within the timeout, saves what people wrote, drafts nothing",
    async (scenario, problem) => {
      const a = newActivity();
      server.use(...translateHandlers(scenario));
      const started = performance.now();
      const answer = await callAction(translationsPage.action, a.path, {
        cookie,
        params: a.params,
        form: {
          ...EMPTY_FORM,
          "translations.en.title": "Football for all",
          "translations.en.description": "Every Tuesday.",
          intent: "draft",
        },
      });
      expect(performance.now() - started).toBeLessThan(OUTSIDE_TIMEOUT_MS + 1_000);
      expect(answer.status).toBe(302);
      expect(answer.location).toBe(a.path);
      expect(await noticesOf(answer)).toEqual([
        {
          key: "common:translationHelp.missing",
          values: { languages: "Ukrainisch, Arabisch und Türkisch" },
          tone: "warning",
        },
        { key: `common:translationHelp.problems.${problem}`, tone: "warning" },
      ]);
      expect(storedTranslations(a.id).map((r) => [r.locale, r.machineTranslated])).toEqual([["en", false]]);
    },
  );

  it("after repeated failures the service is paused: nothing is sent until the pause ends", async () => {
    let calls = 0;
    server.use(...translateHandlers("serverError", TRANSLATE_MOCK_URL, { onRequest: () => calls++ }));
    const a = newActivity();
    const first = await callAction(translationsPage.action, a.path, {
      cookie,
      params: a.params,
      form: { ...EMPTY_FORM, intent: "draft" },
    });
    expect((await noticesOf(first))?.map((n) => n.key)).toContain("common:translationHelp.problems.failed");
    expect(calls).toBe(4);
    const second = await callAction(translationsPage.action, a.path, {
      cookie,
      params: a.params,
      form: { ...EMPTY_FORM, intent: "draft" },
    });
    expect((await noticesOf(second))?.map((n) => n.key)).toContain("common:translationHelp.problems.paused");
    expect(calls).toBe(4);
  });

  it("another organisation's owner cannot draft (or send anything)", async () => {
    const a = newActivity();
    const stranger = createUser(db, { role: "org_member" }).id;
    createOrganisation(db, { ownerId: stranger });
    let calls = 0;
    server.use(...translateHandlers("success", TRANSLATE_MOCK_URL, { onRequest: () => calls++ }));
    const answer = await callAction(translationsPage.action, a.path, {
      cookie: await sessionCookieFor(stranger),
      params: a.params,
      form: { ...EMPTY_FORM, intent: "draft" },
    });
    expect([403, 404]).toContain(answer.status);
    expect(calls).toBe(0);
  });
});

describe("an organisation's profile", () => {
  const path = () => `/organisations/${orgId}`;
  const params = () => ({ id: String(orgId) });

  it("drafts the description's other languages, marked, and shows them to readers of its activities", async () => {
    const sent: Request[] = [];
    server.use(...translateHandlers("success", TRANSLATE_MOCK_URL, { onRequest: (r) => sent.push(r) }));
    const loaded = await callLoader(profilePage.loader, path(), { cookie, params: params() });
    expect((loaded.data as { canDraft: boolean }).canDraft).toBe(true);
    const answer = await callAction(profilePage.action, path(), {
      cookie,
      params: params(),
      form: { intent: "draft", "translations.en.description": "" },
    });
    expect(answer.status).toBe(302);
    expect(answer.location).toBe(`/organisations/${orgId}#translations`);
    expect(await noticesOf(answer)).toEqual([
      {
        key: "common:translationHelp.drafted",
        values: { count: 4, languages: "Englisch, Ukrainisch, Arabisch und Türkisch" },
      },
    ]);
    // Only the description went out.
    expect(((await sent[0]!.json()) as { q: string[] }).q).toEqual([ORG_DESCRIPTION]);
    const rows = db
      .select()
      .from(organisationTranslations)
      .where(eq(organisationTranslations.organisationId, orgId))
      .all();
    expect(rows).toHaveLength(4);
    expect(rows.every((r) => r.machineTranslated)).toBe(true);

    const event = createEvent(db, { organisationId: orgId });
    expect(getPublicActivity(db, event.id, "ar")?.organisationAbout).toEqual({
      text: mockTranslation(ORG_DESCRIPTION, "ar"),
      translated: true,
      machineTranslated: true,
      originalLanguage: "de",
    });
    expect(getPublicActivity(db, event.id, "de")?.organisationAbout).toMatchObject({
      text: ORG_DESCRIPTION,
      machineTranslated: false,
    });

    // Confirming Arabic removes its mark.
    await callAction(profilePage.action, path(), {
      cookie,
      params: params(),
      form: {
        intent: "translations",
        ...Object.fromEntries(rows.map((r) => [`translations.${r.locale}.description`, r.description])),
        "translations.ar.reviewed": "on",
      },
    });
    const marks = db
      .select({ locale: organisationTranslations.locale, m: organisationTranslations.machineTranslated })
      .from(organisationTranslations)
      .where(eq(organisationTranslations.organisationId, orgId))
      .all();
    expect(marks.find((r) => r.locale === "ar")?.m).toBe(false);
    expect(marks.filter((r) => r.m)).toHaveLength(3);
  });

  it("a slow service leaves the profile answering in time, nothing drafted", async () => {
    server.use(...translateHandlers("slow"));
    db.delete(organisationTranslations).where(eq(organisationTranslations.organisationId, orgId)).run();
    const started = performance.now();
    const answer = await callAction(profilePage.action, path(), {
      cookie,
      params: params(),
      form: { intent: "draft" },
    });
    expect(performance.now() - started).toBeLessThan(OUTSIDE_TIMEOUT_MS + 1_000);
    expect((await noticesOf(answer))?.map((n) => n.key)).toContain("common:translationHelp.problems.timeout");
    expect(
      db
        .select()
        .from(organisationTranslations)
        .where(and(eq(organisationTranslations.organisationId, orgId)))
        .all(),
    ).toEqual([]);
  });

  it("a description written in Arabic is drafted from Arabic, into German too", async () => {
    const sent: Request[] = [];
    server.use(...translateHandlers("success", TRANSLATE_MOCK_URL, { onRequest: (r) => sent.push(r) }));
    const other = createUser(db, { role: "org_member" }).id;
    const arabicOrg = createOrganisation(db, {
      ownerId: other,
      description: "نحن جمعية ثقافية",
      originalLanguage: "ar",
    }).id;
    const answer = await callAction(profilePage.action, `/organisations/${arabicOrg}`, {
      cookie: await sessionCookieFor(other),
      params: { id: String(arabicOrg) },
      form: { intent: "draft" },
    });
    expect(answer.location).toBe(`/organisations/${arabicOrg}#translations`);
    expect((await noticesOf(answer))?.[0]?.values).toEqual({
      count: 4,
      languages: "Deutsch, Englisch, Ukrainisch und Türkisch",
    });
    const bodies = await Promise.all(
      sent.map((r) => r.json() as Promise<{ source: string; target: string }>),
    );
    expect(bodies.every((b) => b.source === "ar")).toBe(true);
    expect(bodies.map((b) => b.target).sort()).toEqual(["de", "en", "tr", "uk"]);
    db.delete(organisations).where(eq(organisations.id, arabicOrg)).run();
  });
});

describe("what may be sent", () => {
  it("only the activity and organisation translation modules reach the translation client", () => {
    const appDir = join(import.meta.dirname, "../../app");
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const full = join(dir, name);
        if (statSync(full).isDirectory()) walk(full);
        else if (/\.(ts|tsx)$/.test(name) && !name.endsWith(".test.ts")) files.push(full);
      }
    };
    walk(appDir);
    const importing = (module: string) =>
      files
        .filter((f) => new RegExp(`from "(~/modules/|\\./)${module}"`).test(readFileSync(f, "utf8")))
        .map((f) => relative(appDir, f))
        .sort();
    // The client itself is used only by the drafting helper, which only these two modules use.
    expect(importing("outside/translate.server")).toEqual([]);
    expect(importing("translate.server")).toEqual(["modules/outside/translation-drafts.server.ts"]);
    expect(importing("outside/translation-drafts.server")).toEqual([
      "modules/events/translation-drafts.server.ts",
      "modules/organisations/organisation-translations.server.ts",
    ]);
  });
});
