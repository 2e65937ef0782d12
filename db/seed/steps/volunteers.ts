import type { Language, LanguageLevel } from "../../schema/enums";
import {
  allocateUserId,
  stepRng,
  uniqueEmail,
  type SeedContext,
  type SeededVolunteer,
  type Slot,
} from "../context";
import { nearestNeighbourhoods, neighbourhoodPicker, weeklySlots, withinRadius } from "../picking";
import type { Rng } from "../prng";
import { drawPerson } from "../persons";
import { BIOS_GERMAN, BIOS_MIGRANT, SKILLS } from "../reference/people";
import { emailLocalPart, fill } from "../text";
import { DAY_MS, HOUR_MS, MINUTE_MS, isoDateAfter } from "../time";
import { createWriter, flushAll } from "../writers";

const RADII = [1, 2, 3, 3, 3, 5, 5, 8, 10] as const;
const HOURS_CAPS = [2, 3, 4, 4, 4, 5, 6, 8, 10] as const;

/** Days from the anchor at which a certificate of conduct ends: some expired, some due within 60 days. */
function certificateDays(rng: Rng): number {
  return rng.weighted<() => number>([
    [() => -rng.int(1, 200), 10],
    [() => rng.int(1, 60), 14],
    [() => rng.int(61, 1600), 76],
  ])();
}

/**
 * Volunteers: accounts, profiles, languages, skills, chosen neighbourhoods and weekly availability.
 * The first one is the demo volunteer (helfer@miteinander.test).
 */
export function seedVolunteers(ctx: SeedContext): number {
  const rng = stepRng(ctx, "volunteers");
  const users = createWriter(ctx.sqlite, "users");
  const profiles = createWriter(ctx.sqlite, "volunteer_profiles", users);
  const w = {
    users,
    profiles,
    languages: createWriter(ctx.sqlite, "volunteer_languages", profiles),
    skills: createWriter(ctx.sqlite, "volunteer_skills", profiles),
    neighbourhoods: createWriter(ctx.sqlite, "volunteer_neighbourhoods", profiles),
    availability: createWriter(ctx.sqlite, "volunteer_availability", profiles),
  };
  const pickNeighbourhood = neighbourhoodPicker(ctx);
  const nearest = nearestNeighbourhoods(ctx);

  const write = (v: SeededVolunteer, p: VolunteerRow) => {
    w.users.add(
      v.id,
      p.email,
      v.createdAt + 20 * MINUTE_MS,
      ctx.passwordHash,
      v.displayName,
      "volunteer",
      p.locale,
      null,
      v.gender,
      null,
      p.lastLoginAt,
      v.createdAt,
      p.updatedAt,
    );
    const certificateDate =
      v.certificateValidUntil === null ? null : new Date(v.certificateValidUntil).toISOString().slice(0, 10);
    w.profiles.add(
      v.id,
      v.homeNb,
      v.radiusKm,
      p.hoursCap,
      p.bio,
      certificateDate,
      p.certificateVerifiedAt,
      p.certificateVerifiedAt === null ? null : ctx.coordinatorFor(v.homeNb),
      null,
      v.createdAt,
      p.updatedAt,
    );
    if (p.certificateVerifiedAt !== null && certificateDate !== null) {
      ctx.audit.push({
        actorId: ctx.coordinatorFor(v.homeNb),
        action: "certificate.verified",
        entityType: "volunteer_profile",
        entityId: v.id,
        neighbourhoodId: v.homeNb,
        details: { validUntil: certificateDate },
        createdAt: p.certificateVerifiedAt,
      });
    }
    for (const [language, level] of v.languages) w.languages.add(v.id, language, level);
    for (const skill of p.skills) w.skills.add(v.id, skill);
    for (const nb of v.chosen) w.neighbourhoods.add(v.id, nb);
    for (const [day, start, end] of v.slots) w.availability.add(v.id, day, start, end);
    ctx.volunteers.push(v);
  };

  // The demo volunteer: Arabic and German, Ückendorf, valid certificate, afternoons and Saturdays.
  const home = ctx.neighbourhoods.find((nb) => nb.slug === "ueckendorf") ?? ctx.neighbourhoods[0];
  if (!home) throw new Error("No neighbourhoods seeded");
  const chosen = ["neustadt", "altstadt", "rotthausen"]
    .map((slug) => ctx.neighbourhoods.find((nb) => nb.slug === slug)?.id)
    .filter((id): id is number => id !== undefined);
  const demoCreatedAt = ctx.anchorMs - 380 * DAY_MS;
  const demoCertificate = ctx.anchorMs + 700 * DAY_MS;
  write(
    {
      id: ctx.accounts.volunteerId,
      displayName: "Lina Haddad",
      gender: "female",
      createdAt: demoCreatedAt,
      homeNb: home.id,
      radiusKm: 5,
      languages: new Map<Language, LanguageLevel>([
        ["de", "native"],
        ["ar", "native"],
        ["en", "good"],
      ]),
      chosen,
      serves: new Set([...withinRadius(ctx, home.id, 5), ...chosen]),
      slots: [
        [1, 15 * 60, 19 * 60],
        [3, 15 * 60, 19 * 60],
        [5, 10 * 60, 14 * 60],
      ],
      certificateValidUntil: demoCertificate,
      experience: 0.7,
      responsiveness: 0.95,
    },
    {
      email: "helfer@miteinander.test",
      locale: "de",
      lastLoginAt: ctx.anchorMs - 26 * HOUR_MS,
      updatedAt: ctx.anchorMs - 30 * DAY_MS,
      hoursCap: 6,
      bio: "Ich bin in Gelsenkirchen aufgewachsen, meine Eltern kommen aus Syrien. Ich begleite gern zu Ämtern und helfe Kindern bei den Hausaufgaben.",
      certificateVerifiedAt: ctx.anchorMs - 60 * DAY_MS,
      skills: [
        "Erfahrung mit Behördenpost",
        "Nachhilfe Mathematik",
        "Schulung Sprachmittlung",
        "Führerschein Klasse B",
      ],
    },
  );

  for (let i = 0; i < ctx.config.volunteers; i++) {
    const { background, gender, firstName: first, lastName: last, displayName } = drawPerson(rng);
    const nb = pickNeighbourhood(rng);
    const radiusKm = rng.pick(RADII);
    let createdAt = ctx.anchorMs - rng.int(20, 1400) * DAY_MS - rng.int(0, 600) * MINUTE_MS;

    const languages = new Map<Language, LanguageLevel>();
    for (const { language, level } of background.languages(rng))
      if (!languages.has(language)) languages.set(language, level);

    let certificateValidUntil: number | null = null;
    let certificateVerifiedAt: number | null = null;
    if (rng.chance(0.38)) {
      const days = certificateDays(rng);
      certificateValidUntil = Date.parse(isoDateAfter(ctx.anchorMs, days));
      // An expired certificate was checked while it was valid, so the account is older than that.
      if (days < 0) createdAt = Math.min(createdAt, certificateValidUntil - rng.int(200, 900) * DAY_MS);
      // Issued up to five years before it ends; checked by a coordinator after the account existed.
      const issued = Math.min(
        certificateValidUntil - 5 * 365 * DAY_MS + rng.int(0, 60) * DAY_MS,
        ctx.anchorMs - DAY_MS,
      );
      certificateVerifiedAt = Math.max(issued, createdAt + 2 * DAY_MS);
      if (certificateVerifiedAt > ctx.anchorMs) certificateVerifiedAt = ctx.anchorMs - HOUR_MS;
    }

    const chosenCount = rng.weighted([
      [0, 5],
      [1, 3],
      [2, 2],
      [3, 1],
    ]);
    const chosenNbs = (nearest.get(nb.id) ?? []).slice(0, 6);
    const chosen = rng.sample(chosenNbs, chosenCount).sort((a, b) => a - b);
    const slots: Slot[] = weeklySlots(rng);

    const skillCount = rng.int(1, 4);
    const skills = rng.sample(SKILLS, skillCount);
    if (languages.size >= 2 && rng.chance(0.25) && !skills.includes("Schulung Sprachmittlung"))
      skills.push("Schulung Sprachmittlung");

    const years = String(rng.int(2, 30));
    const bio = rng.chance(0.8)
      ? fill(rng.pick(background.from ? BIOS_MIGRANT : BIOS_GERMAN), {
          nb: nb.name,
          years,
          from: background.from,
        })
      : "";

    const lastLoginAt = rng.chance(0.7)
      ? Math.max(createdAt + HOUR_MS, ctx.anchorMs - rng.int(10, 45 * 24 * 60) * MINUTE_MS)
      : null;
    const updatedAt = Math.max(
      createdAt,
      certificateVerifiedAt ?? 0,
      Math.min(ctx.anchorMs - HOUR_MS, createdAt + rng.int(0, 200) * DAY_MS),
    );

    write(
      {
        id: allocateUserId(ctx),
        displayName,
        gender,
        createdAt,
        homeNb: nb.id,
        radiusKm,
        languages,
        chosen,
        serves: new Set([...withinRadius(ctx, nb.id, radiusKm), ...chosen]),
        slots,
        certificateValidUntil,
        experience: Math.round(rng.next() * 100) / 100,
        responsiveness: Math.round((0.4 + rng.next() * 0.6) * 100) / 100,
      },
      {
        email: uniqueEmail(ctx, emailLocalPart(first, last)),
        locale: rng.weighted(background.locales),
        lastLoginAt,
        updatedAt,
        hoursCap: rng.pick(HOURS_CAPS),
        bio,
        certificateVerifiedAt,
        skills,
      },
    );
  }

  return flushAll(w.users, w.profiles, w.languages, w.skills, w.neighbourhoods, w.availability);
}

interface VolunteerRow {
  email: string;
  locale: string;
  lastLoginAt: number | null;
  updatedAt: number;
  hoursCap: number;
  bio: string;
  certificateVerifiedAt: number | null;
  skills: readonly string[];
}
