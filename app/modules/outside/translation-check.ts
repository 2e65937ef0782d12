/**
 * Is a machine translation in the language that was asked for? A translate server without the model
 * for a language may answer in another one (often the source text unchanged). Checked by the letters'
 * script, which tells Arabic, Ukrainian and the Latin-script languages apart, and by comparing with the
 * source. Pure: used by the translation client and its tests.
 */
import type { UiLocale } from "@db/schema/enums";

const SCRIPT: Record<UiLocale, "latin" | "arabic" | "cyrillic"> = {
  de: "latin",
  en: "latin",
  tr: "latin",
  uk: "cyrillic",
  ar: "arabic",
};

const ARABIC = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/u;
const CYRILLIC = /[\u0400-\u04FF]/u;
const LETTER = /\p{L}/u;

function scriptOf(char: string): "latin" | "arabic" | "cyrillic" | "other" {
  if (ARABIC.test(char)) return "arabic";
  if (CYRILLIC.test(char)) return "cyrillic";
  if (/[A-Za-z\u00C0-\u024F]/u.test(char)) return "latin";
  return "other";
}

/** Share of the letters of `text` written in the script of `locale` (1 when it has no letters). */
export function shareInScript(text: string, locale: UiLocale): number {
  let letters = 0;
  let inScript = 0;
  for (const char of text.slice(0, 5000)) {
    if (!LETTER.test(char)) continue;
    letters += 1;
    if (scriptOf(char) === SCRIPT[locale]) inScript += 1;
  }
  return letters === 0 ? 1 : inScript / letters;
}

const normalise = (text: string) => text.replace(/\s+/g, " ").trim().toLowerCase();

/**
 * True when `translated` plausibly is `source` in `target`: mostly in the target's script, and not the
 * source text handed back unchanged (short texts such as names may rightly stay the same).
 */
export function looksTranslated(source: string, translated: string, target: UiLocale): boolean {
  if (translated.trim() === "") return source.trim() === "";
  // Names, places and numbers stay in Latin letters in Arabic or Ukrainian text: half is plenty.
  if (shareInScript(translated, target) < 0.5) return false;
  return !(normalise(source).length > 20 && normalise(source) === normalise(translated));
}
