/**
 * German readability after Amstad (1978), the German adaptation of the Flesch Reading Ease:
 *   FRE = 180 − ASL − 58.5 × ASW
 * ASL = average sentence length in words, ASW = average syllables per word. 0–100, higher is easier;
 * plain language ("Leichte/Einfache Sprache") aims at 60 and above.
 * It advises writers; it never blocks a form. Pure: runs as the person types.
 */
export type ReadabilityLevel = "easy" | "fair" | "hard";

export interface ReadabilityReport {
  score: number;
  level: ReadabilityLevel;
  sentences: number;
  words: number;
  averageSentenceLength: number;
  averageSyllablesPerWord: number;
  /** The longest sentences (more than 15 words), longest first, to point the writer at them. */
  longSentences: { text: string; words: number }[];
}

export const PLAIN_LANGUAGE_THRESHOLD = 60;
const FAIR_THRESHOLD = 40;
const LONG_SENTENCE_WORDS = 15;

const VOWEL_GROUPS = /[aeiouyäöü]+/giu;

/** Syllables of a German word, counted as vowel groups (diphthongs like "ei", "au", "eu" count once). */
export function countSyllables(word: string): number {
  const groups = word.toLowerCase().match(VOWEL_GROUPS);
  return Math.max(1, groups?.length ?? 0);
}

export function splitSentences(text: string): string[] {
  return (
    text
      .replace(/\s+/g, " ")
      // Common abbreviations and ordinals must not end a sentence.
      .replace(/\b(z\.B|bzw|ca|evtl|ggf|usw|Nr|Str|Dr|Fr|Hr|u\.a|d\.h|inkl|max|min|geb)\./gi, "$1\u2024")
      .replace(/(\d)\.(?=\s*\d)/g, "$1\u2024")
      .replace(
        /(\d)\.(?=\s+(?:Jan|Feb|Mär|Apr|Mai|Jun|Jul|Aug|Sep|Okt|Nov|Dez|Stock|Klasse|Etage))/g,
        "$1\u2024",
      )
      .split(/(?<=[.!?…])\s+|\n+/)
      .map((s) => s.replace(/\u2024/g, ".").trim())
      .filter((s) => /\p{L}/u.test(s))
  );
}

export function wordsOf(sentence: string): string[] {
  return sentence.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? [];
}

export function analyseReadability(text: string): ReadabilityReport | null {
  const sentences = splitSentences(text);
  const perSentence = sentences.map((s) => ({ text: s, words: wordsOf(s) }));
  const words = perSentence.flatMap((s) => s.words);
  if (sentences.length === 0 || words.length === 0) return null;
  const syllables = words.reduce((sum, w) => sum + countSyllables(w), 0);
  const asl = words.length / sentences.length;
  const asw = syllables / words.length;
  const score = Math.max(0, Math.min(100, Math.round(180 - asl - 58.5 * asw)));
  return {
    score,
    level: score >= PLAIN_LANGUAGE_THRESHOLD ? "easy" : score >= FAIR_THRESHOLD ? "fair" : "hard",
    sentences: sentences.length,
    words: words.length,
    averageSentenceLength: Math.round(asl * 10) / 10,
    averageSyllablesPerWord: Math.round(asw * 100) / 100,
    longSentences: perSentence
      .filter((s) => s.words.length > LONG_SENTENCE_WORDS)
      .sort((a, b) => b.words.length - a.words.length)
      .slice(0, 3)
      .map((s) => ({ text: s.text, words: s.words.length })),
  };
}
