import type { Language, LanguageLevel, UiLocale } from "../../schema/enums";
import type { Rng } from "../prng";

/**
 * Volunteers by background, weighted roughly like Gelsenkirchen's population with a migration history
 * (many Turkish and Polish roots from mining, newer arrivals from Syria, South-East Europe and Ukraine).
 * Each background decides the names and the languages (with levels) a volunteer speaks.
 */
export interface Background {
  key: string;
  /** The first language of people with this background. */
  native: Language;
  weight: number;
  /** Where the volunteer (or their family) came from, for bios: "aus Syrien". Empty for German-born. */
  from: string;
  female: readonly string[];
  male: readonly string[];
  /** A surname, or [male form, female form] where the language inflects it. */
  surnames: readonly (string | readonly [string, string])[];
  languages: (rng: Rng) => { language: Language; level: LanguageLevel }[];
  locales: readonly (readonly [UiLocale, number])[];
}

type Spoken = { language: Language; level: LanguageLevel };

/** "Anna Julia Lena" → ["Anna", "Julia", "Lena"]: keeps the long name lists compact. */
function words(list: string): readonly string[] {
  return list.split(" ");
}

/** Like `words`, with "Iwanow/Iwanowa" for surnames that have a male and a female form. */
function surnames(list: string): readonly (string | readonly [string, string])[] {
  return list.split(" ").map((name) => {
    const [male, female] = name.split("/");
    return female && male ? ([male, female] as const) : name;
  });
}

function germanLevel(rng: Rng, weights: [number, number, number, number]): LanguageLevel {
  return rng.weighted<LanguageLevel>([
    ["basic", weights[0]],
    ["good", weights[1]],
    ["fluent", weights[2]],
    ["native", weights[3]],
  ]);
}

function maybe(rng: Rng, probability: number, language: Language, level: LanguageLevel): Spoken[] {
  return rng.chance(probability) ? [{ language, level }] : [];
}

function englishOr(rng: Rng, probability: number): Spoken[] {
  return maybe(rng, probability, "en", rng.pick<LanguageLevel>(["basic", "good", "good", "fluent"]));
}

export const BACKGROUNDS: readonly Background[] = [
  {
    key: "german",
    native: "de",
    weight: 48,
    from: "",
    female: words(
      "Anna Julia Laura Lena Sarah Katharina Lisa Hannah Marie Sophie Leonie Claudia Sabine Petra Andrea Birgit Monika Ursula Gabriele Heike Karin Nicole Stefanie Anja Silke Kerstin Jana Miriam Carina Tanja Johanna Franziska Ingrid Renate Christa Elke Martina Susanne Melanie Nina",
    ),
    male: words(
      "Thomas Michael Andreas Stefan Christian Markus Jan Tobias Daniel Sebastian Lukas Jonas Felix Maximilian Paul Klaus Jürgen Dieter Wolfgang Peter Frank Uwe Ralf Holger Dirk Matthias Sven Timo Niklas Philipp Heinz Manfred Bernd Rainer Norbert Kevin Dennis Marcel Björn Florian",
    ),
    surnames: surnames(
      "Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Koch Richter Klein Wolf Schröder Neumann Schwarz Zimmermann Braun Krüger Hartmann Lange Werner Krause Lehmann Brinkmann Terhorst Kampmann Overbeck Tenhagen Wiesmann Buschmann Pieper Drees Rüther Holtkamp Bäumer Kowalski Szymanski Nowak Kaczmarek Schimanski Grabowski Pawlak",
    ),
    languages: (rng) => [
      { language: "de", level: "native" },
      ...englishOr(rng, 0.7),
      ...maybe(rng, 0.12, "fr", rng.pick<LanguageLevel>(["basic", "good"])),
      ...maybe(rng, 0.06, "es", rng.pick<LanguageLevel>(["basic", "good"])),
      ...maybe(rng, 0.04, "ar", "basic"),
      ...maybe(rng, 0.04, "tr", "basic"),
      ...maybe(rng, 0.03, "ru", rng.pick<LanguageLevel>(["basic", "good"])),
    ],
    locales: [["de", 1]],
  },
  {
    key: "turkish",
    native: "tr",
    weight: 13,
    from: "aus der Türkei",
    female: words(
      "Ayşe Fatma Elif Zeynep Emine Hatice Merve Büşra Esra Derya Selin Gülsüm Sevgi Aylin Melek Dilek Songül Yasemin",
    ),
    male: words(
      "Mehmet Mustafa Ahmet Ali Hüseyin Hasan Murat Emre Kemal Osman Yusuf Cem Serkan Volkan Burak Oğuz Erkan Tarık",
    ),
    surnames: surnames(
      "Yılmaz Kaya Demir Şahin Çelik Yıldız Yıldırım Öztürk Aydın Özdemir Arslan Doğan Kılıç Aslan Çetin Kara Koç Kurt Özkan Şimşek Polat Erdem Güneş Aksoy",
    ),
    languages: (rng) => [
      { language: "tr", level: "native" },
      { language: "de", level: germanLevel(rng, [0, 1, 4, 5]) },
      ...englishOr(rng, 0.5),
      ...maybe(rng, 0.12, "kmr", rng.pick<LanguageLevel>(["good", "fluent", "native"])),
    ],
    locales: [
      ["de", 6],
      ["tr", 1],
    ],
  },
  {
    key: "syrian",
    native: "ar",
    weight: 8,
    from: "aus Syrien",
    female: words(
      "Fatima Aisha Rania Lina Hiba Nour Layla Yasmin Amal Rasha Dima Ghada Huda Samira Mariam Reem",
    ),
    male: words(
      "Ahmad Mohammad Omar Khaled Yousef Mahmoud Hassan Ali Tarek Bilal Samer Fadi Rami Karim Nabil Ibrahim",
    ),
    surnames: surnames(
      "Al-Ahmad Haddad Khalil Saleh Al-Hussein Darwish Hamdan Nasser Mansour Khatib Abdallah Al-Masri Shami Kassem Youssef Othman Barakat",
    ),
    languages: (rng) => [
      { language: "ar", level: "native" },
      { language: "de", level: germanLevel(rng, [1, 5, 4, 0]) },
      ...englishOr(rng, 0.55),
      ...maybe(rng, 0.15, "kmr", rng.pick<LanguageLevel>(["good", "native"])),
      ...maybe(rng, 0.08, "tr", "basic"),
    ],
    locales: [
      ["de", 2],
      ["ar", 1],
    ],
  },
  {
    key: "iraqi_kurdish",
    native: "kmr",
    weight: 3,
    from: "aus dem Irak",
    female: words("Rojda Berivan Dilan Jiyan Nesrin Rojin Zozan Hêvî Shilan Avin"),
    male: words("Rojhat Azad Baran Dilshad Serhat Welat Zana Şêrko Ciwan Rêber"),
    surnames: surnames("Ahmed Murad Hasso Qasim Ibrahim Elias Khudeda Sido Khalaf Haji"),
    languages: (rng) => [
      { language: "kmr", level: "native" },
      { language: "ar", level: rng.pick<LanguageLevel>(["good", "fluent"]) },
      { language: "de", level: germanLevel(rng, [1, 5, 3, 0]) },
      ...maybe(rng, 0.2, "ckb", rng.pick<LanguageLevel>(["basic", "good"])),
      ...englishOr(rng, 0.35),
    ],
    locales: [
      ["de", 2],
      ["ar", 1],
    ],
  },
  {
    key: "ukrainian",
    native: "uk",
    weight: 6,
    from: "aus der Ukraine",
    female: words(
      "Olena Iryna Oksana Natalia Tetiana Yuliia Kateryna Anastasiia Svitlana Olha Mariia Viktoriia Halyna Daryna",
    ),
    male: words("Oleksandr Andrii Serhii Volodymyr Dmytro Mykola Ivan Yurii Taras Bohdan Vitalii Maksym"),
    surnames: surnames(
      "Shevchenko Kovalenko Bondarenko Tkachenko Kravchenko Melnyk Boiko Koval Oliinyk Lysenko Marchenko Rudenko Savchenko Petrenko Hrytsenko Moroz",
    ),
    languages: (rng) => [
      { language: "uk", level: "native" },
      { language: "ru", level: rng.pick<LanguageLevel>(["fluent", "native", "good"]) },
      { language: "de", level: germanLevel(rng, [4, 5, 1, 0]) },
      ...englishOr(rng, 0.6),
      ...maybe(rng, 0.08, "pl", "basic"),
    ],
    locales: [
      ["uk", 3],
      ["de", 2],
    ],
  },
  {
    key: "russian_german",
    native: "ru",
    weight: 4,
    from: "aus Kasachstan",
    female: words("Tatjana Olga Swetlana Natalja Irina Jelena Ljudmila Walentina Viktoria Alina"),
    male: words("Alexander Viktor Sergej Dmitri Andrej Waldemar Eugen Juri Nikolai Artur"),
    surnames: surnames(
      "Wiebe Dyck Friesen Penner Klassen Reimer Janzen Fast Neufeld Wall Iwanow/Iwanowa Petrow/Petrowa Kusnezow/Kusnezowa Smirnow/Smirnowa",
    ),
    languages: (rng) => [
      { language: "ru", level: "native" },
      { language: "de", level: germanLevel(rng, [0, 1, 4, 5]) },
      ...englishOr(rng, 0.3),
    ],
    locales: [["de", 1]],
  },
  {
    key: "polish",
    native: "pl",
    weight: 4,
    from: "aus Polen",
    female: words("Katarzyna Agnieszka Magdalena Joanna Monika Ewa Małgorzata Beata Dorota Marta"),
    male: words("Piotr Krzysztof Tomasz Paweł Marcin Łukasz Michał Grzegorz Jakub Adam"),
    surnames: surnames(
      "Wiśniewski/Wiśniewska Kowalczyk Wójcik Kamiński/Kamińska Lewandowski/Lewandowska Zieliński/Zielińska Szymański/Szymańska Woźniak Dąbrowski/Dąbrowska Mazur Krawczyk",
    ),
    languages: (rng) => [
      { language: "pl", level: "native" },
      { language: "de", level: germanLevel(rng, [0, 3, 5, 2]) },
      ...englishOr(rng, 0.5),
      ...maybe(rng, 0.1, "uk", rng.pick<LanguageLevel>(["basic", "good"])),
    ],
    locales: [["de", 1]],
  },
  {
    key: "afghan",
    native: "prs",
    weight: 2.5,
    from: "aus Afghanistan",
    female: words("Mariam Zahra Fatima Nargis Parwana Shabnam Farzana Hamida Mursal Sahar"),
    male: words("Ahmad Farid Jawad Hamid Mustafa Sayed Rahim Naweed Wahid Ajmal Samiullah"),
    surnames: surnames("Ahmadi Hakimi Rahimi Sultani Noori Hashimi Amiri Wardak Popal Karimi Safi"),
    languages: (rng) => [
      { language: "prs", level: "native" },
      { language: "fa", level: rng.pick<LanguageLevel>(["fluent", "good"]) },
      { language: "de", level: germanLevel(rng, [2, 5, 2, 0]) },
      ...maybe(rng, 0.35, "ps", rng.pick<LanguageLevel>(["good", "fluent", "native"])),
      ...maybe(rng, 0.15, "ur", "basic"),
      ...englishOr(rng, 0.45),
    ],
    locales: [["de", 1]],
  },
  {
    key: "iranian",
    native: "fa",
    weight: 2,
    from: "aus dem Iran",
    female: words("Maryam Shirin Nasrin Leila Parisa Roya Mina Azadeh Niloufar Sara"),
    male: words("Reza Ali Hossein Mehdi Amir Babak Kourosh Dariush Farhad Saeed"),
    surnames: surnames("Hosseini Rezaei Moradi Karimi Jafari Tehrani Sadeghi Rahmani Kazemi Ahmadi"),
    languages: (rng) => [
      { language: "fa", level: "native" },
      { language: "de", level: germanLevel(rng, [0, 3, 5, 1]) },
      ...englishOr(rng, 0.75),
      ...maybe(rng, 0.1, "tr", "basic"),
    ],
    locales: [
      ["de", 4],
      ["en", 1],
    ],
  },
  {
    key: "eritrean",
    native: "ti",
    weight: 1.2,
    from: "aus Eritrea",
    female: words("Senait Helen Mebrat Saba Luwam Yordanos Freweyni Selam Winta"),
    male: words("Yonas Dawit Samuel Filmon Biniam Robel Mussie Amanuel Habtom Teklay"),
    surnames: surnames("Tesfay Gebremedhin Haile Tekle Weldu Ghebremariam Kidane Mehari Berhe Asmerom"),
    languages: (rng) => [
      { language: "ti", level: "native" },
      { language: "de", level: germanLevel(rng, [1, 6, 2, 0]) },
      ...englishOr(rng, 0.6),
      ...maybe(rng, 0.25, "ar", rng.pick<LanguageLevel>(["basic", "good"])),
    ],
    locales: [
      ["de", 2],
      ["en", 1],
    ],
  },
  {
    key: "romanian",
    native: "ro",
    weight: 2,
    from: "aus Rumänien",
    female: words("Ioana Elena Maria Andreea Alexandra Mihaela Cristina"),
    male: words("Andrei Ion Mihai Alexandru Florin Gabriel Adrian"),
    surnames: surnames("Popescu Ionescu Popa Stan Dumitru Constantin Marin Stoica Rusu"),
    languages: (rng) => [
      { language: "ro", level: "native" },
      { language: "de", level: germanLevel(rng, [2, 5, 2, 0]) },
      ...englishOr(rng, 0.4),
      ...maybe(rng, 0.15, "it", rng.pick<LanguageLevel>(["basic", "good"])),
      ...maybe(rng, 0.1, "es", "basic"),
    ],
    locales: [["de", 1]],
  },
  {
    key: "bulgarian",
    native: "bg",
    weight: 2,
    from: "aus Bulgarien",
    female: words("Maria Ivana Desislava Gergana Petya Radka Emine Aysel"),
    male: words("Georgi Dimitar Ivan Nikolay Hristo Stoyan Asen Ahmed"),
    surnames: surnames(
      "Ivanov/Ivanova Georgiev/Georgieva Dimitrov/Dimitrova Petrov/Petrova Nikolov/Nikolova Hristov/Hristova Mehmedov/Mehmedova Aliev/Alieva",
    ),
    languages: (rng) => [
      { language: "bg", level: "native" },
      { language: "de", level: germanLevel(rng, [2, 5, 2, 0]) },
      ...maybe(rng, 0.4, "tr", rng.pick<LanguageLevel>(["good", "fluent", "native"])),
      ...englishOr(rng, 0.3),
    ],
    locales: [["de", 1]],
  },
  {
    key: "albanian",
    native: "sq",
    weight: 1.8,
    from: "aus dem Kosovo",
    female: words("Arta Blerta Drita Vjosa Liridona Albana Fjolla"),
    male: words("Arben Besnik Driton Ilir Fatmir Valon Agon"),
    surnames: surnames("Krasniqi Berisha Gashi Morina Shala Hoxha Bytyqi"),
    languages: (rng) => [
      { language: "sq", level: "native" },
      { language: "de", level: germanLevel(rng, [0, 1, 4, 5]) },
      ...maybe(rng, 0.3, "sr", rng.pick<LanguageLevel>(["basic", "good"])),
      ...englishOr(rng, 0.5),
    ],
    locales: [["de", 1]],
  },
  {
    key: "greek",
    native: "el",
    weight: 1,
    from: "aus Griechenland",
    female: words("Eleni Maria Katerina Dimitra Sofia"),
    male: words("Giorgos Nikos Dimitris Kostas Christos"),
    surnames: surnames(
      "Papadopoulos/Papadopoulou Georgiou Nikolaidis/Nikolaidou Karagiannis/Karagianni Papadakis",
    ),
    languages: (rng) => [
      { language: "el", level: "native" },
      { language: "de", level: germanLevel(rng, [0, 0, 4, 6]) },
      ...englishOr(rng, 0.6),
    ],
    locales: [["de", 1]],
  },
  {
    key: "west_african_anglophone",
    native: "en",
    weight: 1,
    from: "aus Nigeria",
    female: words("Grace Blessing Joy Esther Mercy Chioma"),
    male: words("Emmanuel Samuel David Chinedu Kwame Tunde"),
    surnames: surnames("Okafor Mensah Adeyemi Boateng Owusu Eze Okonkwo"),
    languages: (rng) => [
      { language: "en", level: "native" },
      { language: "de", level: germanLevel(rng, [2, 5, 2, 0]) },
      ...maybe(rng, 0.2, "fr", "good"),
    ],
    locales: [
      ["en", 2],
      ["de", 1],
    ],
  },
  {
    key: "west_african_francophone",
    native: "fr",
    weight: 0.8,
    from: "aus Guinea",
    female: words("Aïssatou Mariama Fatoumata Kadiatou Hawa"),
    male: words("Mamadou Ibrahima Alpha Oumar Ousmane Sekou"),
    surnames: surnames("Diallo Barry Bah Sow Camara Condé Keita"),
    languages: (rng) => [
      { language: "fr", level: "native" },
      { language: "de", level: germanLevel(rng, [2, 5, 2, 0]) },
      ...englishOr(rng, 0.35),
      ...maybe(rng, 0.15, "ar", "basic"),
    ],
    locales: [
      ["de", 2],
      ["en", 1],
    ],
  },
  {
    key: "somali",
    native: "so",
    weight: 0.7,
    from: "aus Somalia",
    female: words("Hodan Amina Faduma Ifrah Sahra"),
    male: words("Abdi Mohamed Abdirahman Ahmed Yusuf"),
    surnames: surnames("Farah Hassan Warsame Abdi Omar Jama Nur"),
    languages: (rng) => [
      { language: "so", level: "native" },
      { language: "de", level: germanLevel(rng, [2, 5, 2, 0]) },
      { language: "ar", level: rng.pick<LanguageLevel>(["basic", "good"]) },
      ...englishOr(rng, 0.6),
    ],
    locales: [
      ["de", 2],
      ["en", 1],
    ],
  },
];

/** German names of languages, for generated text ("Dolmetschen Arabisch – Deutsch"). */
export const LANGUAGE_NAME_DE: Record<Language, string> = {
  de: "Deutsch",
  en: "Englisch",
  ar: "Arabisch",
  uk: "Ukrainisch",
  ru: "Russisch",
  tr: "Türkisch",
  fa: "Farsi",
  prs: "Dari",
  kmr: "Kurmandschi",
  ckb: "Sorani",
  ti: "Tigrinya",
  so: "Somali",
  fr: "Französisch",
  es: "Spanisch",
  pl: "Polnisch",
  ro: "Rumänisch",
  bg: "Bulgarisch",
  sq: "Albanisch",
  ku: "Kurdisch",
  ps: "Paschtu",
  ur: "Urdu",
  it: "Italienisch",
  el: "Griechisch",
  sr: "Serbisch",
};

/** Skills volunteers list on their profile (1–80 characters each). */
export const SKILLS = [
  "Führerschein Klasse B",
  "Eigenes Auto",
  "Erste-Hilfe-Kurs",
  "Übungsleiterlizenz (C-Lizenz)",
  "Juleica (Jugendleiter*innen-Card)",
  "Erfahrung mit Behördenpost",
  "Erfahrung mit Anträgen beim Jobcenter",
  "Nachhilfe Mathematik",
  "Nachhilfe Deutsch",
  "Nachhilfe Englisch",
  "Bewerbungstraining",
  "Lebenslauf schreiben",
  "Kinderbetreuung",
  "Pädagogische Ausbildung",
  "Pflegeerfahrung",
  "Handwerkliches Geschick",
  "Fahrradreparatur",
  "Möbelaufbau",
  "Kochen für Gruppen",
  "Nähen",
  "Gitarre",
  "Chorgesang",
  "Theaterpädagogik",
  "Computerkenntnisse (Office)",
  "Smartphone-Hilfe",
  "Rettungsschwimmabzeichen",
  "Fußballtraining",
  "Yoga",
  "Gebärdensprache (Grundkenntnisse)",
  "Mediation",
  "Steuererklärung",
  "Mietrecht (Grundkenntnisse)",
  "Lastenrad fahren",
  "Transporter fahren",
  "Schulung Sprachmittlung",
  "Trauma-sensible Begleitung (Fortbildung)",
] as const;

/** Short first-person bios; `{nb}` is the home neighbourhood, `{years}` a number, `{from}` the origin. */
export const BIOS_GERMAN = [
  "Ich wohne seit {years} Jahren in {nb} und möchte, dass sich neue Nachbarinnen und Nachbarn hier schnell zu Hause fühlen.",
  "Früher habe ich an einer Grundschule unterrichtet. Jetzt habe ich Zeit und helfe gern bei Hausaufgaben und beim Deutschlernen.",
  "Ich bin im Ruhestand und kenne mich mit Behörden gut aus. Ich begleite gern zu Terminen.",
  "Ich studiere an der Westfälischen Hochschule und möchte nebenbei etwas Sinnvolles tun.",
  "Ich spiele seit meiner Kindheit Fußball im Verein und trainiere gern Kinder und Jugendliche.",
  "Ich habe ein Auto und helfe gern bei Transporten und Umzügen, am liebsten am Wochenende.",
  "Ich arbeite in Teilzeit und habe nachmittags Zeit. Geduld und ein offenes Ohr bringe ich mit.",
  "Ich habe selbst Kinder und weiß, wie wichtig Unterstützung am Anfang ist.",
] as const;

export const BIOS_MIGRANT = [
  "Ich bin vor {years} Jahren {from} nach Gelsenkirchen gekommen und weiß, wie schwer der Anfang ist. Ich helfe gern beim Übersetzen.",
  "Ich lebe seit {years} Jahren in {nb}. Ich kann in meiner Muttersprache erklären, wie Ämter und Schule hier funktionieren.",
  "Meine Familie kommt {from}. Ich bin in Gelsenkirchen aufgewachsen und spreche beide Sprachen.",
  "Mir hat am Anfang auch jemand geholfen. Das möchte ich jetzt zurückgeben.",
  "Ich habe eine Ausbildung gemacht und arbeite jetzt hier. Ich helfe gern bei Bewerbungen und bei der Anerkennung von Abschlüssen.",
] as const;
