/** Text helpers for generated names, slugs and e-mail addresses. */

/** Latin letters without diacritics, German style (ä → ae, ß → ss). */
export function transliterate(text: string): string {
  return text
    .replace(/Ä/g, "Ae")
    .replace(/Ö/g, "Oe")
    .replace(/Ü/g, "Ue")
    .replace(/ä/g, "ae")
    .replace(/ö/g, "oe")
    .replace(/ü/g, "ue")
    .replace(/ß/g, "ss")
    .replace(/[ıİ]/g, "i")
    .replace(/[łŁ]/g, "l")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "");
}

/** kebab-case ASCII: "SV Ückendorf 1912 e.V." → "sv-ueckendorf-1912-e-v". */
export function slugify(text: string): string {
  return transliterate(text)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

/** The local part of an e-mail address for a person: "Ayşe Yıldız" → "ayse.yildiz". */
export function emailLocalPart(firstName: string, lastName: string): string {
  const part = (s: string) =>
    transliterate(s)
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "");
  return `${part(firstName)}.${part(lastName)}`;
}

/** Fills `{name}` placeholders; throws on a missing value so a template typo can't reach the data. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`Missing template value {${key}} in "${template}"`);
    return value;
  });
}
