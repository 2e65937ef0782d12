/**
 * Machine drafts from a LibreTranslate-compatible server (TRANSLATE_URL, TRANSLATE_API_KEY). Only two
 * kinds of text are ever sent: an activity's title and description, and an organisation's profile
 * description — public texts their authors asked to have translated. Needs, messages and everything
 * about people never are (`tests/integration/translation.test.ts` checks who imports this module).
 *
 * Called on the request path (a person pressed "Entwurf übersetzen"), so all target languages go out
 * at once and share one deadline of OUTSIDE_TIMEOUT_MS: the page never waits longer, and answers with
 * what arrived in time. Nothing is retried here.
 */
import type { Db } from "@db/client";
import type { UiLocale } from "@db/schema/enums";
import { outsideConfig } from "./outside-config.server";
import { callOutside, OUTSIDE_TIMEOUT_MS, type ReadResult } from "./outside-http.server";
import type { DraftProblem } from "./machine-mark";
import { looksTranslated } from "./translation-check";

/** What a text to translate belongs to: nothing else may be sent. */
export type TranslationSubject = "activity" | "organisation_profile";

export interface DraftRequest {
  subject: TranslationSubject;
  source: UiLocale;
  targets: readonly UiLocale[];
  /** The texts in order (e.g. title, description); empty texts are not sent and stay empty. */
  texts: readonly string[];
}

export type DraftOutcome = { ok: true; texts: string[] } | { ok: false; problem: DraftProblem };

function readTranslation(sent: readonly string[], target: UiLocale) {
  return (json: unknown): ReadResult<string[]> => {
    const translated =
      typeof json === "object" && json !== null
        ? (json as { translatedText?: unknown }).translatedText
        : null;
    const list = typeof translated === "string" && sent.length === 1 ? [translated] : translated;
    if (
      !Array.isArray(list) ||
      list.length !== sent.length ||
      !list.every((t): t is string => typeof t === "string" && t.length <= 20_000)
    ) {
      return {
        ok: false,
        failure: { kind: "malformed", detail: "no translatedText list of the texts sent" },
      };
    }
    if (!list.every((text, i) => looksTranslated(sent[i] as string, text, target))) {
      return { ok: false, failure: { kind: "wrong_language", detail: `answer is not in ${target}` } };
    }
    return { ok: true, value: list.map((t) => t.trim()) };
  };
}

/**
 * Drafts of `texts` in each target language, all requested at once within one deadline. Each target's
 * outcome is its own: three languages may arrive while the fourth times out.
 */
export async function draftTranslations(
  db: Db,
  request: DraftRequest,
  options: { timeoutMs?: number } = {},
): Promise<Map<UiLocale, DraftOutcome>> {
  const config = outsideConfig();
  const outcomes = new Map<UiLocale, DraftOutcome>();
  const targets = request.targets.filter((t) => t !== request.source);
  if (!config.translateUrl) {
    for (const t of targets) outcomes.set(t, { ok: false, problem: "not_configured" });
    return outcomes;
  }
  const sent = request.texts.filter((t) => t.trim() !== "");
  const deadline = AbortSignal.timeout(options.timeoutMs ?? OUTSIDE_TIMEOUT_MS);
  const url = `${config.translateUrl}/translate`;
  await Promise.all(
    targets.map(async (target) => {
      if (sent.length === 0) {
        outcomes.set(target, { ok: true, texts: request.texts.map(() => "") });
        return;
      }
      const result = await callOutside({
        db,
        service: "translate",
        url,
        method: "POST",
        json: {
          q: sent,
          source: request.source,
          target,
          format: "text",
          ...(config.translateApiKey ? { api_key: config.translateApiKey } : {}),
        },
        read: readTranslation(sent, target),
        timeoutMs: options.timeoutMs,
        signal: deadline,
      });
      if (result.ok) {
        let next = 0;
        outcomes.set(target, {
          ok: true,
          texts: request.texts.map((t) => (t.trim() === "" ? "" : (result.value[next++] as string))),
        });
      } else if ("paused" in result) {
        outcomes.set(target, { ok: false, problem: "paused" });
      } else {
        const kind = result.failure.kind;
        outcomes.set(target, {
          ok: false,
          problem: kind === "timeout" ? "timeout" : kind === "wrong_language" ? "wrong_language" : "failed",
        });
      }
    }),
  );
  return outcomes;
}
