import { stepRng, type SeedContext } from "../context";
import {
  finalStatus,
  latest,
  matchHours,
  planMatches,
  recordMatchHistory,
  statusChangeTime,
} from "../match-plans";
import { buildOfferIndex } from "../match-scoring";
import { draftNeeds } from "../need-drafts";
import { DAY_MS, HOUR_MS } from "../time";
import { createWriter, flushAll } from "../writers";

/**
 * Needs recorded by coordinators, with languages and weekly slots, and the matches proposed for them.
 * Statuses are consistent: a matched need has as many accepted or active matches as helpers needed, a
 * partly matched one fewer, a closed one completed (with hours) or ended ones. Matching may find too few
 * candidates for a planned status; the need then stays open (or partly matched).
 */
export function seedNeedsAndMatches(ctx: SeedContext): number {
  const matchRng = stepRng(ctx, "matches");
  const drafts = draftNeeds(ctx);

  // Ids follow the order in which the needs were recorded.
  const ordered = drafts
    .map((d, i) => [d, i] as const)
    .sort((a, b) => a[0].createdAt - b[0].createdAt || a[1] - b[1]);

  const needs = createWriter(ctx.sqlite, "needs");
  const matches = createWriter(ctx.sqlite, "matches", needs);
  const w = {
    needs,
    languages: createWriter(ctx.sqlite, "need_languages", needs),
    slots: createWriter(ctx.sqlite, "need_slots", needs),
    matches,
    hours: createWriter(ctx.sqlite, "hours_log", matches),
  };
  const index = buildOfferIndex(ctx.offers);
  let matchId = 0;

  ordered.forEach(([draft], position) => {
    const needId = position + 1;
    const planned = planMatches(ctx, index, matchRng, draft);
    const status = finalStatus(draft, planned);
    if (status !== draft.status && (status === "open" || status === "partly_matched")) draft.closedAt = null;
    const closedAt = status === "closed" || status === "cancelled" ? draft.closedAt : null;

    const coordinator = draft.createdBy;
    const statusChangedAt = statusChangeTime(status, planned, closedAt);
    const updatedAt = Math.max(draft.createdAt, statusChangedAt ?? 0, ...planned.map((m) => latest(m)));
    w.needs.add(
      needId,
      draft.categoryId,
      draft.nbId,
      draft.organisationId,
      coordinator,
      draft.title,
      draft.description,
      "de",
      draft.helpers,
      draft.urgency,
      draft.recurring ? "recurring" : "one_off",
      draft.startsAt,
      draft.endsAt,
      draft.template.requiresCertificate ? 1 : 0,
      draft.template.genderPreference ?? "none",
      status,
      closedAt,
      null,
      draft.createdAt,
      updatedAt,
    );
    for (const language of draft.languages) w.languages.add(needId, language);
    if (draft.recurring) for (const [day, start, end] of draft.slots) w.slots.add(needId, day, start, end);

    ctx.audit.push({
      actorId: coordinator,
      action: "need.created",
      entityType: "need",
      entityId: String(needId),
      neighbourhoodId: draft.nbId,
      details: {
        category: ctx.categorySlugs.get(draft.categoryId) ?? "",
        urgency: draft.urgency,
        helpersNeeded: draft.helpers,
      },
      createdAt: draft.createdAt,
    });
    if (status !== "open" && statusChangedAt !== null) {
      ctx.audit.push({
        actorId: coordinator,
        action: "need.status_changed",
        entityType: "need",
        entityId: String(needId),
        neighbourhoodId: draft.nbId,
        details: { from: "open", to: status },
        createdAt: statusChangedAt,
      });
    }

    for (const m of planned) {
      matchId++;
      const offer = ctx.offers[m.candidate.offerIndex];
      if (!offer) continue;
      const c = m.candidate;
      w.matches.add(
        matchId,
        needId,
        offer.id,
        m.status,
        c.score,
        c.language,
        c.distance,
        c.availability,
        c.load,
        c.experience,
        c.responsiveness,
        c.distanceKm,
        coordinator,
        m.proposedAt,
        m.respondedAt,
        m.declineReason,
        m.completedAt,
        m.endedAt,
        m.proposedAt,
        latest(m),
      );
      const volunteer = offer.volunteer >= 0 ? ctx.volunteers[offer.volunteer] : undefined;
      const offerer = volunteer?.id ?? ctx.organisations[offer.organisation]?.ownerId ?? null;
      recordMatchHistory(ctx, { matchId, needId, draft, match: m, coordinator, offerer });

      if (volunteer && (m.status === "active" || m.status === "completed")) {
        for (const entry of matchHours(draft, m, ctx.anchorMs)) {
          const confirmed = entry.confirmedAt <= ctx.anchorMs;
          w.hours.add(
            volunteer.id,
            entry.date,
            entry.hours,
            "match",
            null,
            matchId,
            null,
            draft.categoryId,
            draft.title,
            "",
            confirmed ? coordinator : null,
            confirmed ? entry.confirmedAt : null,
            entry.loggedAt,
            confirmed ? entry.confirmedAt : entry.loggedAt,
          );
        }
      }
      if (m.status === "proposed" && offerer) {
        ctx.notifications.push({
          userId: offerer,
          kind: "match_proposed",
          params: { needId, needTitle: draft.title },
          link: `/matches/${matchId}`,
          createdAt: m.proposedAt,
          readAt: null,
        });
      }
      if (
        (m.status === "accepted" || m.status === "declined") &&
        m.respondedAt !== null &&
        ctx.anchorMs - m.respondedAt < 14 * DAY_MS
      ) {
        ctx.notifications.push({
          userId: coordinator,
          kind: m.status === "accepted" ? "match_accepted" : "match_declined",
          params: {
            needId,
            needTitle: draft.title,
            helperName: volunteer?.displayName ?? ctx.organisations[offer.organisation]?.name ?? "",
          },
          link: `/coordination/needs/${needId}`,
          createdAt: m.respondedAt,
          readAt: matchRng.chance(0.5) ? Math.min(m.respondedAt + 5 * HOUR_MS, ctx.anchorMs) : null,
        });
      }
    }
  });

  return flushAll(w.needs, w.languages, w.slots, w.matches, w.hours);
}
