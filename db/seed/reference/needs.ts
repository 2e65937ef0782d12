import type { GenderPreference, Language, NeedSchedule } from "../../schema/enums";
import type { CategorySlug } from "./categories";

/**
 * Needs in plain German. They describe a situation, never a person: no names, addresses, phone
 * numbers or birth dates (contact goes through the coordinator). `{Who}` is a short subject for the
 * title ("Familie"), `{who}` the full one for the text ("Eine Familie"), `{from}` the origin
 * ("aus Syrien"), `{whoInSentence}` the full one in lower case ("eine Familie"), `{language}` the German name of the newcomer's first language.
 */

export interface NewcomerOrigin {
  from: string;
  /** First language first; a need lists one or two of them. */
  languages: readonly Language[];
  weight: number;
}

export const NEWCOMER_ORIGINS: readonly NewcomerOrigin[] = [
  { from: "aus Syrien", languages: ["ar", "kmr"], weight: 16 },
  { from: "aus der Ukraine", languages: ["uk", "ru"], weight: 16 },
  { from: "aus Afghanistan", languages: ["prs", "fa", "ps"], weight: 9 },
  { from: "aus dem Irak", languages: ["ar", "kmr", "ckb"], weight: 7 },
  { from: "aus der Türkei", languages: ["tr", "kmr"], weight: 7 },
  { from: "aus Bulgarien", languages: ["bg", "tr"], weight: 8 },
  { from: "aus Rumänien", languages: ["ro"], weight: 7 },
  { from: "aus Eritrea", languages: ["ti", "ar"], weight: 4 },
  { from: "aus dem Iran", languages: ["fa"], weight: 4 },
  { from: "aus Somalia", languages: ["so", "ar"], weight: 2 },
  { from: "aus Guinea", languages: ["fr"], weight: 2 },
  { from: "aus Nigeria", languages: ["en"], weight: 2 },
  { from: "aus Albanien", languages: ["sq"], weight: 2 },
  { from: "aus Pakistan", languages: ["ur", "en"], weight: 1 },
];

export type SubjectKind = "family" | "woman" | "adult" | "parent" | "pupil" | "child" | "teen";

export interface Subject {
  /** Full subject, grammatically singular: "Eine Familie". */
  full: string;
  /** For titles: "Familie". */
  short: string;
}

export const SUBJECTS: Record<SubjectKind, readonly Subject[]> = {
  family: [
    { full: "Eine Familie", short: "Familie" },
    { full: "Eine Familie mit drei Kindern", short: "Familie mit drei Kindern" },
    { full: "Ein Ehepaar", short: "Ehepaar" },
    { full: "Eine alleinerziehende Mutter", short: "Alleinerziehende Mutter" },
  ],
  woman: [
    { full: "Eine Frau", short: "Frau" },
    { full: "Eine junge Frau", short: "Junge Frau" },
    { full: "Eine ältere Frau", short: "Ältere Frau" },
    { full: "Eine alleinerziehende Mutter", short: "Alleinerziehende Mutter" },
  ],
  adult: [
    { full: "Eine Frau", short: "Frau" },
    { full: "Ein Mann", short: "Mann" },
    { full: "Ein junger Mann", short: "Junger Mann" },
    { full: "Ein älterer Mann", short: "Älterer Mann" },
    { full: "Eine junge Frau", short: "Junge Frau" },
  ],
  parent: [
    { full: "Eine Mutter", short: "Mutter" },
    { full: "Ein Vater", short: "Vater" },
    { full: "Ein Elternpaar", short: "Elternpaar" },
    { full: "Eine alleinerziehende Mutter", short: "Alleinerziehende Mutter" },
  ],
  pupil: [
    { full: "Ein Schüler der 6. Klasse", short: "Schüler (6. Klasse)" },
    { full: "Eine Schülerin der 8. Klasse", short: "Schülerin (8. Klasse)" },
    { full: "Ein Schüler der 9. Klasse", short: "Schüler (9. Klasse)" },
    { full: "Eine Schülerin der 5. Klasse", short: "Schülerin (5. Klasse)" },
  ],
  child: [
    { full: "Ein Grundschulkind", short: "Grundschulkind" },
    { full: "Ein Kind der 3. Klasse", short: "Kind (3. Klasse)" },
    { full: "Ein Kind der 2. Klasse", short: "Kind (2. Klasse)" },
  ],
  teen: [
    { full: "Ein Jugendlicher", short: "Jugendlicher" },
    { full: "Eine Jugendliche", short: "Jugendliche" },
  ],
};

export type Daypart = "morning" | "afternoon" | "evening";

export interface NeedTemplate {
  category: CategorySlug;
  subject: SubjectKind;
  title: string;
  description: string;
  schedule: NeedSchedule;
  helpers: readonly [number, number];
  daypart: Daypart;
  /** Minutes per appointment or weekly slot. */
  duration: number;
  requiresCertificate?: boolean;
  genderPreference?: GenderPreference;
  /** One-off appointments on weekdays only (offices, schools). */
  weekdaysOnly?: boolean;
  /** The newcomer also speaks some German, so German-speaking helpers qualify. */
  germanShare?: number;
}

export const NEED_TEMPLATES: readonly NeedTemplate[] = [
  // language_support
  {
    category: "language_support",
    subject: "adult",
    title: "{Who} {from} sucht Gesprächspartner*in zum Deutschüben",
    description:
      "{who} {from} besucht einen Integrationskurs (Niveau A2) und möchte außerhalb des Kurses mehr sprechen, zum Beispiel im Café oder in der Stadtteilbibliothek.",
    schedule: "recurring",
    helpers: [1, 1],
    daypart: "afternoon",
    duration: 90,
    germanShare: 0.9,
  },
  {
    category: "language_support",
    subject: "woman",
    title: "Sprachpatin für Frau {from} gesucht",
    description:
      "{who} {from} lernt Deutsch und möchte sich auf Gespräche in Kita und Schule vorbereiten. Eine Stunde pro Woche, während die Kinder betreut sind.",
    schedule: "recurring",
    helpers: [1, 1],
    daypart: "morning",
    duration: 60,
    genderPreference: "female",
    germanShare: 0.8,
  },
  {
    category: "language_support",
    subject: "adult",
    title: "Vorbereitung auf die B1-Prüfung",
    description:
      "{who} {from} hat in sechs Wochen die Prüfung „Deutsch-Test für Zuwanderer“. Gesucht wird Hilfe beim Üben von Briefen und mündlichen Aufgaben.",
    schedule: "recurring",
    helpers: [1, 1],
    daypart: "evening",
    duration: 90,
    germanShare: 1,
  },
  // accompaniment
  {
    category: "accompaniment",
    subject: "family",
    title: "{Who} {from} sucht Begleitung zum Jobcenter",
    description:
      "{who} {from} hat einen Termin im Jobcenter. Es geht um die Weiterbewilligung von Leistungen. Die Begleitung soll beim Verstehen helfen und Notizen machen. Dauer etwa zwei Stunden, mit Wartezeit.",
    schedule: "one_off",
    helpers: [1, 1],
    daypart: "morning",
    duration: 120,
    weekdaysOnly: true,
    germanShare: 0.3,
  },
  {
    category: "accompaniment",
    subject: "family",
    title: "Begleitung zur Kinderärztin gesucht",
    description:
      "{who} {from} braucht Begleitung zur Vorsorgeuntersuchung in der Kinderarztpraxis. Dabei soll geklärt werden, welche Impfungen schon gemacht wurden. Hilfreich ist, wenn die Begleitung {language} spricht.",
    schedule: "one_off",
    helpers: [1, 1],
    daypart: "morning",
    duration: 90,
    weekdaysOnly: true,
    germanShare: 0.2,
  },
  {
    category: "accompaniment",
    subject: "adult",
    title: "Begleitung zur Ausländerbehörde",
    description:
      "{who} {from} muss den Aufenthaltstitel verlängern lassen. Gesucht wird Begleitung zum Termin und Hilfe beim Sortieren der Unterlagen vorher.",
    schedule: "one_off",
    helpers: [1, 1],
    daypart: "morning",
    duration: 120,
    weekdaysOnly: true,
    germanShare: 0.3,
  },
  {
    category: "accompaniment",
    subject: "woman",
    title: "Weibliche Begleitung zur Frauenarztpraxis",
    description:
      "{who} {from} wünscht sich eine Frau als Begleitung zu einem Termin in der Frauenarztpraxis. Die Begleitung soll bei der Verständigung helfen.",
    schedule: "one_off",
    helpers: [1, 1],
    daypart: "morning",
    duration: 90,
    genderPreference: "female",
    weekdaysOnly: true,
    germanShare: 0.1,
  },
  {
    category: "accompaniment",
    subject: "parent",
    title: "Begleitung zur Schulanmeldung",
    description:
      "{who} {from} möchte zwei Kinder an einer Grundschule anmelden und braucht Begleitung zum Schulamt. Unterlagen sind vorhanden.",
    schedule: "one_off",
    helpers: [1, 1],
    daypart: "morning",
    duration: 90,
    weekdaysOnly: true,
    germanShare: 0.3,
  },
  // homework_help
  {
    category: "homework_help",
    subject: "pupil",
    title: "Hausaufgabenhilfe in Mathe und Deutsch",
    description:
      "{who} {from} braucht Unterstützung bei den Hausaufgaben, vor allem in Mathe und Deutsch. Am liebsten in der Stadtteilbibliothek oder im Jugendzentrum.",
    schedule: "recurring",
    helpers: [1, 1],
    daypart: "afternoon",
    duration: 90,
    requiresCertificate: true,
    germanShare: 1,
  },
  {
    category: "homework_help",
    subject: "child",
    title: "Lernhilfe für ein Grundschulkind {from}",
    description:
      "{who} {from} ist seit einem halben Jahr in Deutschland und braucht Hilfe beim Lesen und Schreiben. Die Eltern sprechen {language}.",
    schedule: "recurring",
    helpers: [1, 1],
    daypart: "afternoon",
    duration: 60,
    requiresCertificate: true,
    germanShare: 0.7,
  },
  {
    category: "homework_help",
    subject: "teen",
    title: "Prüfungsvorbereitung Hauptschulabschluss",
    description:
      "{who} {from} möchte den Hauptschulabschluss schaffen und sucht Hilfe bei der Vorbereitung in Mathe und Englisch.",
    schedule: "recurring",
    helpers: [1, 2],
    daypart: "afternoon",
    duration: 90,
    requiresCertificate: true,
    germanShare: 1,
  },
  // childcare
  {
    category: "childcare",
    subject: "woman",
    title: "Kinderbetreuung während des Integrationskurses",
    description:
      "Während {whoInSentence} {from} den Integrationskurs besucht, sollen zwei kleine Kinder betreut werden. Die Betreuung findet in den Räumen des Kursträgers statt.",
    schedule: "recurring",
    helpers: [2, 2],
    daypart: "morning",
    duration: 180,
    requiresCertificate: true,
    germanShare: 0.5,
  },
  {
    category: "childcare",
    subject: "parent",
    title: "Betreuung für Geschwisterkinder beim Elternabend",
    description:
      "{who} {from} möchte zum Elternabend der Schule gehen. Für die jüngeren Geschwister wird eine Betreuung im Nebenraum gesucht.",
    schedule: "one_off",
    helpers: [1, 2],
    daypart: "evening",
    duration: 120,
    requiresCertificate: true,
    germanShare: 0.4,
  },
  // sports
  {
    category: "sports",
    subject: "teen",
    title: "{Who} {from} möchte Fußball im Verein spielen",
    description:
      "{who} {from} sucht einen Fußballverein in der Nähe. Gesucht wird jemand, der zum ersten Probetraining mitkommt und bei der Anmeldung hilft.",
    schedule: "one_off",
    helpers: [1, 1],
    daypart: "afternoon",
    duration: 120,
    germanShare: 0.6,
  },
  {
    category: "sports",
    subject: "woman",
    title: "Begleitung zum Schwimmkurs für Frauen",
    description:
      "{who} {from} möchte schwimmen lernen und traut sich allein nicht ins Hallenbad. Gesucht wird eine Begleiterin für die ersten Kurstermine.",
    schedule: "recurring",
    helpers: [1, 1],
    daypart: "evening",
    duration: 90,
    genderPreference: "female",
    germanShare: 0.4,
  },
  // arts_culture
  {
    category: "arts_culture",
    subject: "family",
    title: "{Who} {from} möchte das Musiktheater kennenlernen",
    description:
      "{who} {from} interessiert sich für Musik und Theater. Gesucht wird jemand, der zu einer Familienvorstellung mitkommt und erklärt, wie man günstige Karten bekommt.",
    schedule: "one_off",
    helpers: [1, 1],
    daypart: "afternoon",
    duration: 180,
    germanShare: 0.5,
  },
  {
    category: "arts_culture",
    subject: "adult",
    title: "Anschluss an eine Musik- oder Theatergruppe",
    description:
      "{who} {from} hat früher in einem Chor gesungen und sucht eine Gruppe im Stadtteil. Begleitung zum ersten Treffen gewünscht.",
    schedule: "one_off",
    helpers: [1, 1],
    daypart: "evening",
    duration: 120,
    germanShare: 0.6,
  },
  // housing_search
  {
    category: "housing_search",
    subject: "family",
    title: "Unterstützung bei der Wohnungssuche",
    description:
      "{who} {from} lebt in einer zu kleinen Wohnung. Gesucht wird Hilfe beim Lesen von Anzeigen, beim Schreiben von Anfragen und bei Besichtigungen.",
    schedule: "recurring",
    helpers: [1, 2],
    daypart: "afternoon",
    duration: 120,
    germanShare: 0.4,
  },
  {
    category: "housing_search",
    subject: "adult",
    title: "Hilfe beim Antrag auf Wohnberechtigungsschein",
    description:
      "{who} {from} braucht Hilfe beim Ausfüllen des Antrags auf einen Wohnberechtigungsschein und beim Zusammenstellen der Nachweise.",
    schedule: "one_off",
    helpers: [1, 1],
    daypart: "afternoon",
    duration: 90,
    germanShare: 0.4,
  },
  // work_recognition
  {
    category: "work_recognition",
    subject: "woman",
    title: "Anerkennung eines Pflegeabschlusses",
    description:
      "{who} {from} hat im Herkunftsland als Pflegefachkraft gearbeitet und möchte den Abschluss anerkennen lassen. Gesucht wird Hilfe beim Zusammenstellen der Unterlagen für die Anerkennungsstelle.",
    schedule: "recurring",
    helpers: [1, 1],
    daypart: "afternoon",
    duration: 90,
    germanShare: 0.8,
  },
  {
    category: "work_recognition",
    subject: "adult",
    title: "Bewerbung für eine Stelle im Handwerk",
    description:
      "{who} {from} ist gelernte Elektrofachkraft und sucht Arbeit. Gesucht wird Hilfe beim Lebenslauf, beim Anschreiben und bei der Vorbereitung auf Vorstellungsgespräche.",
    schedule: "recurring",
    helpers: [1, 1],
    daypart: "evening",
    duration: 90,
    germanShare: 0.8,
  },
  {
    category: "work_recognition",
    subject: "adult",
    title: "Praktikumsplatz in der Gastronomie gesucht",
    description:
      "{who} {from} möchte ein Praktikum in einer Küche machen. Gesucht wird jemand mit Kontakten zu Betrieben im Stadtteil.",
    schedule: "one_off",
    helpers: [1, 1],
    daypart: "afternoon",
    duration: 120,
    germanShare: 0.7,
  },
  // interpreting
  {
    category: "interpreting",
    subject: "parent",
    title: "Dolmetschen beim Elterngespräch ({language})",
    description:
      "{who} {from} hat ein Gespräch mit der Klassenlehrerin. Gesucht wird Sprachmittlung {language} – Deutsch für etwa eine Stunde.",
    schedule: "one_off",
    helpers: [1, 1],
    daypart: "afternoon",
    duration: 60,
    weekdaysOnly: true,
    germanShare: 0,
  },
  {
    category: "interpreting",
    subject: "family",
    title: "Sprachmittlung bei der Schuldnerberatung ({language})",
    description:
      "{who} {from} hat einen Termin bei der Schuldnerberatung. Gesucht wird Sprachmittlung {language} – Deutsch, Dauer etwa eineinhalb Stunden.",
    schedule: "one_off",
    helpers: [1, 1],
    daypart: "morning",
    duration: 90,
    weekdaysOnly: true,
    germanShare: 0,
  },
  {
    category: "interpreting",
    subject: "woman",
    title: "Dolmetscherin für Termin in der Beratungsstelle ({language})",
    description:
      "{who} {from} wünscht sich für ein vertrauliches Beratungsgespräch eine Dolmetscherin, die {language} spricht.",
    schedule: "one_off",
    helpers: [1, 1],
    daypart: "morning",
    duration: 90,
    genderPreference: "female",
    weekdaysOnly: true,
    germanShare: 0,
  },
  // everyday_help
  {
    category: "everyday_help",
    subject: "adult",
    title: "Hilfe beim Verstehen von Briefen",
    description:
      "{who} {from} bekommt viele Briefe von Ämtern und Versicherungen und versteht sie oft nicht. Gesucht wird regelmäßige Hilfe beim Lesen und Beantworten.",
    schedule: "recurring",
    helpers: [1, 1],
    daypart: "afternoon",
    duration: 60,
    germanShare: 0.3,
  },
  {
    category: "everyday_help",
    subject: "family",
    title: "Konto eröffnen und Online-Banking einrichten",
    description:
      "{who} {from} braucht Hilfe beim Eröffnen eines Girokontos und beim Einrichten der Banking-App.",
    schedule: "one_off",
    helpers: [1, 1],
    daypart: "morning",
    duration: 90,
    weekdaysOnly: true,
    germanShare: 0.4,
  },
  {
    category: "everyday_help",
    subject: "woman",
    title: "Fahrradfahren lernen",
    description:
      "{who} {from} möchte Fahrradfahren lernen, um selbstständig zur Arbeit zu kommen. Gesucht wird eine Frau, die geduldig übt.",
    schedule: "recurring",
    helpers: [1, 1],
    daypart: "afternoon",
    duration: 60,
    genderPreference: "female",
    germanShare: 0.5,
  },
  // donations_logistics
  {
    category: "donations_logistics",
    subject: "family",
    title: "Umzugshilfe gesucht",
    description:
      "{who} {from} zieht innerhalb des Stadtteils in eine größere Wohnung. Gesucht werden Helfer*innen zum Tragen. Ein Transporter ist organisiert.",
    schedule: "one_off",
    helpers: [2, 4],
    daypart: "morning",
    duration: 240,
    germanShare: 0.5,
  },
  {
    category: "donations_logistics",
    subject: "adult",
    title: "Möbel für die erste eigene Wohnung abholen",
    description:
      "{who} {from} bekommt gespendete Möbel aus der Möbelbörse. Gesucht wird jemand mit Auto oder Transporter und eine zweite Person zum Tragen.",
    schedule: "one_off",
    helpers: [1, 2],
    daypart: "morning",
    duration: 180,
    germanShare: 0.5,
  },
  // youth_leisure
  {
    category: "youth_leisure",
    subject: "teen",
    title: "{Who} {from} sucht Anschluss im Stadtteil",
    description:
      "{who} {from} ist neu in der Stadt und kennt noch niemanden. Gesucht wird Begleitung zum Jugendtreff und zu Angeboten im Stadtteil.",
    schedule: "recurring",
    helpers: [1, 1],
    daypart: "afternoon",
    duration: 120,
    requiresCertificate: true,
    germanShare: 0.6,
  },
  {
    category: "youth_leisure",
    subject: "teen",
    title: "Begleitung für Ferienausflug",
    description:
      "Eine Gruppe Jugendlicher {from} macht einen Ausflug in den Nordsternpark. Gesucht werden Begleitpersonen.",
    schedule: "one_off",
    helpers: [2, 3],
    daypart: "morning",
    duration: 300,
    requiresCertificate: true,
    germanShare: 0.6,
  },
  // womens_groups
  {
    category: "womens_groups",
    subject: "woman",
    title: "{Who} {from} sucht Anschluss an eine Frauengruppe",
    description:
      "{who} {from} möchte andere Frauen im Stadtteil kennenlernen. Gesucht wird eine Begleiterin zum ersten Treffen eines Frauencafés.",
    schedule: "one_off",
    helpers: [1, 1],
    daypart: "morning",
    duration: 120,
    genderPreference: "female",
    germanShare: 0.4,
  },
  {
    category: "womens_groups",
    subject: "woman",
    title: "Unterstützung für Nähkurs für Frauen",
    description:
      "Im Nähkurs für Frauen {from} wird eine zweite Anleiterin gesucht, die beim Zuschneiden hilft und {language} oder Deutsch spricht.",
    schedule: "recurring",
    helpers: [1, 2],
    daypart: "morning",
    duration: 120,
    genderPreference: "female",
    germanShare: 0.6,
  },
];

export const WEEKDAY_NAMES = [
  "Montag",
  "Dienstag",
  "Mittwoch",
  "Donnerstag",
  "Freitag",
  "Samstag",
  "Sonntag",
] as const;
export const WEEKDAY_ADVERBS = [
  "montags",
  "dienstags",
  "mittwochs",
  "donnerstags",
  "freitags",
  "samstags",
  "sonntags",
] as const;

export const DAYPART_START_MINUTES: Record<Daypart, readonly number[]> = {
  morning: [8 * 60 + 30, 9 * 60, 9 * 60 + 30, 10 * 60, 10 * 60 + 30, 11 * 60],
  afternoon: [14 * 60, 14 * 60 + 30, 15 * 60, 15 * 60 + 30, 16 * 60],
  evening: [17 * 60 + 30, 18 * 60, 18 * 60 + 30, 19 * 60],
};

export const DAYPART_WORDS: Record<Daypart, { noun: string; adverb: string }> = {
  morning: { noun: "vormittag", adverb: "vormittags" },
  afternoon: { noun: "nachmittag", adverb: "nachmittags" },
  evening: { noun: "abend", adverb: "abends" },
};

export const DECLINE_REASONS = [
  "Zu dem Termin habe ich leider keine Zeit.",
  "Ich bin in den nächsten Wochen im Urlaub.",
  "Der Weg ist für mich leider zu weit.",
  "Ich habe gerade schon zwei Begleitungen und möchte mich nicht übernehmen.",
] as const;
