/**
 * The default first steps of a town in North Rhine-Westphalia, in plain language in the five UI
 * languages. An admin installs them with one click (`/admin/first-steps`) and adapts them; the demo and
 * city seeds install the same set. Lead times follow what the law or the offices expect (registration
 * within two weeks, school from the first days, Kita and doctors in the first weeks) and what helps a
 * household to arrive. Pure data.
 */
import type { AgeGroup, Language, UiLocale } from "@db/schema/enums";

export interface DefaultTemplate {
  /** Stable name of the step, so an installation can tell which defaults it has already. */
  key: string;
  categorySlug: string;
  leadDays: number;
  startMinute: number;
  durationMinutes: number;
  perPerson: boolean;
  ageGroups: AgeGroup[];
  requiresCertificate: boolean;
  usesHouseholdLanguages: boolean;
  languages: Language[];
  defaultSelected: boolean;
  texts: Record<UiLocale, { title: string; description: string }>;
}

const H = 60;
const CHILDREN: AgeGroup[] = ["0_2", "3_5", "6_17"];
const ADULTS: AgeGroup[] = ["18_64", "65_plus"];

export const DEFAULT_TEMPLATES: readonly DefaultTemplate[] = [
  {
    key: "welcome",
    categorySlug: "everyday_help",
    leadDays: 2,
    startMinute: 15 * H,
    durationMinutes: 120,
    perPerson: false,
    ageGroups: [],
    requiresCertificate: false,
    usesHouseholdLanguages: true,
    languages: [],
    defaultSelected: true,
    texts: {
      de: {
        title: "Ankommen im Quartier",
        description:
          "Ein erster Besuch in den ersten Tagen. Sie zeigen der Familie den Weg zum Einkaufen, zur Haltestelle und zum Stadtteilbüro. Sie erklären, wie der Müll getrennt wird.",
      },
      en: {
        title: "Getting to know the neighbourhood",
        description:
          "A first visit in the first days. You show the household the way to the shops, to the bus stop and to the neighbourhood office. You explain how waste is sorted.",
      },
      uk: {
        title: "Знайомство з районом",
        description:
          "Перший візит у перші дні. Ви показуєте родині дорогу до магазинів, до зупинки та до районного офісу. Ви пояснюєте, як сортувати сміття.",
      },
      ar: {
        title: "التعرّف على الحي",
        description:
          "زيارة أولى في الأيام الأولى. تُري العائلة الطريق إلى المحلات وإلى موقف الحافلات وإلى مكتب الحي. وتشرح كيف تُفرز النفايات.",
      },
      tr: {
        title: "Mahalleyi tanımak",
        description:
          "İlk günlerde ilk ziyaret. Aileye alışverişe, durağa ve mahalle bürosuna giden yolu gösterirsiniz. Çöplerin nasıl ayrıldığını anlatırsınız.",
      },
    },
  },
  {
    key: "registration",
    categorySlug: "accompaniment",
    leadDays: 7,
    startMinute: 9 * H,
    durationMinutes: 120,
    perPerson: false,
    ageGroups: [],
    requiresCertificate: false,
    usesHouseholdLanguages: true,
    languages: [],
    defaultSelected: true,
    texts: {
      de: {
        title: "Anmeldung im Bürgerbüro",
        description:
          "Die Familie meldet ihre Wohnung an. Das muss in den ersten zwei Wochen geschehen. Sie begleiten die Familie zum Bürgerbüro und helfen beim Formular.",
      },
      en: {
        title: "Registration at the citizens' office",
        description:
          "The household registers its home. This must happen within the first two weeks. You go with them to the citizens' office (Bürgerbüro) and help with the form.",
      },
      uk: {
        title: "Реєстрація в бюро громадян",
        description:
          "Родина реєструє своє житло. Це треба зробити протягом перших двох тижнів. Ви супроводжуєте родину до бюро громадян (Bürgerbüro) і допомагаєте з формуляром.",
      },
      ar: {
        title: "تسجيل السكن في مكتب المواطنين",
        description:
          "تسجّل العائلة مسكنها. يجب أن يتم ذلك خلال الأسبوعين الأولين. ترافق العائلة إلى مكتب المواطنين (Bürgerbüro) وتساعد في ملء الاستمارة.",
      },
      tr: {
        title: "Vatandaş bürosunda adres kaydı",
        description:
          "Aile evini kaydettirir. Bu ilk iki hafta içinde yapılmalıdır. Aileye vatandaş bürosuna (Bürgerbüro) kadar eşlik eder ve formu doldurmaya yardım edersiniz.",
      },
    },
  },
  {
    key: "benefits",
    categorySlug: "accompaniment",
    leadDays: 10,
    startMinute: 10 * H,
    durationMinutes: 120,
    perPerson: false,
    ageGroups: ADULTS,
    requiresCertificate: false,
    usesHouseholdLanguages: true,
    languages: [],
    defaultSelected: true,
    texts: {
      de: {
        title: "Termin beim Jobcenter oder Sozialamt",
        description:
          "Die Familie beantragt Geld zum Leben. Sie begleiten zum Termin beim Jobcenter oder beim Sozialamt. Sie helfen, die Papiere vorher zu sortieren.",
      },
      en: {
        title: "Appointment at the Jobcenter or social welfare office",
        description:
          "The household applies for money to live on. You go with them to the appointment at the Jobcenter or the social welfare office. You help to sort the papers beforehand.",
      },
      uk: {
        title: "Зустріч у Jobcenter або соціальному відомстві",
        description:
          "Родина подає заяву на гроші для життя. Ви супроводжуєте на зустріч у Jobcenter або соціальному відомстві. Ви допомагаєте заздалегідь упорядкувати документи.",
      },
      ar: {
        title: "موعد في مركز العمل أو مكتب الشؤون الاجتماعية",
        description:
          "تقدّم العائلة طلباً للحصول على مال للمعيشة. ترافقها إلى الموعد في مركز العمل (Jobcenter) أو مكتب الشؤون الاجتماعية. وتساعد في ترتيب الأوراق قبل الموعد.",
      },
      tr: {
        title: "Jobcenter veya sosyal yardım dairesinde randevu",
        description:
          "Aile geçim için para başvurusu yapar. Jobcenter veya sosyal yardım dairesindeki randevuya eşlik edersiniz. Belgeleri önceden düzenlemeye yardım edersiniz.",
      },
    },
  },
  {
    key: "school",
    categorySlug: "accompaniment",
    leadDays: 14,
    startMinute: 9 * H,
    durationMinutes: 90,
    perPerson: true,
    ageGroups: ["6_17"],
    requiresCertificate: true,
    usesHouseholdLanguages: true,
    languages: [],
    defaultSelected: true,
    texts: {
      de: {
        title: "Schulanmeldung",
        description:
          "Jedes Kind von 6 bis 17 Jahren geht in Deutschland zur Schule. Sie begleiten die Familie zur Anmeldung beim Schulamt oder beim Kommunalen Integrationszentrum.",
      },
      en: {
        title: "School enrolment",
        description:
          "Every child from 6 to 17 goes to school in Germany. You go with the family to enrol the child at the school office or the municipal integration centre.",
      },
      uk: {
        title: "Запис до школи",
        description:
          "Кожна дитина від 6 до 17 років у Німеччині ходить до школи. Ви супроводжуєте родину для запису дитини до шкільного відомства або комунального центру інтеграції.",
      },
      ar: {
        title: "تسجيل الطفل في المدرسة",
        description:
          "يذهب كل طفل من 6 إلى 17 سنة إلى المدرسة في ألمانيا. ترافق العائلة لتسجيل الطفل في مكتب المدارس أو في مركز الاندماج البلدي.",
      },
      tr: {
        title: "Okul kaydı",
        description:
          "Almanya'da 6 ile 17 yaş arasındaki her çocuk okula gider. Çocuğun kaydı için aileye okul dairesine veya belediye uyum merkezine kadar eşlik edersiniz.",
      },
    },
  },
  {
    key: "kita",
    categorySlug: "childcare",
    leadDays: 30,
    startMinute: 10 * H,
    durationMinutes: 90,
    perPerson: true,
    ageGroups: ["0_2", "3_5"],
    requiresCertificate: true,
    usesHouseholdLanguages: true,
    languages: ["de"],
    defaultSelected: true,
    texts: {
      de: {
        title: "Kita-Platz suchen",
        description:
          "Kinder unter 6 Jahren haben ein Recht auf einen Platz in der Kita oder bei einer Tagesmutter. Sie helfen der Familie, sich im Kita-Navigator anzumelden und eine Kita in der Nähe anzusehen.",
      },
      en: {
        title: "Finding a Kita place",
        description:
          "Children under 6 have a right to a place in a Kita (day care) or with a childminder. You help the family to register in the Kita-Navigator and to visit a Kita nearby.",
      },
      uk: {
        title: "Пошук місця в дитсадку",
        description:
          "Діти до 6 років мають право на місце в дитсадку (Kita) або в денної няні. Ви допомагаєте родині зареєструватися в Kita-Navigator і відвідати дитсадок поблизу.",
      },
      ar: {
        title: "البحث عن مكان في روضة الأطفال",
        description:
          "للأطفال دون 6 سنوات حق في مكان في روضة الأطفال (Kita) أو عند مربية نهارية. تساعد العائلة على التسجيل في Kita-Navigator وزيارة روضة قريبة.",
      },
      tr: {
        title: "Kreş yeri aramak",
        description:
          "6 yaşından küçük çocukların kreşte (Kita) veya bir gündüz bakıcısında yer hakkı vardır. Aileye Kita-Navigator'a kaydolmasında ve yakındaki bir kreşi görmesinde yardım edersiniz.",
      },
    },
  },
  {
    key: "paediatrician",
    categorySlug: "accompaniment",
    leadDays: 21,
    startMinute: 9 * H,
    durationMinutes: 120,
    perPerson: false,
    ageGroups: CHILDREN,
    requiresCertificate: true,
    usesHouseholdLanguages: true,
    languages: [],
    defaultSelected: true,
    texts: {
      de: {
        title: "Kinderarztpraxis finden",
        description:
          "Die Kinder brauchen eine feste Kinderarztpraxis. Sie helfen, eine Praxis in der Nähe zu finden, und begleiten zum ersten Termin. Was dort besprochen wird, bleibt bei der Familie.",
      },
      en: {
        title: "Finding a paediatrician",
        description:
          "The children need a regular paediatric practice. You help to find one nearby and go along to the first appointment. What is said there stays with the family.",
      },
      uk: {
        title: "Знайти дитячого лікаря",
        description:
          "Дітям потрібна постійна дитяча лікарська практика. Ви допомагаєте знайти практику поблизу і супроводжуєте на перший прийом. Те, що там обговорюють, залишається в родині.",
      },
      ar: {
        title: "إيجاد طبيب أطفال",
        description:
          "يحتاج الأطفال إلى عيادة أطفال ثابتة. تساعد في إيجاد عيادة قريبة وترافق إلى الموعد الأول. ما يُقال هناك يبقى عند العائلة.",
      },
      tr: {
        title: "Çocuk doktoru bulmak",
        description:
          "Çocukların düzenli gittiği bir çocuk doktoru muayenehanesine ihtiyacı var. Yakında bir muayenehane bulmaya yardım eder ve ilk randevuya eşlik edersiniz. Orada konuşulanlar ailede kalır.",
      },
    },
  },
  {
    key: "family_doctor",
    categorySlug: "accompaniment",
    leadDays: 21,
    startMinute: 10 * H,
    durationMinutes: 120,
    perPerson: false,
    ageGroups: ADULTS,
    requiresCertificate: false,
    usesHouseholdLanguages: true,
    languages: [],
    defaultSelected: true,
    texts: {
      de: {
        title: "Hausarztpraxis finden",
        description:
          "Die Erwachsenen brauchen eine Hausarztpraxis. Sie helfen, eine Praxis in der Nähe zu finden, die neue Patientinnen und Patienten nimmt, und begleiten zum ersten Termin.",
      },
      en: {
        title: "Finding a family doctor",
        description:
          "The adults need a family doctor. You help to find a practice nearby that takes new patients, and go along to the first appointment.",
      },
      uk: {
        title: "Знайти сімейного лікаря",
        description:
          "Дорослим потрібен сімейний лікар. Ви допомагаєте знайти практику поблизу, яка приймає нових пацієнтів, і супроводжуєте на перший прийом.",
      },
      ar: {
        title: "إيجاد طبيب عائلة",
        description:
          "يحتاج البالغون إلى طبيب عائلة. تساعد في إيجاد عيادة قريبة تقبل مرضى جدداً، وترافق إلى الموعد الأول.",
      },
      tr: {
        title: "Aile hekimi bulmak",
        description:
          "Yetişkinlerin bir aile hekimine ihtiyacı var. Yeni hasta kabul eden yakın bir muayenehane bulmaya yardım eder ve ilk randevuya eşlik edersiniz.",
      },
    },
  },
  {
    key: "bank_account",
    categorySlug: "everyday_help",
    leadDays: 14,
    startMinute: 10 * H,
    durationMinutes: 90,
    perPerson: false,
    ageGroups: ADULTS,
    requiresCertificate: false,
    usesHouseholdLanguages: true,
    languages: [],
    defaultSelected: true,
    texts: {
      de: {
        title: "Bankkonto eröffnen",
        description:
          "Ohne Konto gibt es keine Miete, kein Geld vom Amt und keinen Handyvertrag. Sie begleiten zur Bank oder Sparkasse und erklären das Basiskonto.",
      },
      en: {
        title: "Opening a bank account",
        description:
          "Without an account there is no rent, no money from the office and no phone contract. You go along to a bank or savings bank and explain the basic account.",
      },
      uk: {
        title: "Відкрити банківський рахунок",
        description:
          "Без рахунку неможливо платити оренду, отримувати гроші від відомства чи укласти договір на телефон. Ви супроводжуєте до банку або ощадної каси і пояснюєте базовий рахунок.",
      },
      ar: {
        title: "فتح حساب مصرفي",
        description:
          "بدون حساب لا إيجار ولا مال من الدائرة ولا عقد هاتف. ترافق إلى البنك أو صندوق الادخار (Sparkasse) وتشرح الحساب الأساسي.",
      },
      tr: {
        title: "Banka hesabı açmak",
        description:
          "Hesap olmadan kira, daireden para ve telefon sözleşmesi olmaz. Bankaya veya tasarruf sandığına (Sparkasse) eşlik eder ve temel hesabı anlatırsınız.",
      },
    },
  },
  {
    key: "integration_course",
    categorySlug: "language_support",
    leadDays: 28,
    startMinute: 10 * H,
    durationMinutes: 90,
    perPerson: true,
    ageGroups: ["18_64"],
    requiresCertificate: false,
    usesHouseholdLanguages: true,
    languages: ["de"],
    defaultSelected: true,
    texts: {
      de: {
        title: "Anmeldung zum Deutschkurs",
        description:
          "Jede erwachsene Person soll schnell Deutsch lernen. Sie helfen bei der Anmeldung zum Integrationskurs, zum Beispiel bei der Volkshochschule.",
      },
      en: {
        title: "Signing up for a German course",
        description:
          "Every adult should learn German soon. You help with signing up for an integration course, for example at the adult education centre (VHS).",
      },
      uk: {
        title: "Запис на курс німецької мови",
        description:
          "Кожна доросла людина має швидко вивчити німецьку. Ви допомагаєте записатися на інтеграційний курс, наприклад у народному університеті (VHS).",
      },
      ar: {
        title: "التسجيل في دورة اللغة الألمانية",
        description:
          "يجب على كل شخص بالغ أن يتعلّم الألمانية بسرعة. تساعد في التسجيل في دورة الاندماج، مثلاً في الجامعة الشعبية (VHS).",
      },
      tr: {
        title: "Almanca kursuna kayıt",
        description:
          "Her yetişkin kısa sürede Almanca öğrenmelidir. Örneğin halk eğitim merkezinde (VHS) uyum kursuna kayıt olmaya yardım edersiniz.",
      },
    },
  },
  {
    key: "immigration_office",
    categorySlug: "interpreting",
    leadDays: 30,
    startMinute: 9 * H,
    durationMinutes: 120,
    perPerson: false,
    ageGroups: ADULTS,
    requiresCertificate: false,
    usesHouseholdLanguages: true,
    languages: [],
    defaultSelected: false,
    texts: {
      de: {
        title: "Termin bei der Ausländerbehörde",
        description:
          "Für den Aufenthalt gibt es einen Termin bei der Ausländerbehörde. Sie übersetzen beim Termin und schreiben auf, welche Papiere noch fehlen.",
      },
      en: {
        title: "Appointment at the immigration office",
        description:
          "There is an appointment at the immigration office (Ausländerbehörde) about the right to stay. You interpret at the appointment and write down which papers are still missing.",
      },
      uk: {
        title: "Зустріч у відомстві у справах іноземців",
        description:
          "Щодо перебування призначено зустріч у відомстві у справах іноземців (Ausländerbehörde). Ви перекладаєте на зустрічі і записуєте, яких документів ще бракує.",
      },
      ar: {
        title: "موعد في دائرة الأجانب",
        description:
          "هناك موعد في دائرة الأجانب (Ausländerbehörde) بخصوص الإقامة. تترجم في الموعد وتكتب الأوراق التي ما زالت ناقصة.",
      },
      tr: {
        title: "Yabancılar dairesinde randevu",
        description:
          "Oturum için yabancılar dairesinde (Ausländerbehörde) bir randevu var. Randevuda tercümanlık yapar ve hangi belgelerin eksik olduğunu yazarsınız.",
      },
    },
  },
  {
    key: "club",
    categorySlug: "sports",
    leadDays: 42,
    startMinute: 16 * H,
    durationMinutes: 90,
    perPerson: true,
    ageGroups: ["6_17"],
    requiresCertificate: true,
    usesHouseholdLanguages: true,
    languages: ["de"],
    defaultSelected: true,
    texts: {
      de: {
        title: "Verein oder Freizeitangebot für das Kind",
        description:
          "Im Verein findet ein Kind schnell Freundinnen und Freunde und lernt nebenbei Deutsch. Ein Verein im Quartier lädt zum Probetraining ein, oder Sie gehen mit zum ersten Mal.",
      },
      en: {
        title: "A club or leisure activity for the child",
        description:
          "In a club a child quickly finds friends and learns German along the way. A club in the neighbourhood invites the child to a trial session, or you go along the first time.",
      },
      uk: {
        title: "Клуб або дозвілля для дитини",
        description:
          "У клубі дитина швидко знаходить друзів і заодно вчить німецьку. Клуб у районі запрошує на пробне тренування, або ви йдете разом уперше.",
      },
      ar: {
        title: "نادٍ أو نشاط ترفيهي للطفل",
        description:
          "في النادي يجد الطفل أصدقاء بسرعة ويتعلّم الألمانية في الوقت نفسه. يدعو نادٍ في الحي إلى تدريب تجريبي، أو تذهب معه في المرة الأولى.",
      },
      tr: {
        title: "Çocuk için kulüp veya boş zaman etkinliği",
        description:
          "Kulüpte çocuk hızla arkadaş bulur ve bu arada Almanca öğrenir. Mahalledeki bir kulüp deneme antrenmanına davet eder ya da ilk seferde siz birlikte gidersiniz.",
      },
    },
  },
];
