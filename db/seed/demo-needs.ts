import type { SeedContext } from "./context";
import type { CategorySlug } from "./reference/categories";
import { NEED_TEMPLATES, type NeedTemplate } from "./reference/needs";
import type { NeedDraft } from "./need-drafts";
import { DAY_MS, HOUR_MS, MINUTE_MS, berlinTime } from "./time";

/**
 * The demo volunteer's needs: an open one with a fresh proposal (and a second candidate), a recurring
 * homework need she is actively matched to (with hours), and a completed accompaniment.
 */
export function demoNeeds(ctx: SeedContext): NeedDraft[] {
  const nb = ctx.volunteers[0]?.homeNb ?? 1;
  const accompaniment = NEED_TEMPLATES.find((t) => t.category === "accompaniment") as NeedTemplate;
  const homework = NEED_TEMPLATES.find((t) => t.category === "homework_help") as NeedTemplate;
  const category = (slug: CategorySlug) => ctx.categoryIds.get(slug) ?? 0;
  const coordinator = ctx.accounts.coordinatorId;

  // Tuesday of next week, 15:00–16:30 local: inside the demo volunteer's Tuesday availability and clear
  // of her other commitments (homework help on Thursdays, the football shift three weeks earlier).
  const openStart = berlinTime(ctx.anchorMs, 1 + 7, 15 * 60);
  const homeworkStart = berlinTime(ctx.anchorMs, -35, 0);
  // A Tuesday four weeks back.
  const pastStart = berlinTime(ctx.anchorMs, -27, 16 * 60);
  return [
    {
      status: "open",
      template: { ...accompaniment, weekdaysOnly: true },
      categoryId: category("accompaniment"),
      nbId: nb,
      organisationId: null,
      createdBy: coordinator,
      title: "Familie aus Syrien sucht Begleitung zum Jobcenter",
      description:
        "Eine Familie aus Syrien hat einen Termin im Jobcenter. Es geht um die Weiterbewilligung von Leistungen. Die Begleitung soll beim Verstehen helfen und auf Arabisch erklären, was besprochen wird. Der Termin ist am Dienstagnachmittag und dauert etwa eineinhalb Stunden.",
      languages: ["ar"],
      helpers: 1,
      urgency: "high",
      startsAt: openStart,
      endsAt: openStart + 90 * MINUTE_MS,
      slots: [[1, 15 * 60, 16 * 60 + 30]],
      recurring: false,
      closedAt: null,
      createdAt: ctx.anchorMs - 3 * DAY_MS + 10 * HOUR_MS,
      forced: [0],
      forcedStatuses: ["proposed", "proposed"],
    },
    {
      status: "matched",
      template: { ...homework, requiresCertificate: true },
      categoryId: category("homework_help"),
      nbId: nb,
      organisationId: null,
      createdBy: coordinator,
      title: "Hausaufgabenhilfe in Mathe und Deutsch",
      description:
        "Ein Schüler der 6. Klasse aus Syrien braucht Unterstützung bei den Hausaufgaben, vor allem in Mathe und Deutsch. Die Eltern sprechen Arabisch. Gewünscht ist ein Termin pro Woche, donnerstags nachmittags, in der Stadtteilbibliothek.",
      languages: ["ar", "de"],
      helpers: 1,
      urgency: "normal",
      startsAt: homeworkStart,
      endsAt: berlinTime(ctx.anchorMs, 90, 0),
      slots: [[3, 16 * 60, 17 * 60 + 30]],
      recurring: true,
      closedAt: null,
      createdAt: homeworkStart - 9 * DAY_MS,
      forced: [1],
      forcedStatuses: ["active"],
    },
    {
      status: "closed",
      template: accompaniment,
      categoryId: category("accompaniment"),
      nbId: nb,
      organisationId: null,
      createdBy: coordinator,
      title: "Begleitung zur Familienkasse",
      description:
        "Ein Ehepaar aus Syrien braucht Begleitung zur Familienkasse, um den Antrag auf Kindergeld zu klären. Der Termin ist am Dienstagnachmittag.",
      languages: ["ar"],
      helpers: 1,
      urgency: "normal",
      startsAt: pastStart,
      endsAt: pastStart + 2 * HOUR_MS,
      slots: [[1, 16 * 60, 18 * 60]],
      recurring: false,
      closedAt: pastStart + 3 * DAY_MS,
      createdAt: pastStart - 8 * DAY_MS,
      forced: [0],
      forcedStatuses: ["completed"],
    },
  ];
}
