import type { MatchStatus, NeedStatus } from "../schema/enums";
import type { SeedContext } from "./context";
import { findCandidates, type NeedForMatching, type ScoredCandidate } from "./match-scoring";
import type { NeedDraft } from "./need-drafts";
import type { Rng } from "./prng";
import { DECLINE_REASONS } from "./reference/needs";
import { DAY_MS, HOUR_MS, MINUTE_MS, berlinIsoDate, berlinWeekdayMinute } from "./time";

/** One match to write, with the moments of its history. */
export interface PlannedMatch {
  candidate: ScoredCandidate;
  status: MatchStatus;
  proposedAt: number;
  respondedAt: number | null;
  completedAt: number | null;
  endedAt: number | null;
  declineReason: string | null;
}

/** The last change of a match (its updated_at). */
export function latest(m: PlannedMatch): number {
  return Math.max(m.proposedAt, m.respondedAt ?? 0, m.completedAt ?? 0, m.endedAt ?? 0);
}

/** The matches for one need, following its planned status and the candidates actually found. */
export function planMatches(
  ctx: SeedContext,
  index: Map<string, number[]>,
  rng: Rng,
  draft: NeedDraft,
): PlannedMatch[] {
  const live = draft.status === "open" || draft.status === "partly_matched" || draft.status === "matched";
  const earliest = draft.createdAt + rng.int(2, 48) * HOUR_MS;
  // Open needs have fresh proposals waiting; the others were proposed soon after they were recorded,
  // before they started.
  const proposedAt =
    draft.status === "open"
      ? Math.min(Math.max(earliest, ctx.anchorMs - rng.int(2, 6 * 24) * HOUR_MS), ctx.anchorMs - HOUR_MS)
      : Math.min(
          earliest,
          Math.min(draft.startsAt, ctx.anchorMs) - 2 * HOUR_MS,
          (draft.closedAt ?? ctx.anchorMs) - 2 * HOUR_MS,
        );
  const need: NeedForMatching = {
    categoryId: draft.categoryId,
    nbId: draft.nbId,
    languages: draft.languages,
    slots: draft.slots,
    minutes: draft.slots.reduce((sum, [, start, end]) => sum + end - start, 0),
    startsAt: draft.startsAt,
    endsAt: draft.endsAt,
    requiresCertificate: draft.template.requiresCertificate ?? false,
    genderPreference: draft.template.genderPreference ?? "none",
    live,
    proposedAt: Math.max(draft.createdAt, proposedAt),
  };

  let statuses: MatchStatus[];
  const started = draft.startsAt <= ctx.anchorMs;
  const taking: MatchStatus = draft.recurring && started ? "active" : "accepted";
  if (draft.forcedStatuses) {
    statuses = draft.forcedStatuses;
  } else {
    switch (draft.status) {
      case "open":
        statuses = [];
        if (draft.proposals) for (let i = rng.int(1, 3); i > 0; i--) statuses.push("proposed");
        if (rng.chance(0.15)) statuses.push("declined");
        break;
      case "partly_matched":
        statuses = Array<MatchStatus>(rng.int(1, Math.max(1, draft.helpers - 1))).fill(taking);
        if (rng.chance(0.5)) statuses.push("proposed");
        if (rng.chance(0.2)) statuses.push("declined");
        break;
      case "matched":
        statuses = Array<MatchStatus>(draft.helpers).fill(taking);
        if (rng.chance(0.15)) statuses.push("declined");
        break;
      case "closed":
        statuses = Array<MatchStatus>(draft.helpers).fill(rng.chance(0.85) ? "completed" : "ended");
        break;
      case "cancelled":
        statuses = rng.chance(0.5) ? [rng.chance(0.5) ? "declined" : "ended"] : [];
        break;
    }
  }
  if (statuses.length === 0) return [];

  const candidates = findCandidates(ctx, index, rng, need, statuses.length, draft.forced);
  // Taken statuses go to the best candidates; proposals and declines to the next ones.
  const result: PlannedMatch[] = [];
  candidates.forEach((candidate, i) => {
    const status = statuses[i] as MatchStatus;
    const offer = ctx.offers[candidate.offerIndex];
    if (!offer) return;
    // Proposed one after the other; answered within a day or two, but never after the anchor or after
    // the need was closed.
    const limit = Math.min(ctx.anchorMs - 10 * MINUTE_MS, draft.closedAt ?? Infinity);
    const at = Math.max(need.proposedAt, Math.min(need.proposedAt + i * rng.int(5, 90) * MINUTE_MS, limit));
    const delay = Math.min(rng.int(1, 40) * HOUR_MS, Math.floor(rng.next() * Math.max(0, limit - at)));
    const respondedAt: number | null = status === "proposed" ? null : at + Math.max(0, delay);
    let completedAt: number | null = null;
    let endedAt: number | null = null;
    if (status === "completed")
      completedAt = Math.max(
        respondedAt ?? at,
        Math.min(draft.endsAt + rng.int(1, 48) * HOUR_MS, draft.closedAt ?? ctx.anchorMs),
      );
    if (status === "ended") endedAt = Math.max(respondedAt ?? at, draft.closedAt ?? ctx.anchorMs - HOUR_MS);
    if (status === "proposed" || status === "accepted" || status === "active") offer.load++;
    result.push({
      candidate,
      status,
      proposedAt: at,
      respondedAt,
      completedAt,
      endedAt,
      declineReason: status === "declined" ? rng.pick(DECLINE_REASONS) : null,
    });
  });
  return result;
}

/** The status the need ends up with, given the matches that could be made. */
export function finalStatus(draft: NeedDraft, matches: PlannedMatch[]): NeedStatus {
  if (draft.status === "closed" || draft.status === "cancelled" || draft.status === "open")
    return draft.status;
  const taken = matches.filter((m) => m.status === "accepted" || m.status === "active").length;
  if (taken === 0) return "open";
  if (taken >= draft.helpers) return "matched";
  return "partly_matched";
}

/** When the need reached its final status (for updated_at and the audit trail). */
export function statusChangeTime(
  status: NeedStatus,
  matches: PlannedMatch[],
  closedAt: number | null,
): number | null {
  if (status === "closed" || status === "cancelled") return closedAt;
  const responses = matches
    .filter((m) => m.status === "accepted" || m.status === "active")
    .map((m) => m.respondedAt ?? m.proposedAt);
  return responses.length > 0 ? Math.max(...responses) : null;
}

/** Audit events of one match: proposal, the offerer's answer, completion or end. */
export function recordMatchHistory(
  ctx: SeedContext,
  m: {
    matchId: number;
    needId: number;
    draft: NeedDraft;
    match: PlannedMatch;
    coordinator: string;
    offerer: string | null;
  },
): void {
  const base = { entityType: "match" as const, entityId: String(m.matchId), neighbourhoodId: m.draft.nbId };
  ctx.audit.push({
    ...base,
    actorId: m.coordinator,
    action: "match.proposed",
    details: { needId: m.needId, score: m.match.candidate.score },
    createdAt: m.match.proposedAt,
  });
  const s = m.match.status;
  if (m.match.respondedAt !== null && s !== "proposed") {
    // Accepting or declining is the offerer's own decision, so the audit names them.
    ctx.audit.push({
      ...base,
      actorId: m.offerer,
      action: s === "declined" ? "match.declined" : "match.accepted",
      details: { needId: m.needId },
      createdAt: m.match.respondedAt,
    });
  }
  if (s === "completed" && m.match.completedAt !== null) {
    ctx.audit.push({
      ...base,
      actorId: m.coordinator,
      action: "match.completed",
      details: { needId: m.needId },
      createdAt: m.match.completedAt,
    });
  }
  if (s === "ended" && m.match.endedAt !== null) {
    ctx.audit.push({
      ...base,
      actorId: m.coordinator,
      action: "match.ended",
      details: { needId: m.needId },
      createdAt: m.match.endedAt,
    });
  }
}

/** Hours of an active or completed match: each past appointment, confirmed two days later. */
export function matchHours(
  draft: NeedDraft,
  m: PlannedMatch,
  anchorMs: number,
): { date: string; hours: number; loggedAt: number; confirmedAt: number }[] {
  const entries: { date: string; hours: number; loggedAt: number; confirmedAt: number }[] = [];
  const until = Math.min(draft.endsAt, m.completedAt ?? anchorMs, anchorMs);
  if (!draft.recurring) {
    if (draft.endsAt > until) return entries;
    const hours = Math.round(((draft.endsAt - draft.startsAt) / HOUR_MS) * 4) / 4;
    entries.push({
      date: berlinIsoDate(draft.startsAt),
      hours,
      loggedAt: Math.min(draft.endsAt + 2 * HOUR_MS, anchorMs - MINUTE_MS),
      confirmedAt: draft.endsAt + 2 * DAY_MS,
    });
    return entries;
  }
  const from = Math.max(draft.startsAt, m.respondedAt ?? m.proposedAt);
  // Walk the weeks backwards from the end, so long matches log their most recent ten weeks.
  for (
    let weekStart = until - 7 * DAY_MS;
    weekStart >= from && entries.length < 10;
    weekStart -= 7 * DAY_MS
  ) {
    for (const [day, start, end] of draft.slots) {
      const local = berlinWeekdayMinute(weekStart);
      const offset = (day - local.weekday + 7) % 7;
      const occurrence = weekStart - local.minute * MINUTE_MS + offset * DAY_MS + start * MINUTE_MS;
      if (occurrence < from || occurrence + (end - start) * MINUTE_MS > until) continue;
      const hours = Math.round(((end - start) / 60) * 4) / 4;
      const finished = occurrence + (end - start) * MINUTE_MS;
      entries.push({
        date: berlinIsoDate(occurrence),
        hours,
        loggedAt: Math.min(finished + 3 * HOUR_MS, anchorMs - MINUTE_MS),
        confirmedAt: finished + 2 * DAY_MS,
      });
    }
  }
  return entries.reverse();
}
