import { failedConstraints } from "./constraints";
import { createContext, prepareNeed, prepareOffer } from "./prepare";
import { scoreCandidate } from "./score";
import type {
  Exclusion,
  ExclusionCode,
  MatchingInstance,
  MatchNeed,
  MatchOffer,
  ScoredCandidate,
} from "./types";

/**
 * The constraints that still hold when an organisation covers a need itself (a club takes a newly arrived
 * child to its trial training, a service accompanies a household to its own office): the coordinator has
 * arranged it, and the organisation answers for language, time, place and child protection in its own
 * way. What remains is what the offer itself says: it is active and valid, of the need's kind, has room,
 * and the pair was neither declined nor proposed already.
 */
export const ORGANISATION_COVER_CONSTRAINTS: readonly ExclusionCode[] = [
  "inactive",
  "category",
  "capacity",
  "offer_expired",
  "declined",
  "already_matched",
];

export type OrganisationCover =
  | { status: "candidate"; candidate: ScoredCandidate }
  | { status: "excluded"; exclusions: Exclusion[] };

/** Whether an organisation's offer may cover the need, and its score as the engine computes it. */
export function explainOrganisationCover(
  instance: Pick<MatchingInstance, "weights" | "declinedPairs" | "matchedPairs" | "referenceTime">,
  need: MatchNeed,
  offer: MatchOffer,
): OrganisationCover {
  if (offer.kind !== "organisation") {
    return { status: "excluded", exclusions: [{ code: "inactive", key: "exclusion.inactive", params: {} }] };
  }
  const context = createContext(instance);
  const preparedNeed = prepareNeed(need, context);
  const preparedOffer = prepareOffer(offer);
  const exclusions = failedConstraints(preparedNeed, preparedOffer, context).filter((e) =>
    ORGANISATION_COVER_CONSTRAINTS.includes(e.code),
  );
  if (exclusions.length > 0) return { status: "excluded", exclusions };
  return { status: "candidate", candidate: scoreCandidate(preparedNeed, preparedOffer, context) };
}
