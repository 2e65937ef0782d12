/** Default first steps (default-templates.ts). Settling in: family doctor, bank account, integration course, immigration office, a club. Pure data. */
import { ADULTS, H, type DefaultTemplate } from "./template";

export const SETTLING_IN: readonly DefaultTemplate[] = [
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
