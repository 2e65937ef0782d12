/**
 * The production server behind Caddy from Debian's package, configured with the Caddyfile of
 * docs/deploy.md (issue 14, point 7), on loopback with Caddy's internal certificate authority. Through
 * the proxy: the first administrator and a login with the `__Host-` session cookie, HSTS, the client's
 * address taken from X-Forwarded-For only because the proxy is listed in TRUSTED_PROXIES, static files
 * cached and compressed, /metrics kept internal, and a large CSV download arriving whole and in pieces.
 *
 * Two hub servers sit behind the one Caddy: one that lists the proxy in TRUSTED_PROXIES and one that
 * does not. The test client connects to Caddy from 127.0.0.2, so the address each hub records (in its
 * login throttle) shows whose address it believed.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { request as httpRequest } from "node:http";
import {
  connect as connectH2,
  type ClientHttp2Session,
  type IncomingHttpHeaders,
  type Settings,
} from "node:http2";
import { request as httpsRequest } from "node:https";
import { connect as connectTcp } from "node:net";
import { connect as connectTls } from "node:tls";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { closeDatabase, openDatabase } from "@db/client";
import {
  ensureFreshBuild,
  freePort,
  ROOT,
  startServer,
  type RunningServer,
} from "../../scripts/bench/lib/production-server";
import { createCategory, createNeed, createNeighbourhood } from "../factories";
import { server as msw } from "../mocks/server";

const CADDY = "/usr/bin/caddy";
const caddyInstalled = existsSync(CADDY) && spawnSync(CADDY, ["version"]).status === 0;

/** The client's own address: not the proxy's (127.0.0.1), so it shows whose address the hub believed. */
const CLIENT_ADDRESS = "127.0.0.2";
/** Needs in the large CSV download. */
const CSV_NEEDS = 30_000;

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  /** How many pieces the body arrived in. */
  pieces: number;
}

/**
 * The Caddyfile of docs/deploy.md for a site on this machine: the public name becomes
 * https://localhost:<port> with Caddy's internal certificate authority, the upstream the hub's port.
 */
function caddySiteFromDeployDoc(port: number, upstreamPort: number): string {
  const doc = readFileSync(join(ROOT, "docs/deploy.md"), "utf8");
  const block = /```caddy\n([\s\S]*?)```/.exec(doc)?.[1];
  if (!block) throw new Error("docs/deploy.md has no ```caddy block");
  const site = block
    .replace(/^[^\s{][^{]*\{/m, `https://localhost:${port} {\n\tbind 127.0.0.1\n\ttls internal`)
    .replace(/reverse_proxy 127\.0\.0\.1:3000/, `reverse_proxy 127.0.0.1:${upstreamPort}`);
  expect(site, "the site block was adapted").toContain(`reverse_proxy 127.0.0.1:${upstreamPort}`);
  return site;
}

function parseCookie(setCookie: string | string[] | undefined): Record<string, string> | null {
  const line = ([] as string[]).concat(setCookie ?? []).find((c) => c.includes("session="));
  if (!line) return null;
  const [pair, ...attributes] = line.split(";").map((part) => part.trim());
  const [name, value] = pair!.split("=");
  const parsed: Record<string, string> = { name: name!, value: value ?? "" };
  for (const attribute of attributes) {
    const [key, val] = attribute.split("=");
    parsed[key!.toLowerCase()] = val ?? "true";
  }
  return parsed;
}

describe.skipIf(!caddyInstalled)("the hub behind Caddy (docs/deploy.md)", () => {
  let dir: string;
  let caddy: ChildProcess | undefined;
  let caddyLog = "";
  let ca: Buffer;
  let trusting: RunningServer;
  let distrusting: RunningServer;
  let trustingPort: number;
  let distrustingPort: number;
  let trustingDb: string;
  let distrustingDb: string;
  let setupLink: string;

  /** A request to Caddy at https://localhost:<port>, from CLIENT_ADDRESS, checked against Caddy's CA. */
  function through(
    port: number,
    path: string,
    options: { method?: string; headers?: Record<string, string>; body?: string } = {},
  ): Promise<Reply> {
    return new Promise((resolve, reject) => {
      const req = httpsRequest(
        {
          host: "127.0.0.1",
          port,
          servername: "localhost",
          ca,
          localAddress: CLIENT_ADDRESS,
          method: options.method ?? "GET",
          path,
          headers: { Host: `localhost:${port}`, "Accept-Encoding": "identity", ...options.headers },
          agent: false,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("end", () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks),
              pieces: chunks.length,
            }),
          );
          res.on("error", reject);
        },
      );
      req.on("error", reject);
      req.end(options.body);
    });
  }

  /** A form POST through Caddy, as the hub's own page would send it. */
  function postForm(port: number, path: string, fields: Record<string, string>, cookie?: string) {
    return through(port, path, {
      method: "POST",
      headers: {
        Origin: `https://localhost:${port}`,
        "Content-Type": "application/x-www-form-urlencoded",
        ...(cookie ? { Cookie: cookie } : {}),
      },
      body: new URLSearchParams(fields).toString(),
    });
  }

  /** An HTTP/2 connection to Caddy, from CLIENT_ADDRESS. */
  function connectHttp2(port: number, settings: Settings): ClientHttp2Session {
    return connectH2(`https://localhost:${port}`, {
      settings,
      createConnection: () =>
        connectTls({
          socket: connectTcp({ host: "127.0.0.1", port, localAddress: CLIENT_ADDRESS }),
          servername: "localhost",
          ca,
          ALPNProtocols: ["h2"],
        }),
    });
  }

  /** The client addresses a hub's login throttle has recorded. */
  function throttledAddresses(databasePath: string): string[] {
    const db = openDatabase(databasePath, { readonly: true });
    try {
      return db.$client
        .prepare("SELECT key FROM login_throttle WHERE key LIKE 'login:ip:%' ORDER BY key")
        .pluck()
        .all() as string[];
    } finally {
      closeDatabase(db);
    }
  }

  beforeAll(async () => {
    // Real servers, a real proxy and real TLS on this machine: nothing to mock in between.
    msw.close();
    await ensureFreshBuild();
    dir = mkdtempSync(join(tmpdir(), "miteinander-caddy-"));
    trustingPort = await freePort();
    distrustingPort = await freePort();
    const httpPort = await freePort();

    // Production databases (no demo data), one with many needs for the CSV download.
    trustingDb = join(dir, "trusting.db");
    distrustingDb = join(dir, "distrusting.db");
    copyFileSync(inject("templateDbPath"), trustingDb);
    copyFileSync(inject("templateDbPath"), distrustingDb);
    const db = openDatabase(trustingDb);
    // Long names make long lines: a CSV of some 20 MB, far more than the sockets between hub, proxy and
    // client can hold, so the proxy cannot take it all in while the client is not reading.
    const neighbourhood = createNeighbourhood(db, { name: "Quartier am langen Weg ".repeat(10).trim() });
    const category = createCategory(db, { name: "Begleitung zu Ämtern und Ärztinnen ".repeat(7).trim() });
    const first = createNeed(db, {
      categoryId: category.id,
      neighbourhoodId: neighbourhood.id,
      createdAt: new Date(Date.now() - 24 * 3_600_000),
    });
    // The rest as copies of the first, in one statement.
    db.$client
      .prepare(
        `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
         INSERT INTO needs (title, description, category_id, neighbourhood_id, starts_at, ends_at, created_at, updated_at)
         SELECT title || ' ' || i, description, category_id, neighbourhood_id, starts_at, ends_at, created_at, updated_at
         FROM needs, n WHERE needs.id = ?`,
      )
      .run(CSV_NEEDS - 1, first.id);
    closeDatabase(db);

    const [trustingApp, distrustingApp] = await Promise.all([freePort(), freePort()]);
    const start = (databasePath: string, port: number, publicPort: number, trustedProxies: string) =>
      startServer({
        databasePath,
        production: true,
        port,
        env: { APP_URL: `https://localhost:${publicPort}`, TRUSTED_PROXIES: trustedProxies },
      });
    [trusting, distrusting] = await Promise.all([
      start(trustingDb, trustingApp, trustingPort, "127.0.0.1"),
      start(distrustingDb, distrustingApp, distrustingPort, ""),
    ]);
    const link = /(https:\/\/localhost:\d+\/setup\?token=[A-Za-z0-9_-]{43})/.exec(trusting.output())?.[1];
    if (!link) throw new Error(`No setup link in the output:\n${trusting.output()}`);
    setupLink = link;

    // Caddy with its state (certificate authority included) in the test's folder, no admin endpoint.
    const home = join(dir, "caddy");
    mkdirSync(home);
    const caddyfile = join(dir, "Caddyfile");
    writeFileSync(
      caddyfile,
      [
        "{",
        "\tadmin off",
        "\tauto_https disable_redirects",
        "\tskip_install_trust",
        `\thttp_port ${httpPort}`,
        "}",
        caddySiteFromDeployDoc(trustingPort, trustingApp),
        caddySiteFromDeployDoc(distrustingPort, distrustingApp),
      ].join("\n"),
    );
    const proxy = spawn(CADDY, ["run", "--config", caddyfile, "--adapter", "caddyfile"], {
      env: {
        ...process.env,
        HOME: home,
        XDG_DATA_HOME: join(home, "data"),
        XDG_CONFIG_HOME: join(home, "config"),
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    caddy = proxy;
    proxy.stdout!.on("data", (chunk: Buffer) => (caddyLog += chunk.toString()));
    proxy.stderr!.on("data", (chunk: Buffer) => (caddyLog += chunk.toString()));
    const rootCertificate = join(home, "data/caddy/pki/authorities/local/root.crt");
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (proxy.exitCode !== null) throw new Error(`Caddy exited:\n${caddyLog}`);
      if (existsSync(rootCertificate)) {
        ca = readFileSync(rootCertificate);
        try {
          const [a, b] = await Promise.all([
            through(trustingPort, "/healthz"),
            through(distrustingPort, "/healthz"),
          ]);
          if (a.status === 200 && b.status === 200) break;
        } catch {
          // Not serving yet (the certificate is issued on start).
        }
      }
      if (Date.now() > deadline) throw new Error(`Caddy did not serve in time:\n${caddyLog}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }, 240_000);

  afterAll(async () => {
    if (caddy?.pid && caddy.exitCode === null) {
      const exited = new Promise((resolve) => caddy!.once("exit", resolve));
      caddy.kill("SIGTERM");
      // Caddy waits for open connections on SIGTERM; a failed test may have left one.
      const timer = setTimeout(() => caddy!.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    }
    await Promise.all([trusting?.stop(), distrusting?.stop()]);
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it("creates the first administrator and logs in with the __Host- session cookie, over HTTPS only", async () => {
    const setupPath = new URL(setupLink).pathname + new URL(setupLink).search;
    const page = await through(trustingPort, setupPath);
    expect(page.status).toBe(200);
    expect(page.headers["strict-transport-security"]).toMatch(/max-age=31536000/);
    const created = await postForm(trustingPort, "/setup", {
      token: new URL(setupLink).searchParams.get("token")!,
      displayName: "Verwaltung",
      email: "verwaltung@stadt.example",
      password: "ein langer Satz 7",
    });
    expect(created.status, created.body.toString()).toBe(302);
    expect(created.headers.location).toBe("/admin");

    const login = await postForm(trustingPort, "/login", {
      email: "verwaltung@stadt.example",
      password: "ein langer Satz 7",
    });
    expect(login.status, login.body.toString()).toBe(302);
    const cookie = parseCookie(login.headers["set-cookie"]);
    expect(cookie).toMatchObject({ name: "__Host-session", path: "/", secure: "true", httponly: "true" });
    expect(cookie).not.toHaveProperty("domain");
    expect(login.headers["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");

    const system = await through(trustingPort, "/admin/system", {
      headers: { Cookie: `${cookie!.name}=${cookie!.value}` },
    });
    expect(system.status).toBe(200);
    expect(system.body.toString()).toContain("<h1");
    expect(system.headers["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
  });

  it("takes the client's address from X-Forwarded-For only from a proxy TRUSTED_PROXIES lists", async () => {
    const wrongLogin = { email: "niemand@stadt.example", password: "falsches Passwort 1" };
    // A client that claims another address: Caddy replaces the header with the address it sees.
    const spoof = { "X-Forwarded-For": "203.0.113.9" };
    for (const port of [trustingPort, distrustingPort]) {
      const reply = await through(port, "/login", {
        method: "POST",
        headers: {
          ...spoof,
          Origin: `https://localhost:${port}`,
          "Content-Type": "application/x-www-form-urlencoded",
        },
        body: new URLSearchParams(wrongLogin).toString(),
      });
      expect(reply.status).toBe(400);
    }
    // Listed: the client's own address. Not listed: the proxy's (IPv4-mapped on a dual-stack socket),
    // whatever the header says.
    expect(throttledAddresses(trustingDb)).toEqual([`login:ip:${CLIENT_ADDRESS}`]);
    expect(throttledAddresses(distrustingDb)).toEqual([
      expect.stringMatching(/^login:ip:(::ffff:)?127\.0\.0\.1$/),
    ]);

    // Straight to the trusting hub, past the proxy, from an address it does not list: header ignored.
    const direct = await new Promise<number>((resolve, reject) => {
      const body = new URLSearchParams(wrongLogin).toString();
      // The hub itself speaks plain HTTP; the port is closed to all but the proxy in production.
      const req = httpRequest(
        {
          host: "127.0.0.1",
          port: trusting.port,
          localAddress: "127.0.0.3",
          method: "POST",
          path: "/login",
          headers: {
            ...spoof,
            Origin: `https://localhost:${trustingPort}`,
            Host: `localhost:${trustingPort}`,
            "Content-Type": "application/x-www-form-urlencoded",
            "Content-Length": Buffer.byteLength(body),
          },
          agent: false,
        },
        (res) => {
          res.resume();
          res.on("end", () => resolve(res.statusCode ?? 0));
        },
      );
      req.on("error", reject);
      req.end(body);
    });
    expect(direct).toBe(400);
    const recorded = throttledAddresses(trustingDb);
    expect(recorded).toHaveLength(2);
    expect(recorded).toEqual(
      expect.arrayContaining([
        `login:ip:${CLIENT_ADDRESS}`,
        expect.stringMatching(/^login:ip:(::ffff:)?127\.0\.0\.3$/),
      ]),
    );
  });

  it("caches fingerprinted assets for a year and other files for an hour, compressed", async () => {
    const script = readdirSync(join(ROOT, "build/client/assets")).find((name) => name.endsWith(".js"));
    expect(script).toBeDefined();
    const asset = await through(trustingPort, `/assets/${script}`, {
      headers: { "Accept-Encoding": "gzip" },
    });
    expect(asset.status).toBe(200);
    expect(asset.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(asset.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(asset.body).equals(readFileSync(join(ROOT, "build/client/assets", script!)))).toBe(
      true,
    );
    const favicon = await through(trustingPort, "/favicon.svg");
    expect(favicon.status).toBe(200);
    expect(favicon.headers["cache-control"]).toBe("public, max-age=3600");
  });

  it("keeps /metrics internal: 404 through the proxy, open on loopback", async () => {
    expect((await through(trustingPort, "/metrics")).status).toBe(404);
    const local = await fetch(`${trusting.url}/metrics`);
    expect(local.status).toBe(200);
    const text = await local.text();
    expect(text).toContain("miteinander_http_request_duration_seconds");
    // Read through the Remix build's own modules: the reach index the server built when it started
    // (inline, for this hub's few offers) is the one requests use.
    expect(text).toMatch(/^miteinander_reach_index_ready\{service="miteinander"\} 1$/m);
  });

  it("streams a large CSV download through the proxy as the client reads it, whole", async () => {
    const login = await postForm(trustingPort, "/login", {
      email: "verwaltung@stadt.example",
      password: "ein langer Satz 7",
    });
    const cookie = parseCookie(login.headers["set-cookie"]);
    expect(cookie).not.toBeNull();
    const finished = () =>
      /"route":"\/coordination\/reports\/needs\.csv"[^\n]*"status":200/.test(trusting.output());

    // HTTP/2 as a browser speaks it to Caddy, with a small flow-control window: the client takes the
    // first piece, then stops reading for a while.
    const session = connectHttp2(trustingPort, { initialWindowSize: 65_535 });
    try {
      const stream = session.request({
        ":path": "/coordination/reports/needs.csv",
        cookie: `${cookie!.name}=${cookie!.value}`,
        "accept-encoding": "identity",
      });
      const headers = await new Promise<IncomingHttpHeaders>((resolve, reject) => {
        stream.once("response", resolve);
        stream.once("error", reject);
      });
      expect(headers[":status"]).toBe(200);
      expect(headers["content-type"]).toBe("text/csv; charset=utf-8");
      expect(headers["content-disposition"]).toMatch(/^attachment; filename=/);
      // Passed on as it comes, not collected by the proxy first to count its length.
      expect(headers["content-length"]).toBeUndefined();
      const first = await new Promise<Buffer>((resolve) => stream.once("data", resolve));
      stream.pause();
      expect(first.toString("utf8")).toMatch(/^\uFEFF.*;/);
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      // The client has the beginning; the hub is still sending the rest: the proxy did not take it all in.
      expect(finished()).toBe(false);

      const rest: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => rest.push(chunk));
      stream.resume();
      await new Promise((resolve) => stream.once("end", resolve));
      const body = Buffer.concat([first, ...rest]);
      expect(body.length).toBeGreaterThan(12_000_000);
      const lines = body.toString("utf8").split("\r\n");
      expect(lines.at(-1)).toBe("");
      expect(lines).toHaveLength(1 + CSV_NEEDS + 1);
    } finally {
      session.destroy();
    }
    // Only now, with the whole file read, the hub's request is done.
    for (let i = 0; i < 50 && !finished(); i += 1) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(finished()).toBe(true);
  });
});

if (!caddyInstalled) {
  describe("the hub behind Caddy (docs/deploy.md)", () => {
    it.skip(`skipped: Caddy is not installed at ${CADDY} (.ci/run installs Debian's package: apt-get install caddy)`, () => {});
  });
}
