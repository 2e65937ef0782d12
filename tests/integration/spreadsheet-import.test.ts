/**
 * Onboarding from spreadsheets (ADR 071): the encodings and separators a city's files come in, XLSX,
 * a preview with a problem per bad row, the coordinator's scope, one transaction with audit entries,
 * and the route as a coordinator uses it (upload → preview → confirm).
 */
import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  auditEvents,
  eventLanguages,
  events,
  organisationNeighbourhoods,
  organisations,
  spreadsheetImports,
} from "@db/schema";
import { action, loader } from "~/routes/coordination.import";
import { confirmImport } from "~/modules/imports/imports.server";
import { previewImport } from "~/modules/imports/preview.server";
import { decodeText, detectSeparator, parseCsv, readSpreadsheet } from "~/modules/imports/spreadsheet.server";
import { getDb } from "~/utils/db.server";
import { zonedIsoDate } from "~/utils/time";
import {
  createCategory,
  createCoordinator,
  createNeighbourhood,
  createOrganisation,
  createUser,
} from "../factories";
import { authUserOf } from "../helpers/auth-user";
import { callLoader, ORIGIN, sessionCookieFor } from "../helpers/route-calls";
import { buildXlsx } from "../../scripts/bench/lib/xlsx";

const db = getDb();
let nb: { id: number; name: string };
let coordinatorId: string;
let adminId: string;

beforeAll(() => {
  nb = createNeighbourhood(db, { name: "Schalke-Nord", slug: "schalke-nord" });
  createNeighbourhood(db, { name: "Buer", slug: "buer" });
  createCategory(db, { slug: "sports", name: "Sport und Bewegung" });
  createCategory(db, { slug: "language_support", name: "Sprachförderung" });
  coordinatorId = createCoordinator(db, [nb.id]).id;
  adminId = createUser(db, { role: "admin" }).id;
});

const HEADER = [
  "Name",
  "Art",
  "Quartier",
  "Kontakt",
  "Website",
  "Angebot",
  "Kategorie",
  "Ort",
  "Wochentag",
  "Uhrzeit",
  "Sprachen",
];

function csv(rows: string[][], separator = ";"): string {
  return rows
    .map((r) => r.map((c) => (/[;,"\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(separator))
    .join("\r\n");
}

const utf8 = (text: string) => new TextEncoder().encode(text);
/** Windows-1252 for the Latin-1 range (what German text needs). */
const cp1252 = (text: string) => Uint8Array.from([...text].map((c) => c.charCodeAt(0)));

describe("reading spreadsheets", () => {
  it("decodes UTF-8 with and without BOM, UTF-16 with BOM, and Windows-1252", () => {
    expect(decodeText(utf8("\uFEFFTürkischer Kulturverein"))).toEqual({
      text: "Türkischer Kulturverein",
      encoding: "utf-8",
    });
    expect(decodeText(utf8("Größe"))).toEqual({ text: "Größe", encoding: "utf-8" });
    expect(decodeText(cp1252("Größe Straße"))).toEqual({ text: "Größe Straße", encoding: "windows-1252" });
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("Über", "utf16le")]);
    expect(decodeText(utf16)).toEqual({ text: "Über", encoding: "utf-16le" });
    // 0x80 is the euro sign in Windows-1252.
    expect(decodeText(Uint8Array.from([0x80, 0x20, 0x35])).text).toBe("€ 5");
  });

  it("finds the separator and parses quoted cells with separators, quotes and line breaks", () => {
    expect(detectSeparator("a;b;c\n1,5;2;3")).toBe(";");
    expect(detectSeparator("a,b,c")).toBe(",");
    expect(detectSeparator("a\tb")).toBe("\t");
    expect(detectSeparator('"a;b",c,d')).toBe(",");
    expect(parseCsv('Name;Ort\r\n"Verein ""Glück auf""; e.V.";"Haus\nam Markt"\r\n\r\nZwei;\n', ";")).toEqual(
      [
        ["Name", "Ort"],
        ['Verein "Glück auf"; e.V.', "Haus\nam Markt"],
        ["Zwei", ""],
      ],
    );
  });

  it("reads XLSX, and refuses old .xls, empty and oversized files", async () => {
    const xlsx = await readSpreadsheet(
      buildXlsx([
        ["Name", "Quartier"],
        ["SV Ückendorf", "Buer"],
      ]),
    );
    expect(xlsx).toEqual({
      ok: true,
      format: "xlsx",
      encoding: null,
      rows: [
        ["Name", "Quartier"],
        ["SV Ückendorf", "Buer"],
      ],
    });
    expect(await readSpreadsheet(Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0]))).toEqual({
      ok: false,
      error: "xls",
    });
    expect(await readSpreadsheet(new Uint8Array())).toEqual({ ok: false, error: "empty" });
    expect(await readSpreadsheet(utf8(" ;\r\n;"))).toEqual({ ok: false, error: "empty" });
    expect(await readSpreadsheet(new Uint8Array(6 * 1024 * 1024))).toEqual({ ok: false, error: "tooLarge" });
    expect(await readSpreadsheet(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).toEqual({
      ok: false,
      error: "unreadable",
    });
    const many = utf8(["Name", ...Array.from({ length: 10_001 }, (_, i) => `Verein ${i}`)].join("\n"));
    expect(await readSpreadsheet(many)).toEqual({ ok: false, error: "tooManyRows" });
  });
});

const good = (name: string, activity = "Schwimmen für Frauen") => [
  name,
  "Sportverein",
  "Schalke-Nord",
  "info@sv-beispiel.de",
  "www.sv-beispiel.de",
  activity,
  "Sport",
  "Hallenbad Schalke",
  "Dienstag",
  "16:30-18:00",
  "Deutsch, Arabisch",
];

describe("importing", () => {
  it.each([
    ["UTF-8 with BOM and semicolons", (rows: string[][]) => utf8(`\uFEFF${csv(rows)}`)],
    ["UTF-8 with commas", (rows: string[][]) => utf8(csv(rows, ","))],
    ["Windows-1252 with semicolons", (rows: string[][]) => cp1252(csv(rows))],
    [
      "tab-separated UTF-16 (Excel's Unicode text)",
      (rows: string[][]) =>
        Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv(rows, "\t"), "utf16le")]),
    ],
    ["XLSX", (rows: string[][]) => buildXlsx(rows)],
  ])("previews and imports %s", async (_label, encode) => {
    const name = `Türkischer Sportverein Gökçe ${_label.length}`;
    const bytes = encode([HEADER, good(name), good(name, "Fußball für Jugendliche")]);
    const user = authUserOf(db, coordinatorId);
    const preview = await previewImport(db, user, { name: "vereine.csv", bytes });
    expect(preview.ok).toBe(true);
    if (!preview.ok) return;
    expect(preview.preview).toMatchObject({
      newOrganisations: 1,
      existingOrganisations: 0,
      activities: 2,
      problemRows: 0,
    });
    expect(db.select().from(organisations).where(eq(organisations.name, name)).all()).toEqual([]);

    const result = await confirmImport(db, user, preview.preview.importId);
    expect(result).toEqual({ ok: true, organisationsCreated: 1, activitiesCreated: 2 });
    const org = db.select().from(organisations).where(eq(organisations.name, name)).get()!;
    expect(org).toMatchObject({
      kind: "sports_club",
      email: "info@sv-beispiel.de",
      website: "https://www.sv-beispiel.de/",
      verifiedBy: coordinatorId,
    });
    expect(
      db
        .select()
        .from(organisationNeighbourhoods)
        .where(eq(organisationNeighbourhoods.organisationId, org.id))
        .all(),
    ).toEqual([{ organisationId: org.id, neighbourhoodId: nb.id }]);
    const created = db.select().from(events).where(eq(events.organisationId, org.id)).all();
    expect(created.map((e) => e.title).sort()).toEqual(["Fußball für Jugendliche", "Schwimmen für Frauen"]);
    for (const event of created) {
      expect(event).toMatchObject({
        status: "published",
        recurrence: "weekly",
        place: "Hallenbad Schalke",
        neighbourhoodId: nb.id,
      });
      // Tuesday 16:30–18:00 in Berlin, the next one from now.
      const day = zonedIsoDate(event.startsAt.getTime());
      expect(new Date(`${day}T12:00:00Z`).getUTCDay()).toBe(2);
      expect(event.endsAt.getTime() - event.startsAt.getTime()).toBe(90 * 60_000);
      expect(event.startsAt.getTime()).toBeGreaterThan(Date.now() - 2 * 3_600_000);
      const languages = db.select().from(eventLanguages).where(eq(eventLanguages.eventId, event.id)).all();
      expect(languages.map((l) => l.language).sort()).toEqual(["ar", "de"]);
    }
    const audit = db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.entityId, String(preview.preview.importId)))
      .all();
    expect(audit).toEqual([
      expect.objectContaining({
        action: "organisations.imported",
        entityType: "import",
        actorId: coordinatorId,
        neighbourhoodId: nb.id,
        details: { organisations: 1, activities: 2, rows: 2, existing: 0 },
      }),
    ]);
    const draft = db
      .select()
      .from(spreadsheetImports)
      .where(eq(spreadsheetImports.id, preview.preview.importId))
      .get()!;
    expect(draft).toMatchObject({
      status: "imported",
      content: null,
      organisationsCreated: 1,
      activitiesCreated: 2,
    });
    // Confirming twice imports once.
    expect(await confirmImport(db, user, preview.preview.importId)).toEqual({ ok: false, error: "notFound" });
  });

  it("names the problem of each bad row, and imports nothing while one is left", async () => {
    const user = authUserOf(db, coordinatorId);
    const rows = [
      HEADER,
      good("Gute Zeile e.V."),
      ["", "Sportverein", "Schalke-Nord", "", "", "", "", "", "", "", ""],
      ["Falsche Art", "Raumschiff", "Mondbasis", "kein-kontakt@", "nicht eine url", "", "", "", "", "", ""],
      ["Fremdes Quartier", "Initiative", "Buer", "", "", "", "", "", "", "", ""],
      [
        "Angebot kaputt",
        "Initiative",
        "Schalke-Nord",
        "",
        "",
        "Kochen",
        "Kochen",
        "",
        "Funtag",
        "18:00-16:00",
        "Klingonisch",
      ],
      [
        "Zu lang",
        "Initiative",
        "Schalke-Nord",
        "",
        "",
        "x".repeat(5_000),
        "Sport",
        "",
        "Mo",
        "9:00-10:00",
        "",
      ],
    ];
    const preview = await previewImport(db, user, { name: "fehler.csv", bytes: utf8(csv(rows)) });
    expect(preview.ok).toBe(true);
    if (!preview.ok) return;
    const byLine = new Map(
      preview.preview.rows.map((r) => [r.line, r.problems.map((p) => `${p.field}:${p.code}`)]),
    );
    expect(byLine.get(2)).toEqual([]);
    expect(byLine.get(3)).toEqual(["organisation:nameMissing"]);
    expect(byLine.get(4)).toEqual([
      "kind:kindUnknown",
      "neighbourhood:neighbourhoodUnknown",
      "email:emailInvalid",
      "website:websiteInvalid",
    ]);
    expect(byLine.get(5)).toEqual(["neighbourhood:neighbourhoodNotYours"]);
    expect(byLine.get(6)).toEqual([
      "category:categoryUnknown",
      "weekday:weekdayUnknown",
      "times:timesInvalid",
      "languages:languageUnknown",
    ]);
    expect(byLine.get(7)).toEqual(["activity:tooLong"]);
    expect(preview.preview.problemRows).toBe(5);

    const before = db.select({ n: count() }).from(organisations).get()!.n;
    const refused = await confirmImport(db, user, preview.preview.importId);
    expect(refused).toMatchObject({ ok: false, error: "problems" });
    expect(db.select({ n: count() }).from(organisations).get()!.n).toBe(before);

    // The administrator may import into every neighbourhood.
    const admin = authUserOf(db, adminId);
    const asAdmin = await previewImport(db, admin, { name: "x.csv", bytes: utf8(csv([HEADER, rows[4]!])) });
    expect(asAdmin.ok && asAdmin.preview.problemRows).toBe(0);
  });

  it("adds activities to an organisation that exists, and nobody confirms another person's preview", async () => {
    createOrganisation(db, { name: "Bestehender Verein e.V.", slug: "bestehender-verein" });
    const user = authUserOf(db, coordinatorId);
    const preview = await previewImport(db, user, {
      name: "x.csv",
      bytes: utf8(csv([HEADER, good("bestehender verein e.V.", "Yoga")])),
    });
    if (!preview.ok) throw new Error("preview failed");
    expect(preview.preview).toMatchObject({ newOrganisations: 0, existingOrganisations: 1, activities: 1 });
    expect(await confirmImport(db, authUserOf(db, adminId), preview.preview.importId)).toEqual({
      ok: false,
      error: "notFound",
    });
    expect(await confirmImport(db, user, preview.preview.importId)).toEqual({
      ok: true,
      organisationsCreated: 0,
      activitiesCreated: 1,
    });
  });

  it("is one transaction: a failure in the middle leaves nothing behind", async () => {
    const user = authUserOf(db, coordinatorId);
    const rows = [HEADER, ...Array.from({ length: 50 }, (_, i) => good(`Rollback-Verein ${i}`))];
    const preview = await previewImport(db, user, { name: "x.csv", bytes: utf8(csv(rows)) });
    if (!preview.ok) throw new Error("preview failed");
    // A trigger that fails on the 30th organisation stands in for a crash or a constraint in the middle.
    db.$client.exec(`CREATE TEMP TRIGGER fail_import BEFORE INSERT ON organisations
      WHEN NEW.name = 'Rollback-Verein 29' BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    try {
      await expect(confirmImport(db, user, preview.preview.importId)).rejects.toThrow(/disk full/);
    } finally {
      db.$client.exec("DROP TRIGGER fail_import");
    }
    const left = db.$client
      .prepare("SELECT count(*) FROM organisations WHERE name LIKE 'Rollback-Verein %'")
      .pluck()
      .get();
    expect(left).toBe(0);
    expect(
      db.select().from(spreadsheetImports).where(eq(spreadsheetImports.id, preview.preview.importId)).get()!
        .status,
    ).toBe("previewed");
    expect(await confirmImport(db, user, preview.preview.importId)).toMatchObject({
      ok: true,
      organisationsCreated: 50,
    });
  });
});

describe("the import page", () => {
  async function post(form: FormData, cookie: string) {
    const request = new Request(`${ORIGIN}/coordination/import`, {
      method: "POST",
      body: form,
      headers: { Cookie: cookie },
    });
    try {
      return await action({ request, params: {}, context: {} });
    } catch (thrown) {
      return thrown;
    }
  }

  it("uploads, previews, confirms without JavaScript, and shows the result", async () => {
    const cookie = await sessionCookieFor(coordinatorId);
    const form = new FormData();
    form.set("intent", "preview");
    form.set("file", new File([cp1252(csv([HEADER, good("Seitenverein e.V.")]))], "Vereine Schalke.csv"));
    const previewed = (await post(form, cookie)) as {
      preview: { importId: number; goodRows: number; problemRows: number };
    };
    expect(previewed.preview).toMatchObject({ goodRows: 1, problemRows: 0 });

    const confirm = new FormData();
    confirm.set("intent", "confirm");
    confirm.set("importId", String(previewed.preview.importId));
    const done = (await post(confirm, cookie)) as Response;
    expect(done.status).toBe(302);
    const location = done.headers.get("Location")!;
    expect(location).toBe(`/coordination/import?done=${previewed.preview.importId}`);
    const page = await callLoader(loader, location, { cookie });
    expect(page.data).toMatchObject({
      result: { fileName: "Vereine Schalke.csv", organisations: 1, activities: 1 },
    });
  });

  it("answers a file it cannot read with a message for the field, and changes nothing", async () => {
    const cookie = await sessionCookieFor(coordinatorId);
    const form = new FormData();
    form.set("intent", "preview");
    form.set("file", new File([utf8("Titel;Ort\nA;B")], "ohne-namen.csv"));
    const answer = (await post(form, cookie)) as { data: { error: string }; init: { status: number } };
    expect(answer.data).toEqual({ error: "import.errors.noNameColumn" });
    expect(answer.init.status).toBe(400);
    const empty = new FormData();
    empty.set("intent", "preview");
    const none = (await post(empty, cookie)) as { data: { error: string } };
    expect(none.data).toEqual({ error: "import.errors.empty" });
  });
});
