import type { Db } from "@db/client";
import type { AuthUser } from "~/modules/auth/auth-user";
import { loadNeedResource } from "~/modules/needs/queries.server";
import { assertCan, notFound } from "~/modules/permissions/guards.server";
import { validateFormData, type FieldErrors } from "~/utils/form-validation";
import { UrgentPanelSchema } from "./reach.schema";
import { askNow, confirmYes, releaseYes, setAutoAccept, stopAsking } from "./commands.server";

/** The notice each panel command announces after its redirect (see components/coordination/notices.ts). */
const NOTICE = {
  "urgent-ask-now": "urgent-asked",
  "urgent-stop": "urgent-stopped",
  "urgent-auto-accept": "urgent-saved",
  "urgent-confirm": "urgent-confirmed",
  "urgent-release": "urgent-released",
} as const;

/**
 * The need page's urgent-request commands, one form handler: validates the posted form and runs the
 * command (each checks `match:propose` for the need itself).
 */
export function runUrgentPanelAction(
  db: Db,
  user: AuthUser,
  needId: number,
  formData: FormData,
): { ok: true; notice: (typeof NOTICE)[keyof typeof NOTICE] } | { ok: false; errors: FieldErrors } {
  const need = loadNeedResource(db, needId);
  if (!need) throw notFound();
  assertCan(user, "match:propose", need);
  const form = validateFormData(formData, UrgentPanelSchema);
  if (!form.success) return { ok: false, errors: form.errors };
  const input = form.data;
  let result;
  switch (input.intent) {
    case "urgent-ask-now":
      result = askNow(db, user, needId);
      break;
    case "urgent-stop":
      result = stopAsking(db, user, needId);
      break;
    case "urgent-auto-accept":
      result = setAutoAccept(db, user, needId, input.autoAccept);
      break;
    case "urgent-confirm":
      result = confirmYes(db, user, needId, input.requestId);
      break;
    case "urgent-release":
      result = releaseYes(db, user, needId, input.requestId);
      break;
  }
  return result.ok ? { ok: true, notice: NOTICE[input.intent] } : result;
}
