import { useDeferredValue, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { analyseReadability, PLAIN_LANGUAGE_THRESHOLD } from "~/modules/readability/readability";

/**
 * Advice while someone writes a German text: the Flesch-Amstad score, and the longest sentences to
 * shorten. It never blocks saving. Without JavaScript it shows the advice for the text as submitted.
 */
export function ReadabilityHint({ id, text }: { id: string; text: unknown }) {
  const { t } = useTranslation("common");
  // A repeated field posted without JavaScript arrives as a list: advise on the text, never fail.
  const deferred = useDeferredValue(
    typeof text === "string" ? text : Array.isArray(text) ? text.join(" ") : "",
  );
  const report = useMemo(() => analyseReadability(deferred), [deferred]);
  return (
    <div id={id} className={`readability${report ? ` readability--${report.level}` : ""}`}>
      <p aria-live="polite" className="readability__score">
        {report ? (
          <>
            <strong>{t(`readability.level.${report.level}`)}</strong>{" "}
            {t("readability.score", { score: report.score, target: PLAIN_LANGUAGE_THRESHOLD })}
          </>
        ) : (
          t("readability.empty")
        )}
      </p>
      {report ? (
        <p className="hint">
          {t("readability.figures", {
            sentences: report.sentences,
            words: report.words,
            average: report.averageSentenceLength,
          })}
        </p>
      ) : null}
      {report && report.longSentences.length > 0 ? (
        <>
          <p className="hint">{t("readability.longSentences")}</p>
          <ul className="readability__sentences">
            {report.longSentences.map((s) => (
              <li key={s.text}>
                <q lang="de" dir="auto">
                  {s.text}
                </q>{" "}
                <span className="muted small">({t("readability.words", { count: s.words })})</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
