/**
 * The Engagementnachweis as a PDF (A4), drawn with pdfkit. Noto Sans is embedded (subset by pdfkit),
 * because the PDF standard fonts only know Windows-1252 and would garble names such as "Yıldırım" or
 * "Олена". Arabic script would need shaping and right-to-left layout, which pdfkit does not do: the
 * printable page is the way for those names.
 */
import { createRequire } from "node:module";
import type { TFunction } from "i18next";
import PDFDocument from "pdfkit";
import type { ProofData } from "./proof.server";
import { formatIsoMonth, numberFormatter } from "~/utils/format";

const require = createRequire(import.meta.url);
const FONT_REGULAR = require.resolve("@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf");
const FONT_BOLD = require.resolve("@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf");

function formatDate(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
    timeZone: "UTC",
  }).format(new Date(`${iso}T12:00:00Z`));
}

export function renderProofPdf(
  proof: ProofData,
  t: TFunction<["proof", "common"]>,
  locale: string,
  issuedOn: string,
): Promise<Buffer> {
  const n = (v: number) => numberFormatter(locale, { maximumFractionDigits: 2 }).format(v);
  const date = (iso: string) => formatDate(iso, locale);
  const doc = new PDFDocument({
    size: "A4",
    margin: 56,
    info: {
      Title: t("sheetTitle", { name: proof.volunteerName }),
      Author: "miteinander",
      Subject: t("title"),
    },
    lang: locale,
  });
  doc.registerFont("regular", FONT_REGULAR);
  doc.registerFont("bold", FONT_BOLD);
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  const width = doc.page.width - 112;
  doc.font("bold").fontSize(18).text(t("title"));
  doc
    .font("regular")
    .fontSize(12)
    .moveDown(0.3)
    .text(t("sheetTitle", { name: proof.volunteerName }));
  doc.text(`${t("periodLabel")} ${date(proof.period.from)} – ${date(proof.period.to)}`);
  doc.moveDown(0.5).fontSize(9).fillColor("#444444").text(t("confirmedOnly"), { width }).fillColor("#000000");

  doc
    .moveDown(0.8)
    .font("bold")
    .fontSize(12)
    .text(t("total", { hours: n(proof.totalHours), count: proof.totalEntries }));

  // The table: organisation | activity | dates | hours, with a line under each row.
  const cols = [0.3, 0.34, 0.24, 0.12].map((f) => f * width);
  const row = (cells: string[], bold = false) => {
    const y = doc.y;
    doc.font(bold ? "bold" : "regular").fontSize(9.5);
    const heights = cells.map((c, i) => doc.heightOfString(c, { width: cols[i]! - 6 }));
    const h = Math.max(...heights) + 6;
    if (y + h > doc.page.height - 72) doc.addPage();
    const top = doc.y;
    let x = 56;
    cells.forEach((c, i) => {
      doc.text(c, x, top + 3, { width: cols[i]! - 6, align: i === cells.length - 1 ? "right" : "left" });
      x += cols[i]!;
    });
    doc
      .moveTo(56, top + h)
      .lineTo(56 + width, top + h)
      .lineWidth(0.5)
      .strokeColor("#999999")
      .stroke();
    doc.x = 56;
    doc.y = top + h;
  };
  doc.moveDown(0.6);
  if (proof.activities.length === 0) {
    doc.font("regular").fontSize(10).text(t("empty"));
  } else {
    row([t("organisation"), t("activity"), t("dates"), t("hours")], true);
    for (const a of proof.activities) {
      const dates =
        a.firstDate === a.lastDate ? date(a.firstDate) : `${date(a.firstDate)} – ${date(a.lastDate)}`;
      row([a.organisation ?? t("noOrganisation"), a.activity || "–", dates, n(a.hours)]);
    }
  }

  if (proof.months.length > 0) {
    doc.moveDown(1).font("bold").fontSize(11).text(t("byMonth"), 56);
    doc
      .font("regular")
      .fontSize(10)
      .text(
        proof.months
          .map((m) => `${formatIsoMonth(m.month, locale)}: ${t("hoursValue", { hours: n(m.hours) })}`)
          .join("   ·   "),
        { width },
      );
  }

  const card = proof.ehrenamtskarte;
  doc.moveDown(1).font("bold").fontSize(11).text(t("card.title"), 56);
  doc.font("regular").fontSize(10);
  doc.text(
    `${t("card.year", { hours: n(card.yearHours), threshold: card.yearThreshold })} (${date(card.yearFrom)} – ${date(card.yearTo)}): ${card.yearReached ? t("card.reached") : t("card.missing", { hours: n(card.yearThreshold - card.yearHours) })}`,
    { width },
  );
  doc.text(
    `${t("card.week", { hours: n(card.weeklyAverage), threshold: card.weeklyThreshold })}: ${card.weeklyReached ? t("card.reached") : t("card.notYet")}`,
    { width },
  );
  doc
    .moveDown(0.4)
    .fontSize(8.5)
    .fillColor("#444444")
    .text(t("card.howComputed"), { width })
    .fillColor("#000000");

  doc
    .moveDown(1)
    .fontSize(10)
    .text(`${t("issued")} ${date(issuedOn)}`);
  doc.moveDown(3);
  const y = doc.y;
  doc
    .moveTo(56, y)
    .lineTo(56 + 220, y)
    .lineWidth(0.7)
    .strokeColor("#000000")
    .stroke();
  doc.moveDown(0.3).fontSize(9).text(t("signature"), 56);
  doc.end();
  return done;
}
