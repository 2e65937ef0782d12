/**
 * The need page's matching panel: the engine's top suggestions and "why not?" in words of the reader's
 * language, and proposing a candidate (re-checked by the engine at that moment, so a stale page cannot
 * propose someone who meanwhile became unavailable). Built on the matching engineer's API in
 * matching.server.ts; this file only shapes it for the page.
 */
import { asc, eq, or, sql } from "drizzle-orm";
import type { Db } from "@db/client";
import { categories, needs, offers, organisations, users } from "@db/schema";
import type { OfferStatus } from "@db/schema/enums";
import type { AuthUser } from "~/modules/auth/auth-user";
import { dataKeyT } from "~/modules/i18n/keys";
import { getServerT } from "~/modules/i18n/server-t.server";
import {
  describeCandidate,
  describeReason,
  type ScoredCandidate,
  type Translate,
  type WeightKey,
} from "~/modules/matching";
import { assertCan, notFound } from "~/modules/permissions/guards.server";
import type { FieldErrors } from "~/utils/form-validation";
import { proposeMatch } from "./proposals.server";
import { explainCandidate, suggestForNeed } from "./matching.server";

export const SUGGESTION_COUNT = 10;

export interface ComponentView {
  key: WeightKey;
  /** Points this component adds to the score (0–100 in all). */
  points: number;
  sentence: string;
}

export interface SuggestionItem {
  offerId: number;
  rank: number;
  score: number;
  offerTitle: string;
  ownerName: string | null;
  kind: "volunteer" | "organisation";
  /** "spricht Arabisch und Deutsch · etwa 1,2 km entfernt · hat dienstagnachmittags Zeit · 1 laufende Vermittlung" */
  sentence: string;
  components: ComponentView[];
}

export interface SuggestionsView {
  candidateCount: number;
  helpersNeeded: number;
  items: SuggestionItem[];
}

function translator(locale: string): Translate {
  const t = dataKeyT(getServerT(locale, "matching"));
  return (key, params) => t(key, params);
}

function componentsOf(candidate: ScoredCandidate, t: Translate, locale: string): ComponentView[] {
  return candidate.components.map((c) => ({
    key: c.key,
    points: Math.round(c.contribution * 10) / 10,
    sentence: describeReason(c.reason, t, locale),
  }));
}

/** The top suggestions for a live need, described in `locale`; null when the need is not open. */
export function suggestionsForNeed(db: Db, needId: number, locale: string): SuggestionsView | null {
  const result = suggestForNeed(db, needId, SUGGESTION_COUNT);
  if (!result) return null;
  const t = translator(locale);
  return {
    candidateCount: result.candidateCount,
    helpersNeeded: result.helpersNeeded,
    items: result.suggestions.map((s, i) => ({
      offerId: s.offerId,
      rank: i + 1,
      score: s.score,
      offerTitle: s.offer.title,
      ownerName: s.offer.ownerName,
      kind: s.offer.kind,
      sentence: describeCandidate(s, t, locale),
      components: componentsOf(s, t, locale),
    })),
  };
}

export interface OfferSearchItem {
  offerId: number;
  offerTitle: string;
  ownerName: string | null;
  kind: "volunteer" | "organisation";
  categoryName: string;
  categorySlug: string;
  status: OfferStatus;
}

export type WhyNotExplanation =
  | { offerId: number; offerTitle: string; ownerName: string | null; status: "excluded"; reasons: string[] }
  | {
      offerId: number;
      offerTitle: string;
      ownerName: string | null;
      status: "candidate";
      rank: number;
      candidateCount: number;
      score: number;
      sentence: string;
      components: ComponentView[];
    }
  | { offerId: number; status: "unavailable" };

export interface WhyNotView {
  query: string;
  results: OfferSearchItem[] | null;
  explanation: WhyNotExplanation | null;
}

const SEARCH_LIMIT = 20;

/**
 * Offers whose owner's name, organisation or title contains the query (any status: "why not" also
 * explains a paused or expired offer). Names only, never contact data.
 */
export function searchOffers(db: Db, query: string): OfferSearchItem[] {
  const q = query.trim();
  if (q.length < 2) return [];
  const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return db
    .select({
      offerId: offers.id,
      offerTitle: offers.title,
      volunteerName: users.displayName,
      organisationName: organisations.name,
      categoryName: categories.name,
      categorySlug: categories.slug,
      status: offers.status,
    })
    .from(offers)
    .innerJoin(categories, eq(categories.id, offers.categoryId))
    .leftJoin(users, eq(users.id, offers.volunteerId))
    .leftJoin(organisations, eq(organisations.id, offers.organisationId))
    .where(
      or(
        sql`${users.displayName} like ${pattern} escape '\\'`,
        sql`${organisations.name} like ${pattern} escape '\\'`,
        sql`${offers.title} like ${pattern} escape '\\'`,
      ),
    )
    .orderBy(asc(sql`coalesce(${users.displayName}, ${organisations.name})`), asc(offers.id))
    .limit(SEARCH_LIMIT)
    .all()
    .map((r) => ({
      offerId: r.offerId,
      offerTitle: r.offerTitle,
      ownerName: r.volunteerName ?? r.organisationName ?? null,
      kind: r.volunteerName ? ("volunteer" as const) : ("organisation" as const),
      categoryName: r.categoryName,
      categorySlug: r.categorySlug,
      status: r.status,
    }));
}

/** "Why not?" for the offer picked on the need page (`offer` search param), and the search behind it. */
export function whyNotForNeed(
  db: Db,
  needId: number,
  locale: string,
  input: { query: string; offerId: string | null },
): WhyNotView {
  const query = input.query.trim().slice(0, 100);
  const offerId = input.offerId && /^[1-9][0-9]{0,9}$/.test(input.offerId) ? Number(input.offerId) : null;
  let explanation: WhyNotExplanation | null = null;
  if (offerId !== null) {
    const result = explainCandidate(db, needId, offerId);
    const t = translator(locale);
    if (!result) explanation = { offerId, status: "unavailable" };
    else if (result.status === "excluded") {
      explanation = {
        offerId,
        offerTitle: result.offer.title,
        ownerName: result.offer.ownerName,
        status: "excluded",
        reasons: result.exclusions.map((e) => describeReason(e, t, locale)),
      };
    } else {
      explanation = {
        offerId,
        offerTitle: result.offer.title,
        ownerName: result.offer.ownerName,
        status: "candidate",
        rank: result.rank,
        candidateCount: result.candidateCount,
        score: result.candidate.score,
        sentence: describeCandidate(result.candidate, t, locale),
        components: componentsOf(result.candidate, t, locale),
      };
    }
  }
  return { query, results: query ? searchOffers(db, query) : null, explanation };
}

/**
 * Proposes the offer for the need after asking the engine again: only a current candidate is
 * proposed, with the score and components it has now (stored with the match).
 */
export function proposeFromSuggestion(
  db: Db,
  user: AuthUser,
  needId: number,
  rawOfferId: FormDataEntryValue | null,
): { ok: true; value: { id: number } } | { ok: false; errors: FieldErrors } {
  const need = db
    .select({ neighbourhoodId: needs.neighbourhoodId, organisationId: needs.organisationId })
    .from(needs)
    .where(eq(needs.id, needId))
    .get();
  if (!need) throw notFound();
  assertCan(user, "need:read", need);
  assertCan(user, "match:propose", need);
  const offerId =
    typeof rawOfferId === "string" && /^[1-9][0-9]{0,9}$/.test(rawOfferId) ? Number(rawOfferId) : null;
  if (offerId === null) return { ok: false, errors: { offerId: "matches:errors.offerUnknown" } };
  const explanation = explainCandidate(db, needId, offerId);
  if (!explanation) return { ok: false, errors: { offerId: "matches:errors.needNotOpen" } };
  if (explanation.status === "excluded") {
    const code = explanation.exclusions[0]?.code;
    if (code === "declined") return { ok: false, errors: { offerId: "matches:errors.declinedBefore" } };
    if (code === "already_matched")
      return { ok: false, errors: { offerId: "matches:errors.alreadyProposed" } };
    return { ok: false, errors: { offerId: "matches:errors.noLongerCandidate" } };
  }
  return proposeMatch(db, user, needId, explanation.candidate);
}
