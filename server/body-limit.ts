import type { NextFunction, Request, Response } from "express";
import { refusalText } from "~/modules/i18n/refusal-texts.server";

/** Forms here carry text only (no uploads): 1 MiB is far above any honest form and cheap to hold. */
export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;

/** After refusing, this much more of the body is read and dropped so the client sees the answer, not a reset. */
const DRAIN_LIMIT_BYTES = 8 * 1024 * 1024;

/** What Remix's `request.formData()` can parse; every action here reads a form and nothing else. */
const FORM_TYPES = new Set(["application/x-www-form-urlencoded", "multipart/form-data"]);

export interface BodyLimitOptions {
  maxBytes?: number;
}

function answer(req: Request, res: Response, status: number, text: string): void {
  if (!res.headersSent) {
    res.writeHead(status, {
      "Content-Type": "text/plain; charset=utf-8",
      "Cache-Control": "no-store",
      Connection: "close",
    });
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

/**
 * Reads the whole (already bounded) body, and — if `accept` approves it — puts it back with `unshift`
 * (the Readable API for "un-consuming" data), so the request goes on unchanged.
 */
function inspectBody(
  req: Request,
  res: Response,
  next: NextFunction,
  maxBytes: number,
  accept: (body: Buffer) => Promise<boolean>,
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
    const body = Buffer.concat(chunks, size);
    // Put back at once, before the scheduled 'end' can fire; the check may take a tick or two.
    if (size > 0) req.unshift(body);
    void accept(body).then((ok) =>
      ok ? next() : answer(req, res, 400, refusalText("malformed", req.headers)),
    );
  };
  req.on("readable", onReadable);
  req.on("error", cleanup);
  req.on("aborted", cleanup);
}

async function parsesAsForm(body: Buffer, contentType: string): Promise<boolean> {
  try {
    await new globalThis.Response(new Uint8Array(body), {
      headers: { "Content-Type": contentType },
    }).formData();
    return true;
  } catch {
    return false;
  }
}

/**
 * The gate every request body passes before Remix sees it (GET and HEAD pass untouched):
 * - over `maxBytes` → 413. With a Content-Length, decided from the header alone (Node's parser holds
 *   the body to exactly that length, so a smaller declared length cannot smuggle more bytes in);
 *   streamed (chunked) bodies are counted as they arrive.
 * - anything but a form (JSON, text, XML, or no Content-Type at all) → 415: every action reads
 *   `request.formData()`, which throws on anything else — a 500 from any hostile client.
 * - multipart that does not parse → 400, for the same reason. Multipart and chunked bodies are read
 *   here (at most `maxBytes`) and handed on unchanged; plain forms with a length pass straight through.
 * - and a body an action left unread is drained once the answer is out (see releaseUnreadBody).
 */
export function limitRequestBody(options: BodyLimitOptions = {}) {
  const maxBytes = options.maxBytes ?? DEFAULT_BODY_LIMIT_BYTES;
  return (req: Request, res: Response, next: NextFunction): void => {
    // Bodies of GET and HEAD mean nothing to Remix; everything else reaches an action.
    if (req.method === "GET" || req.method === "HEAD") return next();
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
      return inspectBody(req, res, next, maxBytes, (body) => parsesAsForm(body, contentType));
    }
    if (chunked) return inspectBody(req, res, next, maxBytes, async () => true);
    next();
  };
}
