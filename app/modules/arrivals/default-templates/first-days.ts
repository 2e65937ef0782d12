/** Default first steps (default-templates.ts). The first days: welcome, registration at the citizens' office, benefits. Pure data. */
import { ADULTS, H, type DefaultTemplate } from "./template";

export const FIRST_DAYS: readonly DefaultTemplate[] = [
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
];
