import type { NextFunction, Request, Response } from "express";
import { refusalText } from "~/modules/i18n/refusal-texts.server";
import { formDataShape, judgeShape, MAX_FIELD_BYTES, MAX_FORM_FIELDS, urlEncodedShape } from "./form-shape";

/** Forms here carry text only (no uploads): 1 MiB is far above any honest form and cheap to hold. */
export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * After refusing, this much more of the body is read and dropped so the client sees the answer, not a
 * reset; past it the connection is cut. Reading and dropping costs no more than receiving: the bytes are
 * never kept. (A form with every one of its 20 fields filled with 900 KB is 18 MB.)
 */
export const DRAIN_LIMIT_BYTES = 32 * 1024 * 1024;

/** What Remix's `request.formData()` can parse; every action here reads a form and nothing else. */
const FORM_TYPES = new Set(["application/x-www-form-urlencoded", "multipart/form-data"]);

/** A path that takes a file upload: its own body limit, and the one field that may hold the file. */
export interface UploadRoute {
  maxBytes: number;
  /** A file in this field is held to `maxBytes` only; every other field keeps MAX_FIELD_BYTES. */
  fileField: string;
}

export interface BodyLimitOptions {
  maxBytes?: number;
  /** Paths that take a file upload, with their own limits (the spreadsheet import). */
  uploads?: Readonly<Record<string, UploadRoute>>;
}

/** The spreadsheet import takes a file of up to 5 MB (modules/imports/spreadsheet.server.ts) plus the form. */
export const UPLOAD_ROUTES: Readonly<Record<string, UploadRoute>> = {
  "/coordination/import": { maxBytes: 6 * 1024 * 1024, fileField: "file" },
};

function answer(req: Request, res: Response, status: number, text: string): void {
  if (!res.headersSent) {
    // Not `Connection: close`: Node would then close the socket as soon as the answer is out, while the
    // client is still sending, and the client would see a reset instead of the answer. The rest of the
    // body is read and dropped below, and the connection stays usable.
    res.writeHead(status, { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" });
    res.end(`${text}\n`);
  }
  let drained = 0;
  req.removeAllListeners("data");
  req.on("data", (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > DRAIN_LIMIT_BYTES) req.socket.destroy();
  });
  req.resume();
}

/**
 * Once the answer is out, whatever of the body nobody read is read and dropped — what Node's own
 * `IncomingMessage._dump()` does for a body no one listened to. Remix's adapter always listens and
 * pauses the stream when its buffer is full, so an action that answers without reading the form (a
 * redirect to the login, a 403) left the connection stuck mid-body, and the client's next request on it
 * got ECONNRESET (found by tests/integration/fuzz.test.ts).
 */
function releaseUnreadBody(req: Request, res: Response): void {
  res.once("finish", () => {
    if (req.complete || req.destroyed) return;
    req.removeAllListeners("data");
    req.resume();
  });
}

function bodyLength(req: Request): number | null {
  const declared = req.headers["content-length"];
  if (declared === undefined) return null;
  const length = Number(declared);
  return Number.isFinite(length) ? length : null;
}

/** What the look at a whole body decided: pass it on, or which refusal to answer with. */
type BodyVerdict = "ok" | "malformed" | "tooManyFields" | "fieldTooLarge";

function refuse(req: Request, res: Response, verdict: Exclude<BodyVerdict, "ok">): void {
  if (verdict === "malformed") return answer(req, res, 400, refusalText("malformed", req.headers));
  if (verdict === "tooManyFields") {
    return answer(req, res, 413, refusalText("tooManyFields", req.headers, { fields: MAX_FORM_FIELDS }));
  }
  answer(
    req,
    res,
    413,
    refusalText("fieldTooLarge", req.headers, { kib: Math.floor(MAX_FIELD_BYTES / 1024) }),
  );
}

/**
 * Reads the whole (already bounded) body, and — if `judge` approves it — puts it back with `unshift`
 * (the Readable API for "un-consuming" data), so the request goes on; `prepare` may first rewrite it
 * into an equivalent form (Content-Length follows).
 */
function inspectBody(
  req: Request,
  res: Response,
  next: NextFunction,
  maxBytes: number,
  judge: (body: Buffer) => Promise<BodyVerdict>,
  prepare: (body: Buffer) => Buffer = (body) => body,
): void {
  const chunks: Buffer[] = [];
  let size = 0;
  const cleanup = () => {
    req.off("readable", onReadable);
    req.off("error", cleanup);
    req.off("aborted", cleanup);
  };
  const onReadable = () => {
    let chunk: Buffer | null;
    while ((chunk = req.read() as Buffer | null) !== null) {
      size += chunk.length;
      if (size > maxBytes) {
        cleanup();
        return answer(
          req,
          res,
          413,
          refusalText("tooLarge", req.headers, { kib: Math.floor(maxBytes / 1024) }),
        );
      }
      chunks.push(chunk);
    }
    // `complete` is set before the parser's end-of-stream: the whole body is in hand. 'end' is only
    // scheduled at this point, so unshifting now makes the data readable again before it fires.
    if (!req.complete) return;
    cleanup();
    const body = prepare(Buffer.concat(chunks, size));
    if (body.length !== size && req.headers["content-length"] !== undefined) {
      req.headers["content-length"] = String(body.length);
    }
    // Put back at once, before the scheduled 'end' can fire; the check may take a tick or two.
    if (body.length > 0) req.unshift(body);
    void judge(body).then((verdict) => (verdict === "ok" ? next() : refuse(req, res, verdict)));
  };
  req.on("readable", onReadable);
  req.on("error", cleanup);
  req.on("aborted", cleanup);
}

async function judgeMultipart(body: Buffer, contentType: string, fileField?: string): Promise<BodyVerdict> {
  // Count the parts before parsing them: 20,000 tiny parts take the parser over 100 ms.
  const boundary = multipartBoundary(contentType);
  if (!boundary) return "malformed";
  if (countOccurrences(body, Buffer.from(`--${boundary}`)) > MAX_FORM_FIELDS + 1) return "tooManyFields";
  let form: FormData;
  try {
    form = await new globalThis.Response(new Uint8Array(body), {
      headers: { "Content-Type": contentType },
    }).formData();
  } catch {
    return "malformed";
  }
  const shape = formDataShape(form, fileField);
  return judgeShape(shape.fields, shape.largestField);
}

function multipartBoundary(contentType: string): string | null {
  for (const param of contentType.split(";").slice(1)) {
    const [name, ...value] = param.split("=");
    if (name?.trim().toLowerCase() !== "boundary") continue;
    const boundary = value
      .join("=")
      .trim()
      .replace(/^"(.*)"$/, "$1");
    return boundary.length > 0 && boundary.length <= 200 ? boundary : null;
  }
  return null;
}

function countOccurrences(haystack: Buffer, needle: Buffer): number {
  let count = 0;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + needle.length)) {
    count += 1;
  }
  return count;
}

/**
 * "+" (a space in a urlencoded form) as "%20", which means the same. The platform's form parser
 * decodes "+" slowly: a 1 MiB body of "0+1" held the server for 150 to 500 ms, the same body with
 * "%20" for under 10 ms (docs/decisions/025-request-limits.md).
 */
export function plusAsPercent20(body: Buffer): Buffer {
  let pluses = 0;
  for (const byte of body) if (byte === 0x2b) pluses += 1;
  if (pluses === 0) return body;
  const out = Buffer.allocUnsafe(body.length + 2 * pluses);
  let at = 0;
  for (const byte of body) {
    if (byte === 0x2b) {
      out[at] = 0x25;
      out[at + 1] = 0x32;
      out[at + 2] = 0x30;
      at += 3;
    } else {
      out[at] = byte;
      at += 1;
    }
  }
  return out;
}

async function judgeUrlEncoded(body: Buffer): Promise<BodyVerdict> {
  const shape = urlEncodedShape(body);
  return judgeShape(shape.fields, shape.largestField);
}

/**
 * The gate every request body passes before Remix sees it (GET and HEAD pass untouched):
 * - over `maxBytes` → 413. With a Content-Length, decided from the header alone (Node's parser holds
 *   the body to exactly that length, so a smaller declared length cannot smuggle more bytes in);
 *   streamed (chunked) bodies are counted as they arrive.
 * - anything but a form (JSON, text, XML, or no Content-Type at all) → 415: every action reads
 *   `request.formData()`, which throws on anything else — a 500 from any hostile client.
 * - multipart that does not parse → 400, for the same reason.
 * - a form of more than MAX_FORM_FIELDS fields, or with a field over MAX_FIELD_BYTES → 413: the app's
 *   own parsing and checks then never see more than that (docs/decisions/025-request-limits.md).
 * Every form body is read here (at most `maxBytes`, one linear pass) and handed on unchanged.
 * - and a body an action left unread is drained once the answer is out (see releaseUnreadBody).
 */
export function limitRequestBody(options: BodyLimitOptions = {}) {
  const defaultMax = options.maxBytes ?? DEFAULT_BODY_LIMIT_BYTES;
  const uploads = options.uploads ?? UPLOAD_ROUTES;
  return (req: Request, res: Response, next: NextFunction): void => {
    // Bodies of GET and HEAD mean nothing to Remix; everything else reaches an action.
    if (req.method === "GET" || req.method === "HEAD") return next();
    const upload = Object.hasOwn(uploads, req.path) ? uploads[req.path] : undefined;
    const maxBytes = upload?.maxBytes ?? defaultMax;
    releaseUnreadBody(req, res);
    const length = bodyLength(req);
    const chunked = req.headers["transfer-encoding"] !== undefined;
    if (length !== null && length > maxBytes) {
      return answer(
        req,
        res,
        413,
        refusalText("tooLarge", req.headers, { kib: Math.floor(maxBytes / 1024) }),
      );
    }
    // Even an empty POST needs a form type: formData() throws without one.
    const contentType = req.headers["content-type"] ?? "";
    const mediaType = contentType.split(";")[0]!.trim().toLowerCase();
    if (!FORM_TYPES.has(mediaType)) {
      return answer(req, res, 415, refusalText("unsupported", req.headers));
    }
    if (mediaType === "multipart/form-data") {
      if (!chunked && !length) return answer(req, res, 400, refusalText("malformed", req.headers));
      return inspectBody(req, res, next, maxBytes, (body) =>
        judgeMultipart(body, contentType, upload?.fileField),
      );
    }
    // An empty form has no fields to count.
    if (!chunked && !length) return next();
    return inspectBody(req, res, next, maxBytes, judgeUrlEncoded, plusAsPercent20);
  };
}
