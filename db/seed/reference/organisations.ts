import type { Language, OrganisationKind } from "../../schema/enums";
import type { CategorySlug } from "./categories";

/**
 * Organisation names and descriptions. All names are invented: the welfare branches are modelled on
 * the usual local branches of the big welfare associations without using their trademarks.
 * `{nb}` is a neighbourhood name, `{year}` a founding year, `{club}` a traditional club name.
 */
export interface OrganisationKindSeed {
  kind: OrganisationKind;
  weight: number;
  names: readonly string[];
  descriptions: readonly string[];
  /** What the organisation's activities and offers are about. */
  categories: readonly CategorySlug[];
  /** Share of organisations of this kind that coordinators have verified. */
  verifiedShare: number;
}

export const CLUB_NAMES = [
  "Arminia",
  "Teutonia",
  "Germania",
  "Eintracht",
  "Fortuna",
  "Westfalia",
  "Concordia",
  "Borussia",
  "Viktoria",
  "Preußen",
  "Union",
  "Glückauf",
] as const;

export const ORGANISATION_KINDS: readonly OrganisationKindSeed[] = [
  {
    kind: "sports_club",
    weight: 26,
    names: [
      "SV {nb} {year} e.V.",
      "DJK {club} {nb}",
      "TuS {nb} {year}",
      "SC {club} {nb} e.V.",
      "Schwimmverein {nb} {year}",
      "Boxclub {nb} e.V.",
      "Tischtennisfreunde {nb}",
      "Turnverein {nb} {year} e.V.",
      "Radsportfreunde {nb}",
      "Frauenfußball {nb} e.V.",
      "Budo-Club {nb}",
      "Lauftreff {nb} e.V.",
    ],
    descriptions: [
      "Traditionsverein mit Fußball, Turnen und Gymnastik. Neue Mitglieder sind willkommen – das erste Jahr ist für neu Zugewanderte beitragsfrei.",
      "Wir sind ein Breitensportverein im Stadtteil. Unsere Trainer*innen sprechen mehrere Sprachen, Probetraining ist jederzeit möglich.",
      "Sport verbindet: Wir bieten offene Trainings für Kinder, Jugendliche und Erwachsene und helfen beim Ausfüllen der Mitgliedsanträge.",
      "Kleiner Verein mit großem Herz. Wir suchen Ehrenamtliche für Training, Fahrdienste und Vereinsfeste.",
    ],
    categories: ["sports", "youth_leisure", "womens_groups"],
    verifiedShare: 0.9,
  },
  {
    kind: "cultural_group",
    weight: 12,
    names: [
      "Kulturverein {nb} e.V.",
      "Chor der Kulturen {nb}",
      "Theatergruppe Bühne {nb}",
      "Kunstwerkstatt {nb}",
      "Heimatverein {nb} {year}",
      "Trommelgruppe Ruhrrhythmus {nb}",
      "Musikwerkstatt {nb} e.V.",
      "Erzählcafé {nb}",
    ],
    descriptions: [
      "Wir machen Musik, Theater und Kunst mit Menschen aus vielen Ländern. Vorkenntnisse braucht niemand.",
      "Unser Verein organisiert Lesungen, Konzerte und Stadtteilfeste. Alle Veranstaltungen sind kostenlos oder sehr günstig.",
      "Kreativ im Quartier: offene Werkstätten für Kinder und Erwachsene, mit Material und Begleitung.",
    ],
    categories: ["arts_culture", "youth_leisure", "language_support"],
    verifiedShare: 0.85,
  },
  {
    kind: "welfare",
    weight: 12,
    names: [
      "Sozialwerk {nb} e.V.",
      "Ev. Sozialdienst {nb}",
      "Kath. Familienhilfe {nb}",
      "Solidarische Hilfe Ruhr – Ortsgruppe {nb}",
      "Mehrgenerationenhaus {nb}",
      "Familienzentrum {nb}",
      "Nachbarschaftshilfe {nb} e.V.",
      "Migrationsberatung im Stadtteilzentrum {nb}",
    ],
    descriptions: [
      "Beratung und Begleitung für Familien, Senior*innen und neu Zugewanderte. Wir koordinieren viele Ehrenamtliche im Stadtteil.",
      "Wir bieten Migrationsberatung, Sprachcafés und eine Kleiderkammer an. Termine nach Absprache, offene Sprechstunde einmal pro Woche.",
      "Unser Familienzentrum ist Treffpunkt für Eltern und Kinder. Wir vermitteln Begleitungen und Hausaufgabenhilfe.",
      "Hilfe im Alltag: Formulare, Behördenpost, Wohnungssuche. Unsere Ehrenamtlichen arbeiten eng mit den Hauptamtlichen zusammen.",
    ],
    categories: [
      "everyday_help",
      "accompaniment",
      "language_support",
      "housing_search",
      "childcare",
      "donations_logistics",
      "homework_help",
      "work_recognition",
    ],
    verifiedShare: 0.95,
  },
  {
    kind: "migrant_organisation",
    weight: 14,
    names: [
      "Syrischer Kulturverein {nb} e.V.",
      "Ukrainische Gemeinschaft {nb}",
      "Deutsch-Türkischer Elternverein {nb}",
      "Afghanischer Frauenverein {nb}",
      "Eritreische Gemeinschaft {nb} e.V.",
      "Kurdisches Kulturzentrum {nb}",
      "Bulgarisch-Deutscher Freundeskreis {nb}",
      "Rumänischer Kulturverein {nb}",
      "Iranischer Kulturverein {nb}",
      "Albanischer Kulturverein {nb}",
      "Afrikanisches Netzwerk {nb}",
      "Arabischer Elternverein {nb}",
      "Russischsprachiger Kulturverein {nb}",
    ],
    descriptions: [
      "Von Zugewanderten für Zugewanderte: Wir helfen beim Ankommen, übersetzen und erklären, wie Schule, Ämter und Arbeit funktionieren.",
      "Wir organisieren Elterncafés, Hausaufgabenhilfe und Feste. Viele unserer Mitglieder sind selbst vor einigen Jahren nach Gelsenkirchen gekommen.",
      "Unser Verein bietet Sprachmittlung, Frauengruppen und Begleitung zu Terminen an – in der Muttersprache und auf Deutsch.",
    ],
    categories: [
      "interpreting",
      "accompaniment",
      "womens_groups",
      "homework_help",
      "arts_culture",
      "language_support",
    ],
    verifiedShare: 0.75,
  },
  {
    kind: "religious_community",
    weight: 10,
    names: [
      "Ev. Kirchengemeinde {nb}",
      "Kath. Pfarrei St. {saint} {nb}",
      "Islamische Gemeinde {nb} e.V.",
      "Alevitische Gemeinde {nb}",
      "Freie evangelische Gemeinde {nb}",
      "Orthodoxe Gemeinde {nb}",
    ],
    descriptions: [
      "Unsere Gemeinde öffnet ihre Räume für Sprachcafés, Kleiderkammer und Hausaufgabenhilfe – für alle, unabhängig von der Religion.",
      "Wir laden jeden Monat zu einem offenen Nachbarschaftsessen ein und vermitteln Patenschaften für neu Zugewanderte.",
      "Unsere Ehrenamtlichen begleiten zu Ämtern und Ärzt*innen und helfen bei der Wohnungssuche.",
    ],
    categories: [
      "donations_logistics",
      "everyday_help",
      "language_support",
      "accompaniment",
      "youth_leisure",
    ],
    verifiedShare: 0.85,
  },
  {
    kind: "initiative",
    weight: 18,
    names: [
      "Willkommensinitiative {nb}",
      "Nachbarschaftsnetzwerk {nb}",
      "Fahrradwerkstatt {nb}",
      "Lesepaten {nb}",
      "Runder Tisch Integration {nb}",
      "Repair-Café {nb}",
      "Kleiderkammer {nb}",
      "Studierende helfen – Gruppe {nb}",
      "Elterninitiative {nb}",
      "Patenschaftsprojekt {nb}",
    ],
    descriptions: [
      "Eine offene Gruppe von Nachbarinnen und Nachbarn. Wir treffen uns einmal im Monat und helfen, wo es gerade nötig ist.",
      "Wir reparieren gespendete Fahrräder und geben sie an Menschen weiter, die neu in der Stadt sind. Werkzeug und Anleitung gibt es vor Ort.",
      "Unsere Ehrenamtlichen übernehmen Patenschaften: ein fester Kontakt für ein paar Monate, für Alltag, Sprache und Freizeit.",
    ],
    categories: [
      "everyday_help",
      "donations_logistics",
      "language_support",
      "homework_help",
      "accompaniment",
      "housing_search",
      "youth_leisure",
    ],
    verifiedShare: 0.7,
  },
  {
    kind: "public_body",
    weight: 8,
    names: [
      "Stadtteilbüro {nb}",
      "Stadtbibliothek – Zweigstelle {nb}",
      "Jugendzentrum {nb}",
      "Quartiersmanagement {nb}",
      "Familienbüro {nb}",
      "Bildungsberatung im Stadtteil {nb}",
    ],
    descriptions: [
      "Anlaufstelle der Stadt im Quartier: Information, Beratung und Vermittlung zu allen Fragen des Zusammenlebens.",
      "Wir bieten Räume, Beratung und Programme für Kinder, Jugendliche und Familien. Ehrenamtliche unterstützen unsere Angebote.",
      "Kostenlose Beratung zu Sprachkursen, Schule, Ausbildung und Anerkennung von Abschlüssen.",
    ],
    categories: ["work_recognition", "language_support", "youth_leisure", "housing_search", "homework_help"],
    verifiedShare: 1,
  },
];

/** Names of the city-wide public bodies, added once. */
export const CITY_WIDE_PUBLIC_BODIES = [
  {
    name: "Kommunales Integrationszentrum Gelsenkirchen",
    description:
      "Die Fachstelle der Stadt für Integration: Sie koordiniert Sprachkurse, Bildungsangebote und die Zusammenarbeit mit Vereinen und Initiativen.",
  },
  {
    name: "Ehrenamtsagentur Gelsenkirchen",
    description:
      "Vermittelt Ehrenamtliche an Vereine und Initiativen, bietet Fortbildungen an und stellt die Ehrenamtskarte NRW aus.",
  },
] as const;

export const SAINTS = [
  "Urbanus",
  "Augustinus",
  "Josef",
  "Hippolytus",
  "Barbara",
  "Antonius",
  "Mariä Himmelfahrt",
  "Ludgerus",
] as const;

/** Languages a migrant organisation works in, by its name. */
export function migrantOrganisationLanguages(name: string): Language[] {
  const table: [string, Language[]][] = [
    ["Syrisch", ["ar", "kmr"]],
    ["Ukrainisch", ["uk", "ru"]],
    ["Türkisch", ["tr"]],
    ["Afghanisch", ["prs", "fa", "ps"]],
    ["Eritreisch", ["ti"]],
    ["Kurdisch", ["kmr", "ckb"]],
    ["Bulgarisch", ["bg", "tr"]],
    ["Rumänisch", ["ro"]],
    ["Iranisch", ["fa"]],
    ["Albanisch", ["sq"]],
    ["Afrikanisch", ["en", "fr"]],
    ["Arabisch", ["ar"]],
    ["Russisch", ["ru"]],
  ];
  for (const [needle, languages] of table) if (name.includes(needle)) return languages;
  return [];
}
