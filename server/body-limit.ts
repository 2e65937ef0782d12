import type { NextFunction, Request, Response } from "express";

/** Forms here carry text only (no uploads): 1 MiB is far above any honest form and cheap to hold. */
export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;

/** After refusing, this much more of the body is read and dropped so the client sees the 413, not a reset. */
const DRAIN_LIMIT_BYTES = 8 * 1024 * 1024;

export interface BodyLimitOptions {
  maxBytes?: number;
}

function refuse(req: Request, res: Response, maxBytes: number): void {
  if (!res.headersSent) {
    res.writeHead(413, {
      "Content-Type": "text/plain; charset=utf-8",
      "Cache-Control": "no-store",
      Connection: "close",
    });
    res.end(`Request body too large: the limit is ${Math.floor(maxBytes / 1024)} KiB.\n`);
  }
  let drained = 0;
  req.on("data", (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > DRAIN_LIMIT_BYTES) req.socket.destroy();
  });
  req.resume();
}

/**
 * Refuses request bodies over `maxBytes` with 413 before anything (Remix's formData()) reads them.
 * - With a Content-Length: decided from the header alone. Node's parser holds the body to exactly that
 *   length, so a smaller declared length cannot smuggle more bytes in.
 * - Streamed (chunked, no Content-Length): read here, counting, up to the limit; an honest body is then
 *   put back with `unshift` (the Readable API for "un-consuming" data) and the request goes on unchanged.
 */
export function limitRequestBody(options: BodyLimitOptions = {}) {
  const maxBytes = options.maxBytes ?? DEFAULT_BODY_LIMIT_BYTES;
  return (req: Request, res: Response, next: NextFunction): void => {
    const declared = req.headers["content-length"];
    if (declared !== undefined) {
      const length = Number(declared);
      if (Number.isFinite(length) && length > maxBytes) return refuse(req, res, maxBytes);
      return next();
    }
    if (req.headers["transfer-encoding"] === undefined) return next();

    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = () => {
      req.off("readable", onReadable);
      req.off("error", onError);
      req.off("aborted", onError);
    };
    const onError = () => cleanup();
    const onReadable = () => {
      let chunk: Buffer | null;
      while ((chunk = req.read() as Buffer | null) !== null) {
        size += chunk.length;
        if (size > maxBytes) {
          cleanup();
          return refuse(req, res, maxBytes);
        }
        chunks.push(chunk);
      }
      // `complete` is set before the parser's end-of-stream: the whole body is in hand. The 'end' event is
      // only scheduled at this point, so unshifting now makes the data readable again before it fires.
      if (req.complete) {
        cleanup();
        if (size > 0) req.unshift(Buffer.concat(chunks, size));
        next();
      }
    };
    req.on("readable", onReadable);
    req.on("error", onError);
    req.on("aborted", onError);
  };
}
