import { useTranslation } from "react-i18next";
import { analyseReadability, PLAIN_LANGUAGE_THRESHOLD } from "~/modules/readability/readability";

/**
 * Advice on how easy a German text is to read (Flesch after Amstad), with its longest sentences.
 * It never blocks: a coordinator may have good reasons for a long sentence.
 */
export function ReadabilityAdvice({ id, text }: { id: string; text: string }) {
  const { t } = useTranslation("needs");
  const report = analyseReadability(text);
  return (
    <div id={id} className="readability" aria-live="polite">
      {report ? (
        <>
          <p className={`readability__score readability__score--${report.level}`}>
            <strong>{t(`readability.level.${report.level}`)}</strong>{" "}
            {t("readability.score", { score: report.score, target: PLAIN_LANGUAGE_THRESHOLD })}
            {" · "}
            {t("readability.sentenceLength", { words: report.averageSentenceLength })}
          </p>
          {report.longSentences.length > 0 ? (
            <>
              <p className="readability__hint">{t("readability.longSentences")}</p>
              <ul className="readability__sentences">
                {report.longSentences.map((s) => (
                  <li key={s.text}>
                    „{s.text}“ <span className="muted">({t("readability.words", { count: s.words })})</span>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </>
      ) : (
        <p className="muted">{t("readability.empty")}</p>
      )}
    </div>
  );
}
