import type { Language, OrganisationKind, PersonGender } from "../../schema/enums";
import { allocateUserId, stepRng, uniqueEmail, type SeedContext, type SeededOrganisation } from "../context";
import { nearestNeighbourhoods, neighbourhoodPicker } from "../picking";
import { backgroundSpeaking, drawPerson } from "../persons";
import {
  CITY_WIDE_PUBLIC_BODIES,
  CLUB_NAMES,
  ORGANISATION_KINDS,
  SAINTS,
  migrantOrganisationLanguages,
  type OrganisationKindSeed,
} from "../reference/organisations";
import { emailLocalPart, fill, slugify } from "../text";
import { DAY_MS, HOUR_MS, MINUTE_MS } from "../time";
import { createWriter, flushAll } from "../writers";

interface OrganisationPlan {
  name: string;
  kind: OrganisationKindSeed;
  description: string;
  homeNb: string | null;
  verified: boolean;
  /** For the demo organisation: its owner is the verein@ account. */
  ownerId?: string;
  ownerName?: [string, string, PersonGender];
}

function kindSeed(kind: OrganisationKind): OrganisationKindSeed {
  const seed = ORGANISATION_KINDS.find((k) => k.kind === kind);
  if (!seed) throw new Error(`Unknown organisation kind ${kind}`);
  return seed;
}

/** Hand-picked organisations first, so even the demo has one of every kind. */
function fixedOrganisations(ctx: SeedContext): OrganisationPlan[] {
  return [
    {
      name: "SV Ückendorf 1912 e.V.",
      kind: kindSeed("sports_club"),
      description:
        "Traditionsverein aus Ückendorf mit Fußball, Schwimmen und Gymnastik. Seit 2015 trainieren bei uns viele Kinder und Jugendliche, die neu in Gelsenkirchen sind. Das erste Jahr ist beitragsfrei.",
      homeNb: "ueckendorf",
      verified: true,
      ownerId: ctx.accounts.organisationMemberId,
      ownerName: ["Dirk", "Terhorst", "male"],
    },
    {
      name: CITY_WIDE_PUBLIC_BODIES[0].name,
      kind: kindSeed("public_body"),
      description: CITY_WIDE_PUBLIC_BODIES[0].description,
      homeNb: "altstadt",
      verified: true,
    },
    {
      name: CITY_WIDE_PUBLIC_BODIES[1].name,
      kind: kindSeed("public_body"),
      description: CITY_WIDE_PUBLIC_BODIES[1].description,
      homeNb: "altstadt",
      verified: true,
    },
    {
      name: "DJK Arminia Bismarck",
      kind: kindSeed("sports_club"),
      description: "",
      homeNb: "bismarck",
      verified: true,
    },
    {
      name: "Sozialwerk Schalke e.V.",
      kind: kindSeed("welfare"),
      description: "",
      homeNb: "schalke",
      verified: true,
    },
    {
      name: "Ukrainische Gemeinschaft Buer",
      kind: kindSeed("migrant_organisation"),
      description: "",
      homeNb: "buer",
      verified: true,
    },
    {
      name: "Syrischer Kulturverein Neustadt e.V.",
      kind: kindSeed("migrant_organisation"),
      description: "",
      homeNb: "neustadt",
      verified: true,
    },
    {
      name: "Willkommensinitiative Horst",
      kind: kindSeed("initiative"),
      description: "",
      homeNb: "horst",
      verified: true,
    },
    {
      name: "Ev. Kirchengemeinde Rotthausen",
      kind: kindSeed("religious_community"),
      description: "",
      homeNb: "rotthausen",
      verified: true,
    },
    {
      name: "Kulturverein Erle e.V.",
      kind: kindSeed("cultural_group"),
      description: "",
      homeNb: "erle",
      verified: true,
    },
    {
      name: "Afghanischer Frauenverein Hassel",
      kind: kindSeed("migrant_organisation"),
      description: "",
      homeNb: "hassel",
      verified: false,
    },
  ];
}

/** Organisations with owners (new org_member accounts), extra members and neighbourhoods. */
export function seedOrganisations(ctx: SeedContext): number {
  const rng = stepRng(ctx, "organisations");
  const users = createWriter(ctx.sqlite, "users");
  const organisations = createWriter(ctx.sqlite, "organisations");
  const w = {
    users,
    organisations,
    neighbourhoods: createWriter(ctx.sqlite, "organisation_neighbourhoods", organisations),
    memberships: createWriter(ctx.sqlite, "memberships", organisations, users),
  };
  const pickNeighbourhood = neighbourhoodPicker(ctx);
  const nearest = nearestNeighbourhoods(ctx);
  const kinds = ORGANISATION_KINDS.map((k) => [k, k.weight] as const);
  const bySlug = new Map(ctx.neighbourhoods.map((nb) => [nb.slug, nb]));
  const names = new Set<string>();
  const slugs = new Set<string>();

  const plans = fixedOrganisations(ctx).slice(0, ctx.config.organisations);
  while (plans.length < ctx.config.organisations) {
    const kind = rng.weighted(kinds);
    let name = "";
    let homeNb = "";
    for (let attempt = 0; attempt < 30; attempt++) {
      const nb = pickNeighbourhood(rng);
      homeNb = nb.slug;
      name = fill(rng.pick(kind.names), {
        nb: nb.name,
        year: String(rng.int(1895, 1985)),
        club: rng.pick(CLUB_NAMES),
        saint: rng.pick(SAINTS),
      });
      if (!names.has(name)) break;
    }
    if (names.has(name)) name = `${name} (${plans.length + 1})`;
    names.add(name);
    plans.push({ name, kind, description: "", homeNb, verified: rng.chance(kind.verifiedShare) });
  }

  const addUser = (id: string, email: string, name: string, gender: PersonGender, createdAt: number) => {
    const lastLogin = rng.chance(0.8) ? ctx.anchorMs - rng.int(30, 30 * 24 * 60) * MINUTE_MS : null;
    w.users.add(
      id,
      email,
      createdAt + 15 * MINUTE_MS,
      ctx.passwordHash,
      name,
      "org_member",
      "de",
      null,
      gender,
      null,
      lastLogin,
      createdAt,
      createdAt,
    );
  };

  plans.forEach((plan, i) => {
    const id = i + 1;
    const home = (plan.homeNb && bySlug.get(plan.homeNb)) || pickNeighbourhood(rng);
    let slug = slugify(plan.name);
    if (slugs.has(slug)) slug = `${slug}-${id}`;
    slugs.add(slug);
    names.add(plan.name);
    const createdAt =
      ctx.anchorMs - (id === 1 ? 420 : rng.int(40, 1000)) * DAY_MS - rng.int(0, 480) * MINUTE_MS;
    const verifiedAt = plan.verified
      ? Math.min(createdAt + rng.int(1, 30) * DAY_MS, ctx.anchorMs - HOUR_MS)
      : null;
    const verifiedBy = plan.verified ? ctx.coordinatorFor(home.id) : null;
    const description = plan.description || rng.pick(plan.kind.descriptions);
    const domain = `${slug.replace(/-e-v$/, "")}.beispiel.test`;
    const website = rng.chance(0.6) || id <= 3 ? `https://${domain}` : null;
    const email = `kontakt@${domain}`;
    w.organisations.add(
      id,
      slug,
      plan.name,
      plan.kind.kind,
      description,
      website,
      email,
      null,
      verifiedAt,
      verifiedBy,
      createdAt,
      verifiedAt ?? createdAt,
    );

    const nbIds = [
      home.id,
      ...rng.sample(
        (nearest.get(home.id) ?? []).slice(0, 4),
        plan.kind.kind === "public_body" ? 0 : rng.int(0, 2),
      ),
    ];
    if (id === 1) {
      for (const extra of ["neustadt", "rotthausen"]) {
        const nb = bySlug.get(extra);
        if (nb && !nbIds.includes(nb.id)) nbIds.push(nb.id);
      }
    }
    // nbIds[0] stays the home neighbourhood (activities and offers start there).
    for (const nb of [...nbIds].sort((a, b) => a - b)) w.neighbourhoods.add(id, nb);

    const languages: Language[] =
      plan.kind.kind === "migrant_organisation"
        ? migrantOrganisationLanguages(plan.name)
        : id === 1
          ? ["ar", "uk", "tr"]
          : [];

    // The owner: a new account (the demo organisation's is verein@miteinander.test).
    let ownerId: string;
    if (plan.ownerId && plan.ownerName) {
      ownerId = plan.ownerId;
      const [first, last, gender] = plan.ownerName;
      addUser(ownerId, "verein@miteinander.test", `${first} ${last}`, gender, createdAt);
    } else {
      ownerId = allocateUserId(ctx);
      const person = drawPerson(
        rng,
        backgroundSpeaking(rng, languages[0]),
        rng.chance(0.5) ? "female" : "male",
      );
      addUser(
        ownerId,
        uniqueEmail(ctx, emailLocalPart(person.firstName, person.lastName)),
        person.displayName,
        person.gender,
        createdAt,
      );
    }
    w.memberships.add(id, ownerId, "owner", createdAt);

    // Further members: new org_member accounts, and volunteers from the neighbourhood.
    const memberIds = new Set<string>([ownerId]);
    const extraAccounts = rng.chance(ctx.config.extraOrgAccountsPerOrganisation) ? rng.int(1, 2) : 0;
    for (let m = 0; m < extraAccounts; m++) {
      const memberId = allocateUserId(ctx);
      const person = drawPerson(rng, undefined, rng.chance(0.5) ? "female" : "male");
      const joinedAt = createdAt + rng.int(1, 30) * DAY_MS;
      addUser(
        memberId,
        uniqueEmail(ctx, emailLocalPart(person.firstName, person.lastName)),
        person.displayName,
        person.gender,
        joinedAt,
      );
      w.memberships.add(id, memberId, "member", joinedAt);
      memberIds.add(memberId);
    }
    const volunteerMembers = rng.int(0, 3);
    for (let attempt = 0, added = 0; attempt < 12 && added < volunteerMembers; attempt++) {
      const volunteer = rng.pick(ctx.volunteers);
      if (memberIds.has(volunteer.id) || !volunteer.serves.has(home.id)) continue;
      memberIds.add(volunteer.id);
      const joinedAt = Math.max(createdAt, volunteer.createdAt) + rng.int(1, 20) * DAY_MS;
      w.memberships.add(id, volunteer.id, "member", Math.min(joinedAt, ctx.anchorMs - HOUR_MS));
      added++;
    }

    if (verifiedAt !== null && verifiedBy !== null) {
      ctx.audit.push({
        actorId: verifiedBy,
        action: "organisation.verified",
        entityType: "organisation",
        entityId: String(id),
        neighbourhoodId: home.id,
        details: { kind: plan.kind.kind },
        createdAt: verifiedAt,
      });
      if (id === 1) {
        ctx.notifications.push({
          userId: ownerId,
          kind: "organisation_verified",
          params: { organisationName: plan.name },
          link: "/organisation",
          createdAt: verifiedAt,
          readAt: verifiedAt + 3 * HOUR_MS,
        });
      }
    }

    ctx.organisations.push({
      id,
      name: plan.name,
      slug,
      kind: plan.kind.kind,
      verifiedAt,
      ownerId,
      createdAt,
      nbIds,
      categories: plan.kind.categories,
      languages,
    } satisfies SeededOrganisation);
  });

  return flushAll(w.users, w.organisations, w.neighbourhoods, w.memberships);
}
