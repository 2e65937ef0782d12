/**
 * The machine-translation mark readers and editors see on a draft nobody has checked yet, the
 * "Entwurf übersetzen" button with what it sends where (what a draft did is a notice after the redirect:
 * modules/outside/draft-notices.server.ts).
 */
import { useTranslation } from "react-i18next";

/** "maschinell übersetzt — bitte prüfen", in the reader's language. */
export function MachineMark({ className }: { className?: string }) {
  const { t } = useTranslation("common");
  return <p className={["machine-mark", className].filter(Boolean).join(" ")}>{t("translationHelp.mark")}</p>;
}

/** The second submit button of a translations form, with the note on what leaves the hub. */
export function DraftButton({ id, sends }: { id: string; sends: "activity" | "organisation" }) {
  const { t } = useTranslation("common");
  return (
    <div className="draft-help">
      <button
        type="submit"
        name="intent"
        value="draft"
        className="button button--secondary"
        aria-describedby={id}
      >
        {t("translationHelp.draft")}
      </button>
      <p id={id} className="hint">
        {t(
          sends === "activity"
            ? "translationHelp.draftHintActivity"
            : "translationHelp.draftHintOrganisation",
        )}
      </p>
    </div>
  );
}
