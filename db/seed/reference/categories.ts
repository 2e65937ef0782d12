/** The categories of help from DESIGN.md, in their display order. Names are German; UI locales translate by slug. */
export const CATEGORY_SEEDS = [
  { slug: "language_support", name: "Sprachförderung" },
  { slug: "accompaniment", name: "Begleitung zu Ämtern und Ärzt*innen" },
  { slug: "homework_help", name: "Hausaufgaben- und Schulhilfe" },
  { slug: "childcare", name: "Kinderbetreuung" },
  { slug: "sports", name: "Sport und Bewegung" },
  { slug: "arts_culture", name: "Kunst und Kultur" },
  { slug: "housing_search", name: "Wohnungssuche" },
  { slug: "work_recognition", name: "Arbeit und Anerkennung von Abschlüssen" },
  { slug: "interpreting", name: "Dolmetschen und Sprachmittlung" },
  { slug: "everyday_help", name: "Alltagshilfe" },
  { slug: "donations_logistics", name: "Spenden und Logistik" },
  { slug: "youth_leisure", name: "Jugend und Freizeit" },
  { slug: "womens_groups", name: "Frauengruppen" },
] as const;

export type CategorySlug = (typeof CATEGORY_SEEDS)[number]["slug"];

/** Categories whose help involves children: a certificate of conduct is usually required. */
export const CHILD_CATEGORIES: readonly CategorySlug[] = ["homework_help", "childcare", "youth_leisure"];
