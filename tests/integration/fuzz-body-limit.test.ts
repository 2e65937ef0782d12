import { createHash } from "node:crypto";
import { request, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createReadableStreamFromReadable } from "@remix-run/node";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_BODY_LIMIT_BYTES, limitRequestBody } from "../../server/body-limit";

// The middleware in front of a handler that reads the body exactly as Remix's express adapter does
// (createReadableStreamFromReadable(req)), echoing its length and digest: what passes arrives intact.

let server: Server;
let port: number;
let handled = 0;

beforeAll(async () => {
  const app = express();
  app.use(limitRequestBody());
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
function post(body: Buffer, { chunks = 1, contentLength }: { chunks?: number; contentLength?: number } = {}) {
  return new Promise<Reply>((resolve, reject) => {
    const headers: Record<string, string | number> = { "Content-Type": "application/x-www-form-urlencoded" };
    if (contentLength !== undefined) headers["Content-Length"] = contentLength;
    const req = request({ host: "127.0.0.1", port, method: "POST", path: "/any", headers }, (res) => {
      const parts: Buffer[] = [];
      res.on("data", (c: Buffer) => parts.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts).toString() }));
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
    expect(reply.body).toMatch(/too large/);
    expect(reply.headers.connection).toBe("close");
    expect(handled).toBe(before);
  });

  it("refuses a streamed (chunked) body once it passes the limit", async () => {
    const before = handled;
    const reply = await post(Buffer.alloc(3 * DEFAULT_BODY_LIMIT_BYTES, "b"), { chunks: 48 });
    expect(reply.status).toBe(413);
    expect(handled).toBe(before);
  });

  it("passes bodies at the limit intact, declared or streamed", async () => {
    const body = Buffer.alloc(DEFAULT_BODY_LIMIT_BYTES);
    for (let i = 0; i < body.length; i += 1) body[i] = (i * 31) % 251;
    const declared = await post(body, { contentLength: body.length });
    expect(declared.status).toBe(200);
    expect(JSON.parse(declared.body)).toEqual({ length: body.length, sha: sha(body) });

    const streamed = await post(body, { chunks: 37 });
    expect(streamed.status).toBe(200);
    expect(JSON.parse(streamed.body)).toEqual({ length: body.length, sha: sha(body) });
  });

  it("passes small and empty streamed bodies", async () => {
    const small = Buffer.from("intent=x&name=%C3%BC");
    expect(JSON.parse((await post(small, { chunks: 3 })).body)).toEqual({ length: small.length, sha: sha(small) });
    const empty = Buffer.alloc(0);
    expect(JSON.parse((await post(empty)).body)).toEqual({ length: 0, sha: sha(empty) });
  });
});
