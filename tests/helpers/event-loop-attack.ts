/**
 * No single request may block the server (the event-loop-*.test.ts files, one per group of routes, so
 * that the groups run side by side). For every route with an action, as the first role that gets
 * its form (and as a visitor), through the production app: 200,000 repeated field names, and every text
 * field filled with pathological text — ~900,000 characters (refused by the server's field limit before
 * the app runs) and just under that limit (reaching the app's own checks and patterns). Each answer must
 * come without blocking the event loop for more than EVENT_LOOP_BUDGET_MS, be a 4xx that says what is
 * wrong, and leave the database as it was (docs/decisions/025-request-limits.md).
 */
import { request as httpRequest } from "node:http";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import de from "~/locales/de/common.json";
import { MAX_FIELD_BYTES } from "../../server/form-shape";
import {
  allowLoopback,
  digest,
  encode,
  fill,
  formsIn,
  isTextField,
  patternOf,
  request,
  routeFilesWithAction,
  ROLES,
  startHostileApp,
  type FormSpec,
  type HostileApp,
  type Role,
} from "./hostile-app";

/** The server's own refusals (413, 400 before the app), in German: no language is asked for. */
const REFUSALS = Object.values(de.errors.refused).map(
  (text) =>
    new RegExp(
      `^${text
        .split(/\{\{\w+\}\}/)
        .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
        .join(".+")}\n?$`,
    ),
);

/** The longest the event loop may be held by one request. */
const EVENT_LOOP_BUDGET_MS = 200;
const BODY_LIMIT = 1024 * 1024;
const HUGE = 900_000;

/** Text shapes that make backtracking patterns slow, each `n` characters long. */
const SHAPES: Record<string, (n: number) => string> = {
  "one letter": (n) => "a".repeat(n),
  "a.": (n) => "a.".repeat(Math.ceil(n / 2)).slice(0, n),
  "a@": (n) => "a@".repeat(Math.ceil(n / 2)).slice(0, n),
  "digits with spaces": (n) => "0 1".repeat(Math.ceil(n / 3)).slice(0, n),
  "url of dots": (n) => `http://a${".".repeat(Math.max(0, n - 12))} a.b`,
};

/**
 * The route files by first name segment, in groups of about equal work. A route file belongs to the first
 * group whose pattern it matches, else to "people" (accounts, sign-in, the volunteer's own pages): every
 * route with an action is attacked by exactly one file.
 */
const GROUPS = {
  organisations: /^(organisations|offers|activities|shifts|signups)\./,
  coordination: /^coordination\./,
  admin: /^admin\./,
} as const;
export type RouteGroup = keyof typeof GROUPS | "people";

export function groupOf(file: string): RouteGroup {
  const found = (Object.entries(GROUPS) as [RouteGroup, RegExp][]).find(([, pattern]) => pattern.test(file));
  return found ? found[0] : "people";
}

let app: HostileApp;

interface Attack {
  what: string;
  body: string;
}

/** What a browser sends: every field, but of the submit buttons only the one pressed (the last one). */
function asSubmitted(form: FormSpec): FormSpec {
  const buttons = form.fields.filter((f) => f.type === "submit" || f.type === "button");
  const pressed = buttons.at(-1);
  return { fields: form.fields.filter((f) => !buttons.includes(f) || f === pressed) };
}

function attacksOn(submitted: FormSpec): Attack[] {
  const form = asSubmitted(submitted);
  const rendered = form.fields.map((f) => [f.name, f.value] as [string, string]);
  const texts = form.fields.filter(isTextField);
  const firstName = (texts[0] ?? form.fields[0])!.name;
  const attacks: Attack[] = [
    {
      what: `"${firstName}" 200,000 times`,
      body: `${encode(rendered)}&${`${encodeURIComponent(firstName)}=x&`.repeat(200_000)}`,
    },
    { what: `"a" 200,000 times`, body: `${encode(rendered)}&${"a=&".repeat(200_000)}` },
  ];
  if (texts.length === 0) return attacks;
  // Just under the field limit, and small enough that all text fields together fit into the body limit.
  const nearLimit = Math.min(MAX_FIELD_BYTES - 64, Math.floor((BODY_LIMIT - 16 * 1024) / texts.length));
  for (const [shape, make] of Object.entries(SHAPES)) {
    for (const size of [HUGE, nearLimit]) {
      const value = make(size);
      attacks.push({
        what: `text fields with ${size} × ${shape}`,
        body: encode(form.fields.map((f) => [f.name, isTextField(f) ? value : f.value])),
      });
    }
  }
  return attacks;
}

interface Outcome {
  status: number;
  location: string | null;
  blockedMs: number;
  text: string;
}

/**
 * One POST over node:http, which (unlike fetch) hands over an answer that arrives while the body is still
 * being sent, as browsers do: a refusal before the whole body is read is an answer, not a failure.
 */
function post(path: string, role: Role, body: Buffer): Promise<Omit<Outcome, "blockedMs">> {
  const url = new URL(path, app.base);
  const headers: Record<string, string | number> = {
    Origin: app.base,
    "User-Agent": "hostile",
    "Content-Type": "application/x-www-form-urlencoded",
    "Content-Length": body.length,
  };
  if (app.cookies[role]) headers.Cookie = app.cookies[role];
  return new Promise((resolve) => {
    let answered = false;
    const req = httpRequest(
      // A connection of its own: a kept-alive one may be closed by the server's idle timeout just as it
      // is reused (the pages read before an attack can take longer than that timeout).
      {
        host: url.hostname,
        port: url.port,
        method: "POST",
        path: url.pathname + url.search,
        headers,
        agent: false,
      },
      (res) => {
        answered = true;
        const parts: Buffer[] = [];
        res.on("data", (chunk: Buffer) => parts.push(chunk));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            location: (res.headers.location as string | undefined) ?? null,
            text: Buffer.concat(parts).toString(),
          }),
        );
        res.on("error", () => resolve({ status: -1, location: "aborted answer", text: "" }));
      },
    );
    req.on("error", (error: NodeJS.ErrnoException) => {
      if (!answered) resolve({ status: -1, location: error.code ?? String(error), text: "" });
    });
    req.end(body);
  });
}

async function send(path: string, role: Role, text: string): Promise<Outcome> {
  // Encoded before the watch starts: turning megabytes of text into bytes is this test's own work, not
  // the server's.
  const body = Buffer.from(text);
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  const cpuBefore = process.cpuUsage();
  try {
    const outcome = await post(path, role, body);
    histogram.disable();
    // The loop's longest wait, but no longer than the CPU time this process used meanwhile: a request
    // that blocks the loop for 500 ms burns 500 ms of CPU, while on a busy machine the loop also waits
    // for a core it does not get, which is the machine's load and not the request's doing.
    const cpu = process.cpuUsage(cpuBefore);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    return { ...outcome, blockedMs: Math.min(histogram.max / 1e6, cpuMs) };
  } finally {
    histogram.disable();
  }
}

/** A 4xx that tells the person what is wrong: the server's refusal, or the form with a message at a field. */
function saysWhatIsWrong(outcome: Outcome): boolean {
  if (REFUSALS.some((refusal) => refusal.test(outcome.text))) return true;
  return /class="field-error"|role="alert"/.test(outcome.text);
}

/** The test for one group of routes: `minimumAttacks` keeps a group from passing by attacking nothing. */
export function describeEventLoopAttacks(group: RouteGroup, minimumAttacks: number): void {
  const findings: string[] = [];

  beforeEach(() => allowLoopback());

  beforeAll(async () => {
    app = await startHostileApp();
  }, 300_000);

  afterAll(async () => {
    await app?.close();
  });

  describe(`requests to the ${group} routes that could block the event loop`, () => {
    it("never blocks it, answers 4xx with a message and changes nothing, for every action", async () => {
      let attacked = 0;
      // data_version changes when another connection (the server's) has written: only then is it worth
      // comparing every table with how it was.
      let lastVersion = app.db.$client.pragma("data_version", { simple: true });
      let baseline = digest(app.db);
      const changedTables = (): string[] => {
        const version = app.db.$client.pragma("data_version", { simple: true });
        if (version === lastVersion) return [];
        lastVersion = version;
        const now = digest(app.db);
        const changed = [...now].filter(([table, hash]) => baseline.get(table) !== hash).map(([t]) => t);
        baseline = now;
        return changed;
      };
      // EVENT_LOOP_ROUTES=<regex> narrows the run to some route files (to look at one finding).
      const only = new RegExp(process.env.EVENT_LOOP_ROUTES ?? ".");
      for (const file of routeFilesWithAction().filter((f) => groupOf(f) === group && only.test(f))) {
        const path = fill(patternOf(app.build, file), (entity) => app.ids[entity]!.own);
        // Logging out and deleting the account end the session the next routes need.
        if (/logout|account\.delete/.test(file)) continue;
        const formsByRole = new Map<Role, FormSpec[]>();
        for (const role of ROLES) {
          const page = await request(app, path, { role });
          const html = page.headers.get("content-type")?.includes("text/html") ? await page.text() : "";
          formsByRole.set(role, page.status === 200 ? formsIn(html, path.split("?")[0]!) : []);
        }
        const withForm = ROLES.find((role) => formsByRole.get(role)!.length > 0);
        const targets: [Role, FormSpec][] = [];
        if (withForm) for (const form of formsByRole.get(withForm)!) targets.push([withForm, form]);
        if (withForm !== "anonymous") {
          const generic = {
            fields: ["intent", "email", "title", "description"].map((name) => ({
              name,
              value: "",
              type: "text",
            })),
          };
          targets.push(["anonymous", formsByRole.get("anonymous")![0] ?? generic]);
        }
        for (const [role, form] of targets) {
          for (const attack of attacksOn(form)) {
            let outcome = await send(path, role, attack.body);
            // A busy machine can hold this process back on its own; a request that blocks does so
            // every time. Only a block seen three times running counts.
            for (let retry = 0; retry < 2 && outcome.blockedMs > EVENT_LOOP_BUDGET_MS; retry += 1) {
              outcome = await send(path, role, attack.body);
            }
            attacked += 1;
            const where = `${role} POST ${path} (${attack.what})`;
            if (outcome.blockedMs > EVENT_LOOP_BUDGET_MS) {
              findings.push(`${where} blocked the event loop for ${Math.round(outcome.blockedMs)} ms`);
            }
            // A visitor posting to a page that needs an account is sent to the login, the form unread.
            const toLogin =
              role === "anonymous" && outcome.status === 302 && /^\/login\b/.test(outcome.location ?? "");
            if (!toLogin && (outcome.status < 400 || outcome.status >= 500)) {
              findings.push(`${where} answered ${outcome.status} ${outcome.location ?? ""}`);
            } else if (!toLogin && !saysWhatIsWrong(outcome)) {
              findings.push(`${where} answered ${outcome.status} without a message`);
            }
            const changed = changedTables();
            if (changed.length > 0) findings.push(`${where} changed ${changed.join(", ")}`);
          }
        }
      }
      expect(findings).toEqual([]);
      if (!process.env.EVENT_LOOP_ROUTES) expect(attacked).toBeGreaterThan(minimumAttacks);
    }, 1_200_000);
  });
}
