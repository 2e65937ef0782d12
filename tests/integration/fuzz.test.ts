import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import fc from "fast-check";
import { http, passthrough } from "msw";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { closeDatabase, migrateDatabase, openDatabase, type Db } from "@db/client";
import { DEMO_EMAILS, DEMO_PASSWORD, defaultAnchor, seedDatabase } from "@db/seed/seed";
import { ensureFreshBuild, ROOT } from "../../scripts/bench/lib/production-server";
import { createApp } from "../../server/app";
import { expectConsoleError } from "../helpers/console";
import { server as msw } from "../mocks/server";

/*
 * Hostile input against every route that has an action: the production app (server/app.ts with the
 * built Remix server, body limit and origin check) on a loopback port, over a seeded demo database.
 * For every action, as a visitor and as each role, with the forms' real field names (read from the
 * pages) and with hostile values: never a 5xx; a rejected request (4xx) changes nothing in the database;
 * and afterwards no page renders user text unescaped.
 */

const ROUTES_DIR = join(ROOT, "app/routes");
const BIG = 900 * 1024;

// Values a form field should survive. Each goes into every text field of a form at once.
const HOSTILE_TEXT = [
  " ",
  "' OR '1'='1' --",
  '"); DELETE FROM needs; --',
  '<script>alert(1)</script>"><img src=x onerror=alert(1)>',
  "\u0000\u0001\u0007\u001b[31m\u007f \u202eevil\u202c \ufeff\u200b",
  "𝕳𝖊𝖑𝖑𝖔 👩🏽‍🔧 ا ب ت",
  "a".repeat(5_000),
  "-1e309",
];
// Ids that belong to nobody, or to no one the user may touch (filled in per route below).
const HOSTILE_IDS = ["0", "-1", "9007199254740993", "1 OR 1=1"];

/**
 * Problems found here and reported to their owners, not yet fixed. Each entry: what the problem list
 * says, and what the server logs with it. Delete an entry when its fix lands (the test then proves it).
 * Fixed so far: the need form re-rendering a doubled `description` as an array (9f689ef).
 */
const KNOWN_PROBLEMS: { problem: RegExp; log: RegExp }[] = [];

/** The problems not on the known list; for known ones that did occur, their server logs are expected. */
function unexpectedProblems(found: string[]): string[] {
  const known = KNOWN_PROBLEMS.filter((k) => found.some((p) => k.problem.test(p)));
  if (known.length > 0) {
    expectConsoleError(new RegExp(known.map((k) => k.log.source).join("|")));
  }
  return found.filter((p) => !KNOWN_PROBLEMS.some((k) => k.problem.test(p)));
}

type Role = "anonymous" | "volunteer" | "organisation" | "coordinator" | "admin";
const ROLES: Role[] = ["anonymous", "volunteer", "organisation", "coordinator", "admin"];
const GENERIC_FIELDS = ["intent", "id", "email", "password", "title", "description", "name"];

interface FormSpec {
  fields: { name: string; value: string; type: string }[];
}

interface Sent {
  route: string;
  role: Role;
  what: string;
  status: number;
}

let db: Db;
let httpServer: Server;
let base: string;
let build: ServerBuild;
const cookies: Partial<Record<Role, string>> = {};
const problems: string[] = [];
const sent: Sent[] = [];
let ids: Record<string, { own: string; foreign: string }>;

beforeEach(() => msw.use(http.all(/^http:\/\/127\.0\.0\.1:\d+\//, () => passthrough())));

function routeFilesWithAction(): string[] {
  return readdirSync(ROUTES_DIR)
    .filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file))
    .filter((file) =>
      /export\s+(async\s+)?function\s+action\b|export\s+const\s+action\b/.test(
        readFileSync(join(ROUTES_DIR, file), "utf8"),
      ),
    );
}

/**
 * The URL pattern of a route file, from the build's route tree (the one Remix serves). An index route
 * shares its URL with its layout: a POST reaches the index's action only with `?index`.
 */
function patternOf(file: string): string {
  const id = `routes/${file.replace(/\.tsx?$/, "")}`;
  const routes = build.routes as Record<string, { path?: string; parentId?: string; index?: boolean }>;
  if (!routes[id]) throw new Error(`${file} is not in the build (stale build?)`);
  const parts: string[] = [];
  for (
    let route: { path?: string; parentId?: string } | undefined = routes[id];
    route;
    route = route.parentId ? routes[route.parentId] : undefined
  ) {
    if (route.path) parts.unshift(route.path);
  }
  const path = `/${parts.join("/")}`.replace(/\/+/g, "/");
  return routes[id]!.index ? `${path}?index` : path;
}

/** Which entity a path parameter names, from where it sits in the path. */
function entityOf(pattern: string, param: string): string {
  if (param === "eventId") return "event";
  if (param === "orgId") return "organisation";
  if (param === "userId") return "user";
  if (param === "token" || param === "slug") return "token";
  const before = pattern.slice(0, pattern.indexOf(`:${param}`));
  if (before.endsWith("/organisations/")) return "organisation";
  if (before.endsWith("/offers/")) return "offer";
  if (before.endsWith("/needs/")) return "need";
  if (before.endsWith("/users/")) return "user";
  if (before.endsWith("/outbox/")) return "outbox";
  if (before.endsWith("/shifts/")) return "shift";
  if (before.endsWith("/signups/")) return "signup";
  if (before.endsWith("/activities/")) return "event";
  return "unknown";
}

function fill(pattern: string, pick: (entity: string) => string): string {
  const [path, query] = pattern.split("?index");
  const filled = path!.replace(/:([A-Za-z]+)\??/g, (_, param: string) =>
    encodeURIComponent(pick(entityOf(path!, param))),
  );
  return query === undefined ? filled : `${filled}?index`;
}

/** A POST that the server answered with a reset instead of a status is a problem, not a crash of the test. */
async function statusOf(response: Promise<Response>): Promise<number> {
  try {
    const answered = await response;
    await answered.arrayBuffer().catch(() => undefined);
    return answered.status;
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    return -(cause?.code === "ECONNRESET" ? 1 : 2);
  }
}

/**
 * `data: true` sends the request the way Remix's client does (single fetch, `<path>.data`): the action
 * runs exactly as for a form post without JavaScript, but no page is rendered around its answer — five
 * times cheaper, which is what lets every action get every body. Document posts cover the rendering.
 */
async function request(
  path: string,
  init: { role: Role; method?: string; body?: BodyInit; contentType?: string; data?: boolean },
): Promise<Response> {
  const headers: Record<string, string> = { Origin: base, "User-Agent": "fuzz" };
  if (init.contentType) headers["Content-Type"] = init.contentType;
  const cookie = cookies[init.role];
  if (cookie) headers.Cookie = cookie;
  let url = path;
  if (init.data) {
    const [pathname, search] = path.split("?");
    url = `${pathname === "/" ? "/_root" : pathname}.data${search ? `?${search}` : ""}`;
  }
  return fetch(`${base}${url}`, {
    method: init.method ?? "GET",
    body: init.body,
    headers,
    redirect: "manual",
  });
}

/** Every table's rows, hashed — except what may change on a refused request by design. */
function digest(): Map<string, string> {
  const tables = db.$client
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .pluck()
    .all() as string[];
  const out = new Map<string, string>();
  for (const table of tables) {
    // Failed logins and password checks count against the throttle (that is the point of it).
    if (table === "login_throttle") continue;
    // Reading a page with a session touches it (at most once a minute).
    const columns = table === "sessions" ? "id, user_id, created_at, user_agent" : "*";
    const hash = createHash("sha256");
    for (const row of db.$client
      .prepare(`SELECT ${columns} FROM "${table}" ORDER BY rowid`)
      .raw()
      .iterate()) {
      hash.update(JSON.stringify(row));
    }
    out.set(table, hash.digest("hex"));
  }
  return out;
}

let lastVersion = -1;
let baseline = new Map<string, string>();

/** Checks one answer: no 5xx, and a refusal left the database as it was. */
function judge(route: string, role: Role, what: string, status: number): void {
  sent.push({ route, role, what, status });
  if (status >= 500) problems.push(`${status} from ${role} ${route} (${what})`);
  if (status < 0)
    problems.push(
      `no answer (connection ${status === -1 ? "reset" : "failed"}) from ${role} ${route} (${what})`,
    );
  const version = db.$client.pragma("data_version", { simple: true }) as number;
  if (version === lastVersion) return;
  lastVersion = version;
  const now = digest();
  if (status >= 400) {
    const changed = [...now].filter(([table, hash]) => baseline.get(table) !== hash).map(([table]) => table);
    if (changed.length > 0)
      problems.push(
        `${role} ${route} (${what}) was refused with ${status} but changed ${changed.join(", ")}`,
      );
  }
  baseline = now;
}

function formsIn(html: string, actionPath: string): FormSpec[] {
  const forms: FormSpec[] = [];
  for (const match of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const attrs = match[1]!;
    if (!/method="post"/i.test(attrs)) continue;
    const action = /action="([^"]*)"/i.exec(attrs)?.[1]?.replace(/&amp;/g, "&");
    if (action && action.split("?")[0] !== actionPath) continue;
    const fields: FormSpec["fields"] = [];
    for (const input of match[2]!.matchAll(/<(input|select|textarea|button)\b([^>]*)>/gi)) {
      const name = /\bname="([^"]+)"/.exec(input[2]!)?.[1];
      if (!name) continue;
      const value = /\bvalue="([^"]*)"/.exec(input[2]!)?.[1] ?? "";
      const type =
        input[1]!.toLowerCase() === "input"
          ? (/\btype="([^"]+)"/.exec(input[2]!)?.[1] ?? "text")
          : input[1]!.toLowerCase();
      fields.push({ name, value: value.replace(/&quot;/g, '"').replace(/&amp;/g, "&"), type });
    }
    if (fields.length > 0) forms.push({ fields });
  }
  return forms;
}

function encode(fields: [string, string][]): string {
  return new URLSearchParams(fields).toString();
}

/** Bodies built from a form: its own values, each text field hostile, ids foreign, fields missing or doubled. */
interface Payload {
  what: string;
  body: string | Buffer;
  contentType?: string;
  /** Sent as a document post (page rendered around the answer) rather than single fetch. */
  document?: boolean;
}

/** A few bodies for a user who sees no form here (not allowed, or an action without a page). */
function fewPayloads(form: FormSpec): Payload[] {
  const fields = form.fields.map((f) => [f.name, f.value] as [string, string]);
  return [
    { what: "as rendered", body: encode(fields), document: true },
    { what: "empty", body: "" },
    { what: "sql", body: encode(fields.map(([k]) => [k, HOSTILE_TEXT[1]!])) },
    { what: "html", body: encode(fields.map(([k]) => [k, HOSTILE_TEXT[3]!])) },
    { what: "json body", body: "{}", contentType: "application/json" },
  ];
}

function payloadsFor(form: FormSpec, foreignIds: string[]): Payload[] {
  const base = form.fields.map((f) => [f.name, f.value] as [string, string]);
  const isText = (f: FormSpec["fields"][number]) =>
    !["hidden", "submit", "button", "checkbox", "radio", "select"].includes(f.type);
  const isId = (name: string) => /(^id$|Id$|Ids$|_id$)/.test(name);
  const out: Payload[] = [
    { what: "as rendered", body: encode(base), document: true },
    // The page rendered around a refusal shows the submitted values again: these go as document posts.
    { what: "empty", body: "", document: true },
    {
      what: "fields doubled",
      body: encode([...base, ...base.map(([k]) => [k, "zweiter Wert"] as [string, string])]),
      document: true,
    },
    { what: "every field missing but one", body: encode(base.slice(0, 1)), document: true },
    {
      what: "unknown intent",
      body: encode([...base.filter(([k]) => k !== "intent"), ["intent", "drop_everything"]]),
    },
    { what: "json body", body: JSON.stringify(Object.fromEntries(base)), contentType: "application/json" },
    {
      what: "broken multipart",
      body: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb',
      contentType: "multipart/form-data; boundary=y",
    },
    { what: "invalid utf-8 (encoded)", body: encode(base).replace(/=([^&]*)/g, "=%FF%FE%C3%28$1") },
    {
      what: "invalid utf-8 (raw bytes)",
      body: Buffer.concat([
        Buffer.from(`${base[0]?.[0] ?? "a"}=`),
        Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0xed, 0xa0, 0x80]),
      ]),
    },
    { what: `${BIG} byte value`, body: encode(base.map(([k, v], i) => [k, i === 0 ? "x".repeat(BIG) : v])) },
  ];
  for (const value of HOSTILE_TEXT) {
    out.push({
      what: `text ${JSON.stringify(value.slice(0, 20))}`,
      body: encode(form.fields.map((f) => [f.name, isText(f) || f.type === "select" ? value : f.value])),
      document: value.includes("<script>"),
    });
  }
  for (const id of [...foreignIds, ...HOSTILE_IDS]) {
    if (!form.fields.some((f) => isId(f.name))) break;
    out.push({
      what: `id ${JSON.stringify(id)}`,
      body: encode(form.fields.map((f) => [f.name, isId(f.name) ? id : f.value])),
    });
  }
  return out;
}

beforeAll(async () => {
  await ensureFreshBuild();
  db = openDatabase(process.env.DATABASE_PATH!);
  migrateDatabase(db);
  await seedDatabase(db, { scale: "demo", anchor: defaultAnchor() });

  build = (await import(pathToFileURL(join(ROOT, "build/server/index.js")).href)) as ServerBuild;
  const app = createApp({ build, clientDir: join(ROOT, "build/client"), mode: "production" });
  httpServer = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => httpServer.once("listening", resolve));
  base = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;

  msw.use(http.all(/^http:\/\/127\.0\.0\.1:\d+\//, () => passthrough()));
  const emails: Record<Exclude<Role, "anonymous">, string> = {
    volunteer: DEMO_EMAILS.volunteer,
    organisation: DEMO_EMAILS.organisationMember,
    coordinator: DEMO_EMAILS.coordinator,
    admin: DEMO_EMAILS.admin,
  };
  for (const [role, email] of Object.entries(emails) as [Exclude<Role, "anonymous">, string][]) {
    const response = await request("/login", {
      role: "anonymous",
      method: "POST",
      body: encode([
        ["email", email],
        ["password", DEMO_PASSWORD],
      ]),
      contentType: "application/x-www-form-urlencoded",
    });
    const setCookie = response.headers.get("set-cookie");
    if (response.status !== 302 || !setCookie) throw new Error(`Login as ${role} failed: ${response.status}`);
    cookies[role] = setCookie.split(";")[0]!;
  }

  const one = (sql: string, ...params: unknown[]) =>
    String(
      db.$client
        .prepare(sql)
        .pluck()
        .get(...params) ?? "999999999",
    );
  const userId = (email: string) => one("SELECT id FROM users WHERE email = ?", email);
  const volunteerId = userId(DEMO_EMAILS.volunteer);
  const ownOrg = one(
    "SELECT organisation_id FROM memberships WHERE user_id = ? ORDER BY organisation_id",
    userId(DEMO_EMAILS.organisationMember),
  );
  const foreignOrg = one("SELECT id FROM organisations WHERE id <> ? ORDER BY id", ownOrg);
  ids = {
    organisation: { own: ownOrg, foreign: foreignOrg },
    event: {
      own: one("SELECT id FROM events WHERE organisation_id = ? ORDER BY id", ownOrg),
      foreign: one("SELECT id FROM events WHERE organisation_id = ? ORDER BY id", foreignOrg),
    },
    offer: {
      own: one("SELECT id FROM offers WHERE volunteer_id = ? ORDER BY id", volunteerId),
      foreign: one("SELECT id FROM offers WHERE volunteer_id <> ? ORDER BY id", volunteerId),
    },
    need: {
      own: one("SELECT id FROM needs ORDER BY id"),
      foreign: one("SELECT id FROM needs ORDER BY id DESC"),
    },
    user: { own: volunteerId, foreign: userId(DEMO_EMAILS.admin) },
    outbox: { own: one("SELECT id FROM email_outbox ORDER BY id"), foreign: "999999999" },
    shift: {
      own: one("SELECT id FROM shifts WHERE starts_at > ? ORDER BY starts_at", Date.now()),
      foreign: one("SELECT id FROM shifts ORDER BY id"),
    },
    signup: {
      own: one("SELECT id FROM signups WHERE volunteer_id = ? ORDER BY id", volunteerId),
      foreign: one("SELECT id FROM signups WHERE volunteer_id <> ? ORDER BY id", volunteerId),
    },
    token: { own: "abc", foreign: "' OR 1=1 --" },
    unknown: { own: "1", foreign: "2" },
  };
  lastVersion = db.$client.pragma("data_version", { simple: true }) as number;
  baseline = digest();
}, 300_000);

afterAll(async () => {
  await new Promise<void>((resolve) => (httpServer ? httpServer.close(() => resolve()) : resolve()));
  if (db?.$client.open) closeDatabase(db);
});

describe("hostile input", () => {
  it("finds every route module with an action in the build", () => {
    const files = routeFilesWithAction();
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) expect(patternOf(file)).toMatch(/^\//);
  });

  it("never answers 5xx and changes nothing when it refuses, for every action, role and hostile body", async () => {
    const first = problems.length;
    // Logout and account deletion end sessions: they go last, so the other routes keep their users.
    const files = routeFilesWithAction().sort(
      (a, b) =>
        Number(/logout|account\.delete|account\.sessions/.test(a)) -
        Number(/logout|account\.delete|account\.sessions/.test(b)),
    );
    const foreignIds = [...new Set(Object.values(ids).map((v) => v.foreign))];
    const send = async (path: string, role: Role, file: string, payloads: Payload[]) => {
      for (const payload of payloads) {
        if (/logout|account\.delete/.test(file) && payload.what === "as rendered") continue;
        const status = await statusOf(
          request(path, {
            role,
            method: "POST",
            body: typeof payload.body === "string" ? payload.body : new Uint8Array(payload.body),
            contentType: payload.contentType ?? "application/x-www-form-urlencoded",
            data: !payload.document,
          }),
        );
        judge(path, role, payload.what, status);
      }
    };
    for (const file of files) {
      const pattern = patternOf(file);
      const own = fill(pattern, (entity) => ids[entity]!.own);
      const foreign = fill(pattern, (entity) => ids[entity]!.foreign);
      // Who gets a form here decides who gets which bodies: every body for the first role with a
      // form, a few for every other role (with its form, or generic fields where it has none) and for
      // someone else's records (foreign ids in the URL).
      const formsByRole = new Map<Role, FormSpec[]>();
      for (const role of ROLES) {
        const page = await request(own, { role });
        judge(own, role, "GET", page.status);
        const html =
          page.status === 200 && page.headers.get("content-type")?.includes("text/html")
            ? await page.text()
            : "";
        if (!html) await page.arrayBuffer().catch(() => undefined);
        formsByRole.set(role, formsIn(html, own.split("?")[0]!));
      }
      const generic: FormSpec = {
        fields: GENERIC_FIELDS.map((name) => ({ name, value: "1", type: "text" })),
      };
      const firstWithForm = ROLES.find((role) => formsByRole.get(role)!.length > 0);
      for (const role of ROLES) {
        const forms = formsByRole.get(role)!;
        if (role === firstWithForm) {
          for (const form of forms) await send(own, role, file, payloadsFor(form, foreignIds));
        } else {
          await send(own, role, file, (forms.length > 0 ? forms : [generic]).flatMap(fewPayloads));
        }
        if (foreign !== own && forms.length > 0) await send(foreign, role, file, forms.flatMap(fewPayloads));
      }
    }
    expect(unexpectedProblems(problems.slice(first))).toEqual([]);
    expect(sent.length).toBeGreaterThan(500);
  }, 600_000);

  it("holds under random bodies (fast-check): no 5xx, no change on refusal", async () => {
    const first = problems.length;
    const files = routeFilesWithAction().filter((f) => !/logout|account\.delete/.test(f));
    const arbitraryValue = fc.oneof(
      fc.string({ unit: "binary", maxLength: 300 }),
      fc.constantFrom(...HOSTILE_TEXT, ...HOSTILE_IDS),
      fc.integer().map(String),
      fc.double().map(String),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...files),
        fc.constantFrom(...ROLES),
        fc.array(
          fc.tuple(
            fc.constantFrom(
              "intent",
              "id",
              "email",
              "password",
              "title",
              "description",
              "neededCount",
              "status",
              "locale",
              "neighbourhoodIds",
              "x",
            ),
            arbitraryValue,
          ),
          { maxLength: 8 },
        ),
        async (file, role, fields) => {
          const path = fill(patternOf(file), (entity) => ids[entity]!.own);
          const status = await statusOf(
            request(path, {
              role,
              method: "POST",
              body: encode(fields),
              contentType: "application/x-www-form-urlencoded",
              data: true,
            }),
          );
          judge(path, role, `random ${JSON.stringify(fields).slice(0, 120)}`, status);
          return status > 0 && status < 500;
        },
      ),
      { numRuns: 200, seed: 20261123 },
    );
    expect(problems.slice(first)).toEqual([]);
  }, 300_000);

  it("refuses bodies over 1 MiB with 413 before any action runs", async () => {
    const before = digest();
    for (const file of routeFilesWithAction()) {
      const path = fill(patternOf(file), (entity) => ids[entity]!.own);
      const response = await request(path, {
        role: "volunteer",
        method: "POST",
        body: `a=${"x".repeat(1024 * 1024 + 10)}`,
        contentType: "application/x-www-form-urlencoded",
      });
      expect(response.status, path).toBe(413);
      await response.arrayBuffer().catch(() => undefined);
    }
    expect(digest()).toEqual(before);
  });

  it("renders no user text unescaped on any page", async () => {
    const first = problems.length;
    // Hostile text where people can put it, whether or not a form let it through.
    const xss = '<script>alert("xss")</script><img src=x onerror=alert(1)>';
    const c = db.$client;
    c.prepare("UPDATE users SET display_name = ? || display_name").run(xss);
    c.prepare("UPDATE organisations SET name = ? || name, description = ?").run(xss, xss);
    c.prepare("UPDATE events SET title = ? || title, description = ?, place = ?").run(xss, xss, xss);
    c.prepare("UPDATE needs SET title = ? || title, description = ?").run(xss, xss);
    c.prepare("UPDATE offers SET title = ? || title, description = ?").run(xss, xss);
    c.prepare("UPDATE volunteer_profiles SET bio = ?").run(xss);
    c.prepare("UPDATE shifts SET title = ? || title").run(xss);
    c.prepare("UPDATE notifications SET params = json_set(params, '$.needTitle', ?, '$.eventTitle', ?)").run(
      xss,
      xss,
    );

    const pages = readdirSync(ROUTES_DIR)
      .filter((file) => /\.tsx$/.test(file) && !/\.test\.tsx$/.test(file))
      .filter((file) => /export\s+default\s+function/.test(readFileSync(join(ROUTES_DIR, file), "utf8")));
    let rendered = 0;
    for (const file of pages) {
      const path = fill(patternOf(file), (entity) => ids[entity]!.own);
      for (const role of ROLES) {
        const response = await request(path, { role });
        if (response.status >= 500) problems.push(`${response.status} rendering ${path} as ${role}`);
        const html = await response.text();
        if (response.status !== 200) continue;
        rendered += 1;
        for (const raw of ["<script>alert", "<img src=x onerror"]) {
          if (html.includes(raw)) problems.push(`${path} as ${role} renders ${raw} unescaped`);
        }
      }
    }
    expect(problems.slice(first)).toEqual([]);
    expect(rendered).toBeGreaterThan(20);
  }, 300_000);
});
