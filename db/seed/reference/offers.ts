import type { CategorySlug } from "./categories";

/**
 * Offer texts by category. `{languages}` lists the offer's languages in German ("Deutsch und Arabisch"),
 * `{language}` is one non-German language (interpreting), `{nb}` a neighbourhood.
 */
export interface OfferTemplate {
  title: string;
  description: string;
}

export const VOLUNTEER_OFFERS: Record<CategorySlug, readonly OfferTemplate[]> = {
  language_support: [
    {
      title: "Deutsch üben im Gespräch",
      description:
        "Ich treffe mich gern einmal pro Woche zum Deutschsprechen – beim Spaziergang, im Café oder in der Bibliothek. Ich spreche {languages}.",
    },
    {
      title: "Sprachpatenschaft",
      description:
        "Für ein paar Monate ein fester Termin pro Woche: Wir üben Alltagssituationen wie Einkaufen, Arzttermine oder Elterngespräche.",
    },
    {
      title: "Lesen und Schreiben üben",
      description:
        "Ich helfe beim Lesen von Texten und beim Schreiben von kurzen Briefen und E-Mails. Geduld bringe ich mit.",
    },
  ],
  accompaniment: [
    {
      title: "Begleitung zu Ämtern",
      description:
        "Ich begleite zum Jobcenter, zur Ausländerbehörde oder zur Familienkasse, helfe beim Verstehen und mache Notizen. Sprachen: {languages}.",
    },
    {
      title: "Begleitung zu Arztterminen",
      description:
        "Ich komme mit zu Terminen bei Hausärzt*innen, Kinderärzt*innen oder im Krankenhaus und helfe bei der Verständigung.",
    },
    {
      title: "Begleitung zu Schule und Kita",
      description: "Ich begleite Eltern zur Anmeldung in Schule oder Kita und zu Elterngesprächen.",
    },
  ],
  homework_help: [
    {
      title: "Hausaufgabenhilfe Mathe (Klasse 5–10)",
      description:
        "Ich erkläre Mathe Schritt für Schritt und helfe bei den Hausaufgaben. Gern in der Stadtteilbibliothek.",
    },
    {
      title: "Lernhilfe Grundschule",
      description:
        "Lesen, Schreiben, Rechnen: Ich unterstütze Grundschulkinder bei den Hausaufgaben, ein- bis zweimal pro Woche.",
    },
    {
      title: "Nachhilfe Englisch und Deutsch",
      description:
        "Ich helfe Schüler*innen bei Englisch und Deutsch, auch zur Vorbereitung auf Klassenarbeiten.",
    },
  ],
  childcare: [
    {
      title: "Kinderbetreuung während Kursen und Terminen",
      description:
        "Ich betreue Kinder, während die Eltern einen Sprachkurs oder einen Termin haben. Erweitertes Führungszeugnis liegt vor.",
    },
    {
      title: "Spielnachmittag für Kinder",
      description:
        "Spielen, Basteln, Vorlesen: Ich gestalte gern Nachmittage mit Kindern im Familienzentrum.",
    },
  ],
  sports: [
    {
      title: "Gemeinsam laufen",
      description:
        "Ich laufe zweimal pro Woche am Rhein-Herne-Kanal und nehme gern Anfänger*innen mit. Tempo nach Absprache.",
    },
    {
      title: "Fußballtraining mitgestalten",
      description:
        "Ich helfe beim Training im Verein und begleite neue Spieler*innen zum ersten Probetraining.",
    },
    {
      title: "Schwimmen lernen – Begleitung",
      description: "Ich begleite zu Schwimmkursen und übe im Hallenbad. Rettungsschwimmabzeichen vorhanden.",
    },
  ],
  arts_culture: [
    {
      title: "Gemeinsam ins Museum oder Theater",
      description:
        "Ich zeige gern Kulturorte in Gelsenkirchen, zum Beispiel das Musiktheater im Revier, und erkläre, wie man günstige Karten bekommt.",
    },
    {
      title: "Gitarre für Anfänger*innen",
      description:
        "Ich gebe kostenlose Gitarrenstunden für Jugendliche und Erwachsene. Eine Leihgitarre kann ich mitbringen.",
    },
    {
      title: "Malen und Basteln mit Kindern",
      description:
        "Kreative Nachmittage mit einfachen Materialien, gern im Familienzentrum oder in der Bibliothek.",
    },
  ],
  housing_search: [
    {
      title: "Hilfe bei der Wohnungssuche",
      description:
        "Ich helfe beim Suchen von Anzeigen, beim Schreiben von Anfragen und begleite zu Besichtigungen.",
    },
    {
      title: "Unterstützung beim Wohnberechtigungsschein",
      description: "Ich erkläre, welche Unterlagen nötig sind, und helfe beim Ausfüllen des Antrags.",
    },
  ],
  work_recognition: [
    {
      title: "Bewerbungsunterlagen erstellen",
      description:
        "Lebenslauf, Anschreiben, Bewerbungsfoto: Ich helfe Schritt für Schritt und übe Vorstellungsgespräche.",
    },
    {
      title: "Begleitung zur Anerkennungsberatung",
      description:
        "Ich helfe, Zeugnisse und Nachweise zu sortieren, und begleite zur Beratung zur Anerkennung ausländischer Abschlüsse.",
    },
    {
      title: "Praktikum im Handwerk finden",
      description:
        "Ich kenne viele Betriebe im Stadtteil und helfe bei der Suche nach einem Praktikum oder Ausbildungsplatz.",
    },
  ],
  interpreting: [
    {
      title: "Dolmetschen {language} – Deutsch",
      description:
        "Ich dolmetsche bei Terminen in Schule, Kita, Beratung oder beim Arzt. Alles Gesagte bleibt vertraulich.",
    },
    {
      title: "Sprachmittlung {language}",
      description:
        "Ich übersetze Briefe und helfe bei Telefonaten mit Ämtern. Schulung zur Sprachmittlung absolviert.",
    },
  ],
  everyday_help: [
    {
      title: "Hilfe bei Briefen und Formularen",
      description:
        "Ich erkläre Behördenpost in einfachen Worten und helfe beim Ausfüllen von Formularen. Sprachen: {languages}.",
    },
    {
      title: "Smartphone, Online-Termine und Konto",
      description: "Ich helfe beim Einrichten von Apps, Online-Terminen und Online-Banking.",
    },
    {
      title: "Orientierung im Stadtteil",
      description:
        "Wo ist die nächste Ärztin, wie funktioniert der Bus, wo gibt es günstige Lebensmittel? Ich zeige {nb} und Umgebung.",
    },
  ],
  donations_logistics: [
    {
      title: "Transporte mit eigenem Auto",
      description: "Ich fahre gespendete Möbel und Haushaltsgeräte, am liebsten samstags.",
    },
    {
      title: "Hilfe bei Umzügen",
      description: "Ich packe mit an: Tragen, Möbel auf- und abbauen, Lampen anschließen.",
    },
    {
      title: "Sortieren in der Kleiderkammer",
      description: "Ich helfe beim Sortieren und Ausgeben von Kleiderspenden.",
    },
  ],
  youth_leisure: [
    {
      title: "Freizeit mit Jugendlichen",
      description:
        "Kicker, Kochen, Ausflüge: Ich begleite Jugendliche bei Freizeitaktivitäten im Jugendtreff.",
    },
    {
      title: "Ausflüge am Wochenende",
      description:
        "Ich plane kleine Ausflüge, zum Beispiel in die ZOOM Erlebniswelt oder in den Nordsternpark.",
    },
  ],
  womens_groups: [
    {
      title: "Frauentreff begleiten",
      description:
        "Ich unterstütze ein offenes Frauenfrühstück: Gespräche, Informationen und Kinderbetreuung nebenan.",
    },
    {
      title: "Fahrradkurs für Frauen",
      description: "Ich bringe Frauen das Fahrradfahren bei – in einem geschützten Rahmen auf dem Schulhof.",
    },
  ],
};

export const ORGANISATION_OFFERS: Record<CategorySlug, readonly OfferTemplate[]> = {
  language_support: [
    {
      title: "Sprachcafé",
      description: "Jede Woche Deutsch sprechen in entspannter Runde. Ohne Anmeldung, kostenlos.",
    },
    {
      title: "Deutschkurs für Mütter mit Kinderbetreuung",
      description: "Kleine Gruppe am Vormittag, Kinder werden nebenan betreut.",
    },
  ],
  accompaniment: [
    {
      title: "Begleitdienst zu Ämtern",
      description: "Unsere geschulten Ehrenamtlichen begleiten zu Terminen bei Behörden und Ärzt*innen.",
    },
  ],
  homework_help: [
    {
      title: "Hausaufgabenbetreuung",
      description:
        "Montags bis donnerstags nach der Schule, mit Snack. Anmeldung über die Schule oder direkt bei uns.",
    },
  ],
  childcare: [
    {
      title: "Kinderbetreuung bei Terminen",
      description: "Wir betreuen Kinder bis sechs Jahre während Beratungsterminen der Eltern.",
    },
  ],
  sports: [
    {
      title: "Kostenloses Probetraining",
      description:
        "Alle Abteilungen, alle Altersgruppen. Wir helfen bei der Anmeldung und beim Antrag auf Bildung und Teilhabe.",
    },
    {
      title: "Schwimmkurs für Frauen",
      description: "Geschützter Rahmen, Trainerinnen, Badezeit nur für Frauen.",
    },
  ],
  arts_culture: [
    {
      title: "Offene Kunstwerkstatt",
      description: "Malen, Drucken, Töpfern – Material ist vorhanden, Vorkenntnisse nicht nötig.",
    },
    {
      title: "Chor zum Mitsingen",
      description: "Wir singen Lieder aus vielen Ländern. Noten lesen muss niemand können.",
    },
  ],
  housing_search: [
    {
      title: "Sprechstunde Wohnungssuche",
      description: "Wir helfen bei Anzeigen, Anträgen und Gesprächen mit Vermietern.",
    },
  ],
  work_recognition: [
    {
      title: "Beratung zur Anerkennung von Abschlüssen",
      description: "Wir prüfen gemeinsam, welche Stelle zuständig ist, und helfen bei den Unterlagen.",
    },
    {
      title: "Bewerbungswerkstatt",
      description: "Lebenslauf am Computer schreiben, Bewerbungsfotos, Übungsgespräche.",
    },
  ],
  interpreting: [
    {
      title: "Dolmetsch-Pool",
      description:
        "Geschulte Sprachmittler*innen für Termine in Schule, Kita und Beratung. Anfrage mindestens eine Woche vorher.",
    },
  ],
  everyday_help: [
    {
      title: "Offene Sprechstunde für Briefe und Formulare",
      description: "Einmal pro Woche, ohne Termin. Bitte die Unterlagen mitbringen.",
    },
  ],
  donations_logistics: [
    {
      title: "Kleiderkammer",
      description: "Kleidung für Kinder und Erwachsene, kostenlos. Spenden nehmen wir dienstags an.",
    },
    {
      title: "Möbelbörse",
      description: "Gespendete Möbel für die erste eigene Wohnung. Wir helfen beim Transport.",
    },
  ],
  youth_leisure: [
    {
      title: "Offener Jugendtreff",
      description: "Kicker, Musik, Gespräche und Hausaufgabenecke für Jugendliche von 12 bis 18 Jahren.",
    },
  ],
  womens_groups: [
    {
      title: "Frauenfrühstück",
      description:
        "Jeden Monat ein Frühstück mit Themen rund um Alltag, Gesundheit und Arbeit. Kinderbetreuung vorhanden.",
    },
  ],
};
