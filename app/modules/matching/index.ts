/**
 * The matching engine: pure TypeScript, no DB, no framework (enforced by ESLint). Feed it a
 * MatchingInstance; docs/decisions/030-matching-min-cost-flow.md explains the method.
 */
export type {
  AcceptanceHistory,
  Exclusion,
  ExclusionCode,
  GenderPreference,
  MatchingInstance,
  MatchNeed,
  MatchNeighbourhood,
  MatchOffer,
  NeedSchedule,
  PersonGender,
  Reason,
  ScoreComponent,
  ScoredCandidate,
  WeeklySlot,
  WeightKey,
  Weights,
} from "./types";
export { WEIGHT_KEYS } from "./types";
export { DEFAULT_WEIGHTS, normaliseWeights, validateWeights, WEIGHT_MAX, WEIGHT_MIN } from "./weights";
export type { WeightErrors, WeightValidation } from "./weights";
export {
  checkActive,
  checkAvailability,
  checkCapacity,
  checkCategory,
  checkCertificate,
  checkGender,
  checkHoursCap,
  checkNeighbourhood,
  checkNotAlreadyMatched,
  checkNotDeclined,
  checkOfferValid,
  checkSharedLanguage,
  failedConstraints,
  HARD_CONSTRAINTS,
  isCandidate,
} from "./constraints";
export { scoreCandidate, scoreValue } from "./score";
export { bucketSize, buildCandidateIndex } from "./candidate-index";
export {
  compareCandidates,
  explainExclusion,
  forEachCandidate,
  listCandidateScores,
  suggest,
} from "./candidate-search";
export type { CandidateExplanation } from "./candidate-search";
export type { CandidateIndex } from "./candidate-index";
export { buildReachIndex, reachableOfferIds } from "./reach-index";
export type { ReachIndex } from "./reach-index";
export { assignmentPairs, buildCandidateGraph, graphFromPlain } from "./candidate-graph";
export type { Assignment, CandidateGraph, PlainBulkInstance } from "./candidate-graph";
export { solveExact } from "./min-cost-flow";
export type { ExactResult, OptimalityCertificate } from "./min-cost-flow";
export { solveGreedy } from "./greedy";
export { verifyCertificate } from "./certificate";
export type { CertificateCheck } from "./certificate";
export { solveBulk } from "./bulk";
export type { BulkPair, BulkResult, BulkSide } from "./bulk";
export { explainOrganisationCover, ORGANISATION_COVER_CONSTRAINTS } from "./organisation-cover";
export type { OrganisationCover } from "./organisation-cover";
export { describeCandidate, describeReason } from "./describe";
export type { Translate } from "./describe";
export { haversineKm } from "./geo";
