import type { PersonGender } from "../schema/enums";
import type { Rng } from "./prng";
import { BACKGROUNDS, type Background } from "./reference/people";

export interface DrawnPerson {
  background: Background;
  gender: PersonGender;
  firstName: string;
  lastName: string;
  displayName: string;
}

const WEIGHTED_BACKGROUNDS = BACKGROUNDS.map((b) => [b, b.weight] as const);

export function drawBackground(rng: Rng): Background {
  return rng.weighted(WEIGHTED_BACKGROUNDS);
}

/** A background whose people speak `language` natively, or a random one. */
export function backgroundSpeaking(rng: Rng, language: string | undefined): Background {
  const matching = BACKGROUNDS.filter((b) => b.native === language);
  return matching.length > 0 ? rng.pick(matching) : drawBackground(rng);
}

/** A person's name and gender; surnames that inflect (Polish, Russian, Bulgarian, Greek) agree with it. */
export function drawPerson(
  rng: Rng,
  background: Background = drawBackground(rng),
  gender?: PersonGender,
): DrawnPerson {
  const g =
    gender ??
    rng.weighted<PersonGender>([
      ["female", 56],
      ["male", 41],
      ["diverse", 1],
      ["unspecified", 2],
    ]);
  const usesFemaleForms = g === "female" || (g !== "male" && rng.chance(0.5));
  const firstName = rng.pick(usesFemaleForms ? background.female : background.male);
  const entry = rng.pick(background.surnames);
  const lastName = typeof entry === "string" ? entry : usesFemaleForms ? entry[1] : entry[0];
  return { background, gender: g, firstName, lastName, displayName: `${firstName} ${lastName}` };
}
