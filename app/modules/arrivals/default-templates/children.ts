/** Default first steps (default-templates.ts). For the children: school, Kita, paediatrician. Pure data. */
import { CHILDREN, H, type DefaultTemplate } from "./template";

export const FOR_CHILDREN: readonly DefaultTemplate[] = [
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
];
