import { randomBytes } from "node:crypto";
import { PassThrough } from "node:stream";
import { createReadableStreamFromReadable, type EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { createInstance } from "i18next";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { NonceProvider } from "~/components/nonce";
import { bundledBackend } from "~/modules/i18n/backend";
import { i18nOptions } from "~/modules/i18n/config";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { prepareCandidateReach } from "~/modules/matches/candidate-reach.server";
import { getDb } from "~/utils/db.server";
import { applySecurityHeaders } from "~/utils/security-headers.server";

export const streamTimeout = 5_000;

/**
 * Work a server starts once it listens (server/main.ts calls it): the matching reach index is built in
 * its worker thread, so that the first need page a coordinator opens is already fast.
 */
export function warmUp(): void {
  void prepareCandidateReach(getDb());
}

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
) {
  const nonce = randomBytes(16).toString("base64");
  const instance = createInstance();
  const lng = await i18nServer.getLocale(request);
  await instance
    .use(initReactI18next)
    .use(bundledBackend)
    .init({ ...i18nOptions, lng, ns: i18nServer.getRouteNamespaces(remixContext) });

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
          if (shellRendered) console.error(error);
        },
      },
    );
  });
}

export function handleDataRequest(response: Response) {
  applySecurityHeaders(response.headers);
  return response;
}
