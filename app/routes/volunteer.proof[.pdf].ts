import type { LoaderFunctionArgs } from "@remix-run/node";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { parseProofPeriod } from "~/modules/proof/proof-period";
import { renderProofPdf } from "~/modules/proof/proof-pdf.server";
import { loadProof } from "~/modules/proof/proof.server";
import { requireVolunteer } from "~/modules/volunteers/guards.server";
import { getDb } from "~/utils/db.server";
import { zonedIsoDate } from "~/utils/time";

/** The signed-in volunteer's Engagementnachweis for `?from&to` as a PDF download. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireVolunteer(getDb(), request);
  const today = zonedIsoDate(Date.now());
  const { period } = parseProofPeriod(new URL(request.url).searchParams, today);
  const proof = loadProof(getDb(), user.id, period);
  if (!proof) throw new Response("Not found", { status: 404 });
  const locale = await i18nServer(getDb()).getLocale(request);
  const t = await i18nServer(getDb()).getFixedT(request, ["proof", "common"]);
  const pdf = await renderProofPdf(proof, t, locale, today);
  const filename = `${t("filename")}_${period.from}_${period.to}.pdf`;
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, "_")}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
      "Cache-Control": "private, no-store",
    },
  });
}
