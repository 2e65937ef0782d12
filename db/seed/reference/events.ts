import type { UiLocale } from "../../schema/enums";
import type { CategorySlug } from "./categories";

/**
 * Public activities in plain German. `{nb}` in a place is the neighbourhood name. A few templates carry
 * translations entered by people, so the demo shows activities in the visitor's language.
 */

/** A moment relative to the activity: minutes after its start or its end (negative: before). */
export type Edge = readonly ["start" | "end", number];

export interface ShiftTemplate {
  title: string;
  from: Edge;
  to: Edge;
  needed: readonly [number, number];
  requiresCertificate?: boolean;
}

export interface EventTemplate {
  category: CategorySlug;
  title: string;
  description: string;
  places: readonly string[];
  targetGroup: string;
  startMinutes: readonly number[];
  duration: number;
  /** Preferred weekdays (0 = Monday). */
  weekdays: readonly number[];
  /** Share of these activities that repeat weekly. */
  weeklyShare: number;
  participantPlaces: readonly [number, number];
  costCents: readonly number[];
  /** The first shift is the main one (used for every weekly occurrence); the others are optional extras. */
  shifts: readonly ShiftTemplate[];
  translations?: Partial<Record<Exclude<UiLocale, "de">, { title: string; description: string }>>;
}

const h = (hours: number, minutes = 0) => hours * 60 + minutes;

export const ACCESSIBILITY_NOTES = [
  "Barrierefrei: ebenerdiger Zugang und rollstuhlgerechtes WC.",
  "Barrierearm: Aufzug vorhanden, WC nicht rollstuhlgerecht.",
  "Zugang über wenige Stufen, Hilfe beim Tragen ist möglich.",
  "Nicht barrierefrei: Der Raum liegt im ersten Stock ohne Aufzug.",
  "Barrierefrei, Induktionsschleife für Hörgeräte vorhanden.",
  "Draußen auf ebenem Gelände, Sitzmöglichkeiten vorhanden.",
] as const;

export const EVENT_TEMPLATES: readonly EventTemplate[] = [
  {
    category: "sports",
    title: "Offenes Fußballtraining für Kinder und Jugendliche",
    description:
      "Alle können mitmachen, auch ohne Vereinsmitgliedschaft. Bitte Sportschuhe und etwas zu trinken mitbringen. Trainer*innen erklären alles auf Deutsch und mit Händen und Füßen.",
    places: ["Sportplatz {nb}", "Kunstrasenplatz an der Gesamtschule {nb}"],
    targetGroup: "Kinder und Jugendliche von 8 bis 16 Jahren",
    startMinutes: [h(16, 30), h(17)],
    duration: 90,
    weekdays: [1, 3],
    weeklyShare: 0.7,
    participantPlaces: [20, 40],
    costCents: [0],
    shifts: [
      {
        title: "Training anleiten",
        from: ["start", -15],
        to: ["end", 0],
        needed: [2, 4],
        requiresCertificate: true,
      },
      {
        title: "Empfang und Anmeldung neuer Kinder",
        from: ["start", -30],
        to: ["start", 30],
        needed: [1, 2],
      },
      { title: "Material und Trikots ausgeben", from: ["start", -30], to: ["start", 15], needed: [1, 2] },
    ],
    translations: {
      en: {
        title: "Open football training for children and teenagers",
        description:
          "Everyone can join, no club membership needed. Please bring sports shoes and something to drink.",
      },
      uk: {
        title: "Відкрите футбольне тренування для дітей і підлітків",
        description:
          "Долучитися може кожен, членство в клубі не потрібне. Будь ласка, візьміть спортивне взуття і щось попити.",
      },
      ar: {
        title: "تدريب كرة قدم مفتوح للأطفال والشباب",
        description: "يمكن للجميع المشاركة دون عضوية في النادي. يرجى إحضار حذاء رياضي وشيء للشرب.",
      },
      tr: {
        title: "Çocuklar ve gençler için açık futbol antrenmanı",
        description: "Kulüp üyeliği olmadan herkes katılabilir. Lütfen spor ayakkabısı ve içecek getirin.",
      },
    },
  },
  {
    category: "sports",
    title: "Schwimmkurs für Frauen",
    description:
      "Schwimmen lernen in einem geschützten Rahmen: Während des Kurses sind nur Frauen in der Halle, auch die Trainerinnen. Badeanzug oder Burkini sind willkommen.",
    places: ["Hallenbad {nb}", "Lehrschwimmbecken der Grundschule {nb}"],
    targetGroup: "Frauen ab 16 Jahren",
    startMinutes: [h(18), h(19)],
    duration: 60,
    weekdays: [0, 2, 4],
    weeklyShare: 0.8,
    participantPlaces: [8, 14],
    costCents: [0, 500],
    shifts: [
      { title: "Schwimmbegleitung (nur Frauen)", from: ["start", -15], to: ["end", 0], needed: [1, 3] },
      {
        title: "Kinderbetreuung im Nebenraum",
        from: ["start", -15],
        to: ["end", 15],
        needed: [1, 2],
        requiresCertificate: true,
      },
    ],
  },
  {
    category: "sports",
    title: "Lauftreff am Rhein-Herne-Kanal",
    description:
      "Gemeinsam laufen oder walken, in zwei Tempogruppen. Treffpunkt ist die Brücke am Kanal. Anfänger*innen sind ausdrücklich willkommen.",
    places: ["Treffpunkt Kanalbrücke {nb}", "Parkplatz am Nordsternpark"],
    targetGroup: "Erwachsene, alle Fitnessstufen",
    startMinutes: [h(9), h(10)],
    duration: 75,
    weekdays: [5, 6],
    weeklyShare: 0.6,
    participantPlaces: [0, 0],
    costCents: [0],
    shifts: [{ title: "Laufgruppe begleiten", from: ["start", -10], to: ["end", 0], needed: [2, 3] }],
  },
  {
    category: "sports",
    title: "Sportfest im Stadtteil",
    description:
      "Ein Nachmittag mit Fußball, Staffellauf, Tischtennis und Kinderspielen. Alle Vereine aus dem Stadtteil stellen sich vor. Für Essen und Getränke ist gesorgt.",
    places: ["Sportplatz {nb}", "Schulhof der Gesamtschule {nb}"],
    targetGroup: "Familien und alle Interessierten",
    startMinutes: [h(13), h(14)],
    duration: 240,
    weekdays: [5],
    weeklyShare: 0,
    participantPlaces: [100, 250],
    costCents: [0],
    shifts: [
      { title: "Aufbau", from: ["start", -120], to: ["start", 0], needed: [4, 10] },
      { title: "Stationen betreuen", from: ["start", 0], to: ["end", 0], needed: [6, 16] },
      { title: "Essens- und Getränkestand", from: ["start", 0], to: ["end", 0], needed: [3, 6] },
      { title: "Abbau", from: ["end", 0], to: ["end", 60], needed: [4, 8] },
    ],
  },
  {
    category: "sports",
    title: "Boxtraining für Jugendliche",
    description:
      "Technik, Kondition und Fairness: Boxen ohne Sparring für Einsteiger*innen. Handschuhe werden gestellt.",
    places: ["Boxhalle {nb}", "Turnhalle {nb}"],
    targetGroup: "Jugendliche von 12 bis 18 Jahren",
    startMinutes: [h(17, 30)],
    duration: 90,
    weekdays: [0, 3],
    weeklyShare: 0.8,
    participantPlaces: [12, 20],
    costCents: [0],
    shifts: [
      {
        title: "Trainingsassistenz",
        from: ["start", -15],
        to: ["end", 0],
        needed: [1, 2],
        requiresCertificate: true,
      },
    ],
  },
  {
    category: "language_support",
    title: "Sprachcafé – Deutsch im Gespräch",
    description:
      "Bei Kaffee und Tee sprechen wir Deutsch über Alltagsthemen. Alle Sprachniveaus sind willkommen. Die Teilnahme ist kostenlos und ohne Anmeldung.",
    places: ["Stadtteilzentrum {nb}", "Gemeindehaus {nb}", "Stadtteilbibliothek {nb}"],
    targetGroup: "Erwachsene, die Deutsch lernen",
    startMinutes: [h(10), h(15), h(17)],
    duration: 120,
    weekdays: [1, 2, 3],
    weeklyShare: 0.85,
    participantPlaces: [15, 30],
    costCents: [0],
    shifts: [
      { title: "Gesprächsrunde leiten", from: ["start", -15], to: ["end", 0], needed: [2, 5] },
      { title: "Empfang, Kaffee und Tee", from: ["start", -30], to: ["end", 15], needed: [1, 2] },
    ],
    translations: {
      en: {
        title: "Language café – speaking German together",
        description:
          "Over coffee and tea we talk in German about everyday topics. All levels welcome. Free, no registration.",
      },
      uk: {
        title: "Мовне кафе – розмовляємо німецькою",
        description:
          "За кавою та чаєм розмовляємо німецькою на побутові теми. Запрошуємо всіх, незалежно від рівня. Безкоштовно, без реєстрації.",
      },
      ar: {
        title: "مقهى اللغة – نتحدث الألمانية معًا",
        description:
          "نتحدث بالألمانية عن مواضيع الحياة اليومية مع القهوة والشاي. جميع المستويات مرحب بها. مجاني وبدون تسجيل.",
      },
      tr: {
        title: "Dil kafesi – birlikte Almanca konuşuyoruz",
        description:
          "Çay ve kahve eşliğinde günlük konular hakkında Almanca konuşuyoruz. Her seviye davetlidir. Ücretsiz, kayıt gerekmez.",
      },
    },
  },
  {
    category: "language_support",
    title: "Deutsch-Lerngruppe für Mütter",
    description:
      "Kleine Lerngruppe am Vormittag. Die Kinder werden im Nebenraum betreut. Material wird gestellt.",
    places: ["Familienzentrum {nb}", "Stadtteilzentrum {nb}"],
    targetGroup: "Mütter mit kleinen Kindern",
    startMinutes: [h(9), h(9, 30)],
    duration: 120,
    weekdays: [0, 2, 4],
    weeklyShare: 0.9,
    participantPlaces: [8, 12],
    costCents: [0],
    shifts: [
      { title: "Lerngruppe begleiten", from: ["start", -10], to: ["end", 0], needed: [1, 2] },
      {
        title: "Kinderbetreuung",
        from: ["start", -10],
        to: ["end", 10],
        needed: [2, 3],
        requiresCertificate: true,
      },
    ],
  },
  {
    category: "homework_help",
    title: "Hausaufgabenhilfe im Stadtteilzentrum",
    description:
      "Schüler*innen aller Schulformen bekommen Hilfe bei den Hausaufgaben. Es gibt einen kleinen Snack.",
    places: ["Stadtteilzentrum {nb}", "Jugendzentrum {nb}", "Stadtteilbibliothek {nb}"],
    targetGroup: "Schüler*innen der Klassen 1 bis 10",
    startMinutes: [h(14, 30), h(15)],
    duration: 120,
    weekdays: [0, 1, 2, 3],
    weeklyShare: 0.9,
    participantPlaces: [10, 25],
    costCents: [0],
    shifts: [
      {
        title: "Hausaufgaben betreuen",
        from: ["start", 0],
        to: ["end", 0],
        needed: [2, 5],
        requiresCertificate: true,
      },
    ],
    translations: {
      en: {
        title: "Homework help at the community centre",
        description: "Pupils from all types of school get help with their homework. There is a small snack.",
      },
      uk: {
        title: "Допомога з домашніми завданнями в районному центрі",
        description: "Учні всіх типів шкіл отримують допомогу з домашніми завданнями. Є невеликий перекус.",
      },
      ar: {
        title: "مساعدة في الواجبات المدرسية في مركز الحي",
        description: "يحصل التلاميذ من جميع أنواع المدارس على مساعدة في واجباتهم. هناك وجبة خفيفة.",
      },
      tr: {
        title: "Semt merkezinde ödev yardımı",
        description: "Her okul türünden öğrenciler ödevlerinde yardım alır. Küçük bir atıştırmalık da var.",
      },
    },
  },
  {
    category: "childcare",
    title: "Spielgruppe für Eltern und Kleinkinder",
    description:
      "Spielen, Singen und Austausch für Eltern mit Kindern bis drei Jahre. Kaffee und Tee gibt es kostenlos.",
    places: ["Familienzentrum {nb}", "Gemeindehaus {nb}"],
    targetGroup: "Eltern mit Kindern von 0 bis 3 Jahren",
    startMinutes: [h(9, 30), h(10)],
    duration: 90,
    weekdays: [1, 3],
    weeklyShare: 0.9,
    participantPlaces: [10, 16],
    costCents: [0],
    shifts: [
      {
        title: "Spielgruppe begleiten",
        from: ["start", -15],
        to: ["end", 15],
        needed: [1, 3],
        requiresCertificate: true,
      },
    ],
  },
  {
    category: "arts_culture",
    title: "Interkulturelles Kochen",
    description:
      "Wir kochen gemeinsam Gerichte aus verschiedenen Ländern und essen zusammen. Jede*r kann ein Rezept mitbringen. Die Zutaten werden gestellt.",
    places: ["Lehrküche im Stadtteilzentrum {nb}", "Gemeindehaus {nb}"],
    targetGroup: "Alle Interessierten",
    startMinutes: [h(17), h(18)],
    duration: 180,
    weekdays: [4, 5],
    weeklyShare: 0.2,
    participantPlaces: [12, 20],
    costCents: [0, 300],
    shifts: [
      { title: "Einkauf und Vorbereitung", from: ["start", -120], to: ["start", 0], needed: [1, 2] },
      { title: "Kochen anleiten", from: ["start", 0], to: ["end", 0], needed: [2, 3] },
      { title: "Aufräumen und Spülen", from: ["end", -30], to: ["end", 30], needed: [2, 3] },
    ],
  },
  {
    category: "arts_culture",
    title: "Musik ohne Grenzen – offene Session",
    description:
      "Wer ein Instrument spielt oder gern singt, ist willkommen. Instrumente zum Ausleihen sind da.",
    places: ["Kulturraum {nb}", "Jugendzentrum {nb}"],
    targetGroup: "Jugendliche und Erwachsene",
    startMinutes: [h(18, 30)],
    duration: 150,
    weekdays: [2, 4],
    weeklyShare: 0.5,
    participantPlaces: [10, 30],
    costCents: [0],
    shifts: [
      { title: "Technik und Aufbau", from: ["start", -45], to: ["start", 30], needed: [1, 2] },
      { title: "Session moderieren", from: ["start", 0], to: ["end", 0], needed: [1, 2] },
    ],
  },
  {
    category: "arts_culture",
    title: "Stadtteilfest der Kulturen",
    description:
      "Musik, Tanz und Essen aus vielen Ländern auf dem Marktplatz. Vereine und Initiativen stellen sich vor. Der Eintritt ist frei.",
    places: ["Marktplatz {nb}", "Platz vor dem Bürgerhaus {nb}"],
    targetGroup: "Alle Nachbarinnen und Nachbarn",
    startMinutes: [h(12), h(14)],
    duration: 300,
    weekdays: [5, 6],
    weeklyShare: 0,
    participantPlaces: [0, 0],
    costCents: [0],
    shifts: [
      { title: "Aufbau der Stände", from: ["start", -180], to: ["start", 0], needed: [6, 15] },
      { title: "Infostand und Wegweiser", from: ["start", 0], to: ["end", 0], needed: [3, 6] },
      {
        title: "Kinderprogramm",
        from: ["start", 60],
        to: ["end", -60],
        needed: [3, 6],
        requiresCertificate: true,
      },
      { title: "Abbau", from: ["end", 0], to: ["end", 90], needed: [6, 12] },
    ],
  },
  {
    category: "arts_culture",
    title: "Malen und Zeichnen für Kinder",
    description:
      "Mit Farben, Kreide und Papier: Kinder malen, was sie erlebt haben oder sich wünschen. Material ist da.",
    places: ["Kunstwerkstatt {nb}", "Stadtteilbibliothek {nb}"],
    targetGroup: "Kinder von 6 bis 12 Jahren",
    startMinutes: [h(15)],
    duration: 90,
    weekdays: [2],
    weeklyShare: 0.7,
    participantPlaces: [10, 15],
    costCents: [0],
    shifts: [
      {
        title: "Kinder anleiten",
        from: ["start", -15],
        to: ["end", 15],
        needed: [1, 3],
        requiresCertificate: true,
      },
    ],
  },
  {
    category: "everyday_help",
    title: "Offene Sprechstunde: Briefe und Formulare",
    description:
      "Ehrenamtliche helfen beim Lesen von Briefen und beim Ausfüllen von Formularen. Bitte die Unterlagen mitbringen. Ohne Termin.",
    places: ["Stadtteilbüro {nb}", "Migrationsberatung {nb}"],
    targetGroup: "Erwachsene mit Fragen zu Behördenpost",
    startMinutes: [h(10), h(14)],
    duration: 180,
    weekdays: [1, 3],
    weeklyShare: 0.9,
    participantPlaces: [0, 0],
    costCents: [0],
    shifts: [{ title: "Beratung am Tisch", from: ["start", 0], to: ["end", 0], needed: [2, 4] }],
  },
  {
    category: "everyday_help",
    title: "Smartphone-Sprechstunde",
    description:
      "Apps für Bus und Bahn, Termine online buchen, sichere Passwörter: Wir helfen Schritt für Schritt am eigenen Handy.",
    places: ["Stadtteilbibliothek {nb}", "Mehrgenerationenhaus {nb}"],
    targetGroup: "Erwachsene und Senior*innen",
    startMinutes: [h(15), h(16)],
    duration: 120,
    weekdays: [2],
    weeklyShare: 0.6,
    participantPlaces: [6, 12],
    costCents: [0],
    shifts: [{ title: "Einzelhilfe am Handy", from: ["start", 0], to: ["end", 0], needed: [2, 3] }],
  },
  {
    category: "donations_logistics",
    title: "Kleiderkammer: Ausgabe",
    description: "Kostenlose Kleidung für Kinder und Erwachsene. Bitte eine eigene Tasche mitbringen.",
    places: ["Kleiderkammer im Gemeindehaus {nb}", "Lager der Nachbarschaftshilfe {nb}"],
    targetGroup: "Alle, die Kleidung brauchen",
    startMinutes: [h(10), h(15)],
    duration: 180,
    weekdays: [1, 4],
    weeklyShare: 0.9,
    participantPlaces: [0, 0],
    costCents: [0],
    shifts: [
      { title: "Kleidung ausgeben", from: ["start", 0], to: ["end", 0], needed: [2, 4] },
      { title: "Spenden sortieren", from: ["start", -90], to: ["start", 0], needed: [2, 3] },
    ],
    translations: {
      en: {
        title: "Clothes store: free clothes",
        description: "Free clothing for children and adults. Please bring your own bag.",
      },
      uk: {
        title: "Пункт видачі одягу",
        description: "Безкоштовний одяг для дітей і дорослих. Будь ласка, візьміть власну сумку.",
      },
      ar: {
        title: "مخزن الملابس: توزيع",
        description: "ملابس مجانية للأطفال والكبار. يرجى إحضار حقيبة خاصة بكم.",
      },
      tr: {
        title: "Giysi deposu: dağıtım",
        description: "Çocuklar ve yetişkinler için ücretsiz giysi. Lütfen kendi çantanızı getirin.",
      },
    },
  },
  {
    category: "donations_logistics",
    title: "Fahrradwerkstatt: Räder für Neuankömmlinge",
    description:
      "Gespendete Fahrräder werden gemeinsam repariert und verschenkt. Werkzeug ist vorhanden, Vorkenntnisse nicht nötig.",
    places: ["Fahrradwerkstatt {nb}", "Hinterhof des Stadtteilzentrums {nb}"],
    targetGroup: "Erwachsene und Jugendliche",
    startMinutes: [h(10), h(14)],
    duration: 180,
    weekdays: [5],
    weeklyShare: 0.7,
    participantPlaces: [0, 10],
    costCents: [0],
    shifts: [{ title: "Schrauben und erklären", from: ["start", 0], to: ["end", 0], needed: [2, 4] }],
  },
  {
    category: "donations_logistics",
    title: "Möbelbörse: Abholtag",
    description:
      "Gespendete Möbel werden an Familien in der ersten eigenen Wohnung ausgegeben. Transporte nach Absprache.",
    places: ["Lager der Möbelbörse {nb}"],
    targetGroup: "Familien in der ersten eigenen Wohnung",
    startMinutes: [h(9)],
    duration: 240,
    weekdays: [5],
    weeklyShare: 0.3,
    participantPlaces: [0, 0],
    costCents: [0],
    shifts: [
      { title: "Tragen und Verladen", from: ["start", 0], to: ["end", 0], needed: [3, 6] },
      { title: "Transporter fahren", from: ["start", 0], to: ["end", 0], needed: [1, 2] },
    ],
  },
  {
    category: "youth_leisure",
    title: "Jugendtreff: Kicker, Musik, Gespräche",
    description:
      "Offener Treff für Jugendliche. Es gibt Kicker, Playstation, Musik und ein offenes Ohr. Eintritt frei.",
    places: ["Jugendzentrum {nb}", "Jugendraum im Gemeindehaus {nb}"],
    targetGroup: "Jugendliche von 12 bis 18 Jahren",
    startMinutes: [h(16), h(17)],
    duration: 180,
    weekdays: [2, 4],
    weeklyShare: 0.8,
    participantPlaces: [0, 40],
    costCents: [0],
    shifts: [
      {
        title: "Treff betreuen",
        from: ["start", 0],
        to: ["end", 0],
        needed: [2, 3],
        requiresCertificate: true,
      },
    ],
  },
  {
    category: "youth_leisure",
    title: "Ausflug in die ZOOM Erlebniswelt",
    description:
      "Gemeinsamer Ausflug in den Zoo. Treffpunkt am Stadtteilzentrum, wir fahren mit Bus und Bahn. Eintritt wird übernommen.",
    places: ["Treffpunkt Stadtteilzentrum {nb}"],
    targetGroup: "Kinder von 6 bis 12 Jahren mit Eltern",
    startMinutes: [h(10)],
    duration: 300,
    weekdays: [5, 6],
    weeklyShare: 0,
    participantPlaces: [15, 30],
    costCents: [0, 200],
    shifts: [
      {
        title: "Gruppe begleiten",
        from: ["start", 0],
        to: ["end", 0],
        needed: [3, 6],
        requiresCertificate: true,
      },
    ],
  },
  {
    category: "womens_groups",
    title: "Frauenfrühstück",
    description:
      "Ein Frühstück nur für Frauen, mit Zeit für Gespräche und einem Thema pro Treffen, zum Beispiel Gesundheit oder Arbeit. Kinder werden nebenan betreut.",
    places: ["Familienzentrum {nb}", "Frauenraum im Stadtteilzentrum {nb}"],
    targetGroup: "Frauen",
    startMinutes: [h(9, 30)],
    duration: 150,
    weekdays: [2, 4],
    weeklyShare: 0.7,
    participantPlaces: [12, 25],
    costCents: [0],
    shifts: [
      { title: "Frühstück vorbereiten (Frauen)", from: ["start", -60], to: ["start", 60], needed: [1, 3] },
      {
        title: "Kinderbetreuung nebenan",
        from: ["start", 0],
        to: ["end", 0],
        needed: [1, 2],
        requiresCertificate: true,
      },
    ],
    translations: {
      en: {
        title: "Women's breakfast",
        description:
          "A breakfast for women only, with time to talk and one topic per meeting. Childcare next door.",
      },
      uk: {
        title: "Жіночий сніданок",
        description:
          "Сніданок лише для жінок: час для розмов і одна тема на кожній зустрічі. Поруч доглядають за дітьми.",
      },
      ar: {
        title: "فطور للنساء",
        description: "فطور للنساء فقط، مع وقت للحديث وموضوع في كل لقاء. رعاية الأطفال في الغرفة المجاورة.",
      },
      tr: {
        title: "Kadın kahvaltısı",
        description:
          "Sadece kadınlar için kahvaltı: sohbet ve her buluşmada bir konu. Yan odada çocuk bakımı var.",
      },
    },
  },
  {
    category: "womens_groups",
    title: "Nähtreff für Frauen",
    description: "Nähen, flicken, Neues lernen. Nähmaschinen sind vorhanden. Wer mag, bringt Stoff mit.",
    places: ["Nähstube im Stadtteilzentrum {nb}", "Gemeindehaus {nb}"],
    targetGroup: "Frauen",
    startMinutes: [h(10), h(15)],
    duration: 120,
    weekdays: [0, 3],
    weeklyShare: 0.8,
    participantPlaces: [6, 10],
    costCents: [0],
    shifts: [{ title: "Nähen anleiten", from: ["start", 0], to: ["end", 0], needed: [1, 2] }],
  },
  {
    category: "work_recognition",
    title: "Infoabend: Anerkennung ausländischer Abschlüsse",
    description:
      "Welche Stelle ist zuständig? Welche Unterlagen brauche ich? Was kostet das? Fachleute erklären den Weg, danach ist Zeit für Einzelfragen.",
    places: ["Bürgerhaus {nb}", "Stadtteilbüro {nb}"],
    targetGroup: "Erwachsene mit einem Abschluss aus dem Ausland",
    startMinutes: [h(18)],
    duration: 120,
    weekdays: [1, 2, 3],
    weeklyShare: 0,
    participantPlaces: [20, 40],
    costCents: [0],
    shifts: [
      { title: "Sprachmittlung in Kleingruppen", from: ["start", 0], to: ["end", 0], needed: [2, 4] },
      { title: "Einlass und Anmeldung", from: ["start", -30], to: ["start", 30], needed: [1, 2] },
    ],
  },
  {
    category: "work_recognition",
    title: "Bewerbungswerkstatt",
    description:
      "Lebenslauf am Computer schreiben, Anschreiben üben, Bewerbungsfotos machen. Bitte Zeugnisse mitbringen, falls vorhanden.",
    places: ["Stadtteilbibliothek {nb}", "Bildungsberatung {nb}"],
    targetGroup: "Erwachsene auf Arbeitssuche",
    startMinutes: [h(16), h(17)],
    duration: 150,
    weekdays: [1, 3],
    weeklyShare: 0.5,
    participantPlaces: [8, 12],
    costCents: [0],
    shifts: [{ title: "Unterlagen erstellen helfen", from: ["start", 0], to: ["end", 0], needed: [2, 4] }],
  },
  {
    category: "housing_search",
    title: "Sprechstunde Wohnungssuche",
    description:
      "Hilfe bei Wohnungsanzeigen, beim Wohnberechtigungsschein und bei Anfragen an Vermieter*innen.",
    places: ["Stadtteilbüro {nb}", "Nachbarschaftshaus {nb}"],
    targetGroup: "Familien und Einzelpersonen auf Wohnungssuche",
    startMinutes: [h(14)],
    duration: 120,
    weekdays: [2],
    weeklyShare: 0.8,
    participantPlaces: [0, 0],
    costCents: [0],
    shifts: [
      { title: "Beratung und Anfragen schreiben", from: ["start", 0], to: ["end", 0], needed: [1, 3] },
    ],
  },
  {
    category: "interpreting",
    title: "Schulung für neue Sprachmittler*innen",
    description:
      "Grundlagen der Sprachmittlung: Rolle, Vertraulichkeit, Umgang mit schwierigen Gesprächen. Mit Teilnahmebescheinigung.",
    places: ["Bürgerhaus {nb}", "Stadtteilzentrum {nb}"],
    targetGroup: "Mehrsprachige Ehrenamtliche",
    startMinutes: [h(10)],
    duration: 360,
    weekdays: [5],
    weeklyShare: 0,
    participantPlaces: [12, 20],
    costCents: [0],
    shifts: [
      { title: "Organisation und Verpflegung", from: ["start", -30], to: ["end", 0], needed: [1, 2] },
      { title: "Rollenspiele begleiten", from: ["end", -180], to: ["end", 0], needed: [2, 4] },
    ],
  },
  {
    category: "accompaniment",
    title: "Infotreffen für neue Begleiter*innen",
    description:
      "Wie begleite ich zu Ämtern und Ärzt*innen? Erfahrene Ehrenamtliche und die Koordination erzählen aus der Praxis.",
    places: ["Stadtteilbüro {nb}", "Gemeindehaus {nb}"],
    targetGroup: "Ehrenamtliche und Interessierte",
    startMinutes: [h(18)],
    duration: 90,
    weekdays: [1, 2],
    weeklyShare: 0,
    participantPlaces: [15, 30],
    costCents: [0],
    shifts: [{ title: "Empfang und Getränke", from: ["start", -30], to: ["start", 30], needed: [1, 2] }],
  },
];
