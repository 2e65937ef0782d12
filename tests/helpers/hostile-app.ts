/**
 * The production app (server/app.ts around the built Remix server, with its body limit and origin check)
 * on a loopback port over a seeded demo database, with a session for each role and the real forms of every
 * route with an action. Shared by the tests that throw hostile input at every action (fuzz.test.ts,
 * event-loop-*.test.ts).
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { http, passthrough } from "msw";
import { closeDatabase, migrateDatabase, openDatabase, type Db } from "@db/client";
import { DEMO_EMAILS, DEMO_PASSWORD, defaultAnchor, seedDatabase } from "@db/seed/seed";
import { ensureFreshBuild, ROOT } from "../../scripts/bench/lib/production-server";
import { createApp } from "../../server/app";
import { server as msw } from "../mocks/server";

export const ROUTES_DIR = join(ROOT, "app/routes");

export type Role = "anonymous" | "volunteer" | "organisation" | "coordinator" | "admin";
export const ROLES: Role[] = ["anonymous", "volunteer", "organisation", "coordinator", "admin"];

export interface FormField {
  name: string;
  value: string;
  type: string;
}

export interface FormSpec {
  fields: FormField[];
}

export type EntityIds = Record<string, { own: string; foreign: string }>;

export interface HostileApp {
  db: Db;
  base: string;
  build: ServerBuild;
  cookies: Partial<Record<Role, string>>;
  ids: EntityIds;
  close(): Promise<void>;
}

/** Lets requests to the app on loopback through msw (which refuses every unmocked request). */
export function allowLoopback(): void {
  msw.use(http.all(/^http:\/\/127\.0\.0\.1:\d+\//, () => passthrough()));
}

export function encode(fields: [string, string][]): string {
  return new URLSearchParams(fields).toString();
}

/** Builds, migrates and seeds, serves the production app on a free loopback port and logs every role in. */
export async function startHostileApp(): Promise<HostileApp> {
  await ensureFreshBuild();
  const db = openDatabase(process.env.DATABASE_PATH!);
  migrateDatabase(db);
  await seedDatabase(db, { scale: "demo", anchor: defaultAnchor() });

  const build = (await import(pathToFileURL(join(ROOT, "build/server/index.js")).href)) as ServerBuild;
  const app = createApp({ build, clientDir: join(ROOT, "build/client"), mode: "production" });
  const httpServer: Server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => httpServer.once("listening", resolve));
  const base = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;

  allowLoopback();
  const cookies: Partial<Record<Role, string>> = {};
  const emails: Record<Exclude<Role, "anonymous">, string> = {
    volunteer: DEMO_EMAILS.volunteer,
    organisation: DEMO_EMAILS.organisationMember,
    coordinator: DEMO_EMAILS.coordinator,
    admin: DEMO_EMAILS.admin,
  };
  for (const [role, email] of Object.entries(emails) as [Exclude<Role, "anonymous">, string][]) {
    const response = await fetch(`${base}/login`, {
      method: "POST",
      body: encode([
        ["email", email],
        ["password", DEMO_PASSWORD],
      ]),
      headers: { Origin: base, "Content-Type": "application/x-www-form-urlencoded", "User-Agent": "hostile" },
      redirect: "manual",
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
  const ids: EntityIds = {
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

  return {
    db,
    base,
    build,
    cookies,
    ids,
    close: async () => {
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
      if (db.$client.open) closeDatabase(db);
    },
  };
}

export function routeFilesWithAction(): string[] {
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
export function patternOf(build: ServerBuild, file: string): string {
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

export function fill(pattern: string, pick: (entity: string) => string): string {
  const [path, query] = pattern.split("?index");
  const filled = path!.replace(/:([A-Za-z]+)\??/g, (_, param: string) =>
    encodeURIComponent(pick(entityOf(path!, param))),
  );
  return query === undefined ? filled : `${filled}?index`;
}

/**
 * `data: true` sends the request the way Remix's client does (single fetch, `<path>.data`): the action
 * runs exactly as for a form post without JavaScript, but no page is rendered around its answer.
 */
export async function request(
  app: Pick<HostileApp, "base" | "cookies">,
  path: string,
  init: { role: Role; method?: string; body?: BodyInit; contentType?: string; data?: boolean },
): Promise<Response> {
  const headers: Record<string, string> = { Origin: app.base, "User-Agent": "hostile" };
  if (init.contentType) headers["Content-Type"] = init.contentType;
  const cookie = app.cookies[init.role];
  if (cookie) headers.Cookie = cookie;
  let url = path;
  if (init.data) {
    const [pathname, search] = path.split("?");
    url = `${pathname === "/" ? "/_root" : pathname}.data${search ? `?${search}` : ""}`;
  }
  return fetch(`${app.base}${url}`, {
    method: init.method ?? "GET",
    body: init.body,
    headers,
    redirect: "manual",
  });
}

/** Every table's rows, hashed — except what may change on a refused request by design. */
export function digest(db: Db): Map<string, string> {
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

/** The post forms of a page that submit to `actionPath`, with their fields' names, values and types. */
export function formsIn(html: string, actionPath: string): FormSpec[] {
  const forms: FormSpec[] = [];
  for (const match of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const attrs = match[1]!;
    if (!/method="post"/i.test(attrs)) continue;
    const action = /action="([^"]*)"/i.exec(attrs)?.[1]?.replace(/&amp;/g, "&");
    if (action && action.split("?")[0] !== actionPath) continue;
    const fields: FormField[] = [];
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

/** A field a person types into (not a hidden value, a button or a choice). */
export function isTextField(field: FormField): boolean {
  return !["hidden", "submit", "button", "checkbox", "radio", "select"].includes(field.type);
}
