import { http, HttpResponse, type HttpHandler } from "msw";
import { commonAnswer, type MockOptions, type Scenario } from "./scenarios";

/** The translate server's address in tests (and in `npm run dev` with MOCKS=1). */
export const TRANSLATE_MOCK_URL = "http://translate.mock.localhost";

// Letter by letter into the target's script, so that an answer is recognisably "in" the language
// (the hub checks the script) and a test can compute what it will read.
const ARABIC = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي";
const CYRILLIC = "абвгґдеєжзиіїйклмнопрстуфхцчш";

function mapLetters(text: string, alphabet: string): string {
  return [...text]
    .map((char) => {
      const lower = char.toLowerCase();
      const code = lower.charCodeAt(0);
      if (code >= 97 && code <= 122) return alphabet[(code - 97) % alphabet.length] as string;
      if ("äöüß".includes(lower)) return alphabet[("äöüß".indexOf(lower) + 7) % alphabet.length] as string;
      return char;
    })
    .join("");
}

/** Arabic and Cyrillic letters into Latin ones, for a Latin-script target. */
function toLatin(text: string): string {
  return text.replace(/[\u0400-\u04FF\u0600-\u06FF]/gu, (char) =>
    String.fromCharCode(97 + (char.charCodeAt(0) % 26)),
  );
}

/** What the mock answers for `text` in `target`: deterministic, and in the target's script. */
export function mockTranslation(text: string, target: string): string {
  if (target === "ar") return mapLetters(toLatin(text), ARABIC);
  if (target === "uk") return mapLetters(toLatin(text), CYRILLIC);
  return `(${target}) ${toLatin(text)}`;
}

interface TranslateBody {
  q?: unknown;
  source?: unknown;
  target?: unknown;
}

/** LibreTranslate's POST /translate, answering as `scenario` says. */
export function translateHandlers(
  scenario: Scenario = "success",
  base: string = TRANSLATE_MOCK_URL,
  options: MockOptions = {},
): HttpHandler[] {
  return [
    http.post(`${base}/translate`, async ({ request }) => {
      options.onRequest?.(request.clone());
      const early = await commonAnswer(scenario, options);
      if (early) return early;
      const body = (await request.json()) as TranslateBody;
      const texts = Array.isArray(body.q) ? body.q.map(String) : [String(body.q ?? "")];
      const target = String(body.target ?? "");
      // A server without the target's model hands the source text back.
      const translated = scenario === "wrongLanguage" ? texts : texts.map((t) => mockTranslation(t, target));
      return HttpResponse.json({ translatedText: Array.isArray(body.q) ? translated : translated[0] });
    }),
  ];
}
