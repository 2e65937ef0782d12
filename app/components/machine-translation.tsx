/**
 * The machine-translation mark readers and editors see on a draft nobody has checked yet, the
 * "Entwurf übersetzen" button with what it sends where, and the note after drafting.
 */
import { useTranslation } from "react-i18next";
import type { Language } from "@db/schema/enums";
import type { DraftSummary } from "~/modules/outside/machine-mark";
import { useFormatList } from "./use-format-list";
import { FormMessage } from "~/components/forms";

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

/** What the last "Entwurf übersetzen" did. */
export function DraftNoticeMessage({ notice }: { notice: DraftSummary | null }) {
  const { t } = useTranslation("common");
  const formatList = useFormatList();
  if (!notice) return null;
  const names = (locales: readonly string[]) =>
    formatList(locales.map((l) => t(`languages.${l as Language}`)));
  return (
    <>
      <FormMessage tone="success">
        {notice.drafted.length > 0
          ? t("translationHelp.drafted", { count: notice.drafted.length, languages: names(notice.drafted) })
          : notice.missing.length === 0
            ? t("translationHelp.nothingToDraft")
            : null}
      </FormMessage>
      {notice.missing.length > 0 ? (
        <FormMessage tone="error">
          {t("translationHelp.missing", { languages: names(notice.missing) })}{" "}
          {t(`translationHelp.problems.${notice.problem ?? "failed"}`)}
        </FormMessage>
      ) : null}
    </>
  );
}
