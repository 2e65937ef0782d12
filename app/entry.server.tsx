import { randomBytes } from "node:crypto";
import { PassThrough } from "node:stream";
import {
  createReadableStreamFromReadable,
  type EntryContext,
  type HandleErrorFunction,
} from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { createInstance } from "i18next";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { NonceProvider } from "~/components/nonce";
import { bundledBackend } from "~/modules/i18n/backend";
import { i18nOptions } from "~/modules/i18n/config";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { rememberPlainTranslations } from "~/modules/i18n/translation-memo.server";
import { prepareCandidateReach } from "~/modules/matches/candidate-reach.server";
import { readSystemHealth, type SystemHealth } from "~/modules/system/system-health.server";
import { getDb } from "~/utils/db.server";
import { errorFields, logger } from "~/utils/logger.server";
import { applySecurityHeaders } from "~/utils/security-headers.server";

export const streamTimeout = 5_000;

/**
 * Work a server starts once it listens (server/main.ts calls it): the matching reach index is built in
 * its worker thread, so that the first need page a coordinator opens is already fast.
 */
export function warmUp(): void {
  prepareCandidateReach(getDb()).catch((error: unknown) =>
    logger().error(errorFields(error), "the matching reach index could not be built at start"),
  );
}

/**
 * The hub's health as /metrics reports it (server/metrics.ts), read by this build's modules on the
 * connection requests use: the reach index and worker threads are the ones the pages work with.
 */
export function systemHealth(): SystemHealth {
  return readSystemHealth(getDb());
}

/**
 * A loader's or action's unexpected error, as one JSON log line (Remix would print the stack with
 * console.error): its message and stack, and the request id of the request's own log line. Never the
 * URL or the body. A request the client abandoned is not an error.
 */
export const handleError: HandleErrorFunction = (error, { request, context }) => {
  if (request.signal.aborted) return;
  logger().error({ ...errorFields(error), reqId: context.requestId }, "request failed");
};

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
) {
  const nonce = randomBytes(16).toString("base64");
  const instance = createInstance();
  const lng = await i18nServer(getDb()).getLocale(request);
  await instance
    .use(initReactI18next)
    .use(bundledBackend)
    .init({ ...i18nOptions, lng, ns: i18nServer(getDb()).getRouteNamespaces(remixContext) });
  rememberPlainTranslations(instance);

  // Bots and no-JS readers get the whole document at once; browsers get it streamed.
  const readyEvent = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";

  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    // The timer holds the whole render (loader data, i18n instance, stream) until it fires: it is cleared as
    // soon as the render is over, or every request would stay in memory for the full timeout.
    const timeout = setTimeout(() => abort(), streamTimeout + 1000);
    const settle = () => clearTimeout(timeout);
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <I18nextProvider i18n={instance}>
          <RemixServer context={remixContext} url={request.url} nonce={nonce} />
        </I18nextProvider>
      </NonceProvider>,
      {
        nonce,
        [readyEvent]() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          applySecurityHeaders(responseHeaders, nonce);
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
          // "finish": React wrote the last byte; "close": the reader went away first.
          body.once("finish", settle).once("close", settle);
          pipe(body);
        },
        onShellError(error: unknown) {
          settle();
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) logger().error(errorFields(error), "page failed while streaming");
        },
      },
    );
  });
}

export function handleDataRequest(response: Response) {
  applySecurityHeaders(response.headers);
  return response;
}
