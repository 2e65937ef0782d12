import { createHash } from "node:crypto";
import { Agent, request, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createReadableStreamFromReadable } from "@remix-run/node";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_BODY_LIMIT_BYTES, limitRequestBody, UPLOAD_ROUTES } from "../../server/body-limit";
import { MAX_FIELD_BYTES } from "../../server/form-shape";

// The middleware in front of a handler that reads the body exactly as Remix's express adapter does
// (createReadableStreamFromReadable(req)), echoing its length and digest: what passes arrives intact.

let server: Server;
let port: number;
let handled = 0;

beforeAll(async () => {
  const app = express();
  app.use(limitRequestBody());
  // Like an action that redirects to the login before reading the form: Remix's adapter has started
  // pumping the body (and paused it when its buffer filled), nobody reads it.
  app.post("/early", (req, res) => {
    handled += 1;
    createReadableStreamFromReadable(req);
    res.redirect(302, "/login");
  });
  app.all("*", async (req, res) => {
    handled += 1;
    const body = new Response(createReadableStreamFromReadable(req));
    const bytes = Buffer.from(await body.arrayBuffer());
    res.json({ length: bytes.length, sha: createHash("sha256").update(bytes).digest("hex") });
  });
  server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** POSTs `body` in `chunks` pieces; chunked transfer unless `contentLength` is given. */
function post(
  body: Buffer,
  {
    chunks = 1,
    contentLength,
    contentType = "application/x-www-form-urlencoded",
    path = "/any",
  }: { chunks?: number; contentLength?: number; contentType?: string | null; path?: string } = {},
) {
  return new Promise<Reply>((resolve, reject) => {
    const headers: Record<string, string | number> =
      contentType === null ? {} : { "Content-Type": contentType };
    if (contentLength !== undefined) headers["Content-Length"] = contentLength;
    const req = request({ host: "127.0.0.1", port, method: "POST", path, headers }, (res) => {
      const parts: Buffer[] = [];
      res.on("data", (c: Buffer) => parts.push(c));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts).toString() }),
      );
    });
    // The server may close once it has answered 413: a write error after that is expected.
    req.on("error", (error) => (req.writableEnded ? undefined : reject(error)));
    const size = Math.ceil(body.length / chunks);
    for (let i = 0; i < body.length; i += size) req.write(body.subarray(i, i + size));
    req.end();
  });
}

const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

describe("request body limit", () => {
  it("refuses a declared Content-Length over the limit with 413 before the handler runs", async () => {
    const before = handled;
    const body = Buffer.alloc(DEFAULT_BODY_LIMIT_BYTES + 1, "a");
    const reply = await post(body, { contentLength: body.length });
    expect(reply.status).toBe(413);
    expect(reply.body).toMatch(/zu groß \(höchstens 1024 KiB\)/);
    // The answer arrives whole and the connection stays open (the rest of the body is dropped).
    expect(reply.headers.connection).not.toBe("close");
    expect(handled).toBe(before);
  });

  it("refuses more than 1,000 fields, or one field over 100 KiB, with 413 before the handler", async () => {
    const before = handled;
    const many = await post(Buffer.from("a=&".repeat(1001)), { contentLength: 3003 });
    expect(many.status).toBe(413);
    expect(many.body).toMatch(/zu viele Felder \(höchstens 1000\)/);
    const chunkedMany = await post(Buffer.from("a=&".repeat(200_000)), { chunks: 9 });
    expect(chunkedMany.status).toBe(413);
    const long = Buffer.from(`a=1&b=${"%41".repeat(100 * 1024 + 1)}`);
    const tooLong = await post(long, { contentLength: long.length });
    expect(tooLong.status).toBe(413);
    expect(tooLong.body).toMatch(/Feld des Formulars ist zu lang \(höchstens 100 KiB\)/);
    const multipart = Buffer.from(
      `--b\r\nContent-Disposition: form-data; name="a"\r\n\r\n${"x".repeat(100 * 1024 + 1)}\r\n--b--\r\n`,
    );
    const tooLongPart = await post(multipart, {
      contentLength: multipart.length,
      contentType: "multipart/form-data; boundary=b",
    });
    expect(tooLongPart.status).toBe(413);
    expect(handled).toBe(before);
    // At the limits, the form passes.
    const atLimits = Buffer.from(`${"a=&".repeat(999)}b=${"x".repeat(100 * 1024)}`);
    expect((await post(atLimits, { contentLength: atLimits.length })).status).toBe(200);
  });

  it("refuses a streamed (chunked) body once it passes the limit", async () => {
    const before = handled;
    const reply = await post(Buffer.alloc(3 * DEFAULT_BODY_LIMIT_BYTES, "b"), { chunks: 48 });
    expect(reply.status).toBe(413);
    expect(handled).toBe(before);
  });

  it("passes bodies at the limit intact, declared or streamed", async () => {
    // 16 fields of 64 KiB each (under the field limit), bytes of every value but "&".
    const body = Buffer.alloc(DEFAULT_BODY_LIMIT_BYTES);
    for (let i = 0; i < body.length; i += 1) body[i] = i % 65536 === 65535 ? 0x26 : (i * 31) % 251 || 1;
    for (let i = 0; i < body.length; i += 1) if (body[i] === 0x26 && i % 65536 !== 65535) body[i] = 0x27;
    // "+" is passed on as "%20" (the same form, parsed faster): see the test below.
    for (let i = 0; i < body.length; i += 1) if (body[i] === 0x2b) body[i] = 0x2c;
    const declared = await post(body, { contentLength: body.length });
    expect(declared.status).toBe(200);
    expect(JSON.parse(declared.body)).toEqual({ length: body.length, sha: sha(body) });

    const streamed = await post(body, { chunks: 37 });
    expect(streamed.status).toBe(200);
    expect(JSON.parse(streamed.body)).toEqual({ length: body.length, sha: sha(body) });
  });

  it("passes a form with '+' on as the same form, '+' written as %20", async () => {
    const form = "title=Deutsch+lernen&description=a+b%2Bc++d&x=%20+";
    for (const options of [{ contentLength: form.length }, { chunks: 3 }]) {
      const reply = await post(Buffer.from(form), options);
      expect(reply.status).toBe(200);
      const passed = "title=Deutsch%20lernen&description=a%20b%2Bc%20%20d&x=%20%20";
      expect(JSON.parse(reply.body)).toEqual({ length: passed.length, sha: sha(Buffer.from(passed)) });
      expect([...new URLSearchParams(passed)]).toEqual([...new URLSearchParams(form)]);
    }
  });

  it("passes small and empty streamed bodies", async () => {
    const small = Buffer.from("intent=x&name=%C3%BC");
    expect(JSON.parse((await post(small, { chunks: 3 })).body)).toEqual({
      length: small.length,
      sha: sha(small),
    });
    const empty = Buffer.alloc(0);
    expect(JSON.parse((await post(empty)).body)).toEqual({ length: 0, sha: sha(empty) });
  });
});

describe("only forms reach the actions", () => {
  it("refuses JSON, text and bodies without a type with 415, before the handler", async () => {
    const before = handled;
    for (const contentType of ["application/json", "text/plain", "application/xml", null]) {
      const body = Buffer.from('{"a":1}');
      expect(
        (await post(body, { contentLength: body.length, contentType })).status,
        String(contentType),
      ).toBe(415);
    }
    // Even an empty POST: request.formData() throws without a form type.
    expect((await post(Buffer.alloc(0), { contentLength: 0, contentType: null })).status).toBe(415);
    expect(handled).toBe(before);
  });

  it("refuses multipart that does not parse with 400, and passes multipart that does, intact", async () => {
    const before = handled;
    const broken = Buffer.from('--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb');
    expect(
      (await post(broken, { contentLength: broken.length, contentType: "multipart/form-data; boundary=y" }))
        .status,
    ).toBe(400);
    expect(
      (await post(Buffer.alloc(0), { contentLength: 0, contentType: "multipart/form-data; boundary=y" }))
        .status,
    ).toBe(400);
    expect(handled).toBe(before);

    const form = new FormData();
    form.set("title", "Sommerfest ü");
    form.set("note", "x".repeat(50_000));
    const encoded = new Response(form);
    const type = encoded.headers.get("content-type")!;
    const good = Buffer.from(await encoded.arrayBuffer());
    for (const options of [{ contentLength: good.length }, { chunks: 7 }]) {
      const reply = await post(good, { ...options, contentType: type });
      expect(reply.status).toBe(200);
      expect(JSON.parse(reply.body)).toEqual({ length: good.length, sha: sha(good) });
    }
  });
});

describe("a body the action never read", () => {
  it("does not break the next requests on the same connection", async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const send = (path: string, body: string) =>
      new Promise<number>((resolve, reject) => {
        const req = request(
          {
            host: "127.0.0.1",
            port,
            method: "POST",
            path,
            agent,
            headers: {
              "Content-Type": "application/x-www-form-urlencoded",
              "Content-Length": Buffer.byteLength(body),
            },
          },
          (res) => {
            res.resume();
            res.on("end", () => resolve(res.statusCode ?? 0));
          },
        );
        req.on("error", reject);
        req.end(body);
      });
    try {
      const large = Array.from({ length: 9 }, (_, i) => `a${i}=${"x".repeat(100 * 1024 - 8)}`).join("&");
      expect(await send("/early", large)).toBe(302);
      for (let i = 0; i < 3; i += 1) expect(await send("/early", `a=${i}`)).toBe(302);
      expect(await send("/any", "a=1")).toBe(200);
      // A refused body (too many fields) is read and dropped too: the connection stays usable.
      expect(await send("/any", "a=&".repeat(200_000))).toBe(413);
      expect(await send("/any", "a=1")).toBe(200);
    } finally {
      agent.destroy();
    }
  });
});

describe("an upload route (the spreadsheet import)", () => {
  const path = "/coordination/import";
  const upload = UPLOAD_ROUTES[path]!;

  // A browser's kind of boundary: undici's parser fails on a file that contains a one-letter boundary.
  const BOUNDARY = "----miteinanderFormBoundary7MA4YWxkTrZu0gW";

  /** A multipart form with one text field and one file in `fileField`. */
  function multipart(fileField: string, file: Buffer, text = "preview"): Buffer {
    return Buffer.concat([
      Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="intent"\r\n\r\n${text}\r\n`),
      Buffer.from(
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${fileField}"; filename="vereine.csv"\r\n` +
          "Content-Type: text/csv\r\n\r\n",
      ),
      file,
      Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
    ]);
  }
  const send = (body: Buffer) =>
    post(body, {
      contentLength: body.length,
      contentType: `multipart/form-data; boundary=${BOUNDARY}`,
      path,
    });

  it("passes a file of several MB in its file field, intact", async () => {
    expect(upload).toEqual({ maxBytes: 6 * 1024 * 1024, fileField: "file" });
    const body = multipart("file", Buffer.alloc(4 * 1024 * 1024, "Name;Art\n"));
    const reply = await send(body);
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toEqual({ length: body.length, sha: sha(body) });
  });

  it("keeps the 100 KiB limit for its other fields, and for a file in any other field", async () => {
    const before = handled;
    const longText = await send(multipart("file", Buffer.from("a;b\n"), "x".repeat(MAX_FIELD_BYTES + 1)));
    expect(longText.status).toBe(413);
    const elsewhere = await send(multipart("attachment", Buffer.alloc(MAX_FIELD_BYTES + 1, "a")));
    expect(elsewhere.status).toBe(413);
    const urlEncoded = Buffer.from(`file=${"x".repeat(MAX_FIELD_BYTES + 1)}`);
    expect((await post(urlEncoded, { contentLength: urlEncoded.length, path })).status).toBe(413);
    expect(handled).toBe(before);
  });

  it("refuses a body over its own limit", async () => {
    const before = handled;
    const reply = await send(multipart("file", Buffer.alloc(upload.maxBytes, "a")));
    expect(reply.status).toBe(413);
    expect(handled).toBe(before);
  });

  it("holds every other path to 1 MiB and 100 KiB per field, files included", async () => {
    const body = multipart("file", Buffer.alloc(MAX_FIELD_BYTES + 1, "a"));
    const reply = await post(body, {
      contentLength: body.length,
      contentType: `multipart/form-data; boundary=${BOUNDARY}`,
      path: "/coordination/import/other",
    });
    expect(reply.status).toBe(413);
  });
});
