/**
 * Attributes for text people wrote (titles, descriptions) shown in its original language because no
 * translation into the page's language exists: `lang` so screen readers pronounce it in that language
 * (WCAG 3.1.2), `dir="auto"` so Arabic text keeps its direction inside a German page and the reverse.
 * On an inline element (a title's link or span) the text is isolated and the line keeps the page's
 * alignment; on a paragraph the paragraph takes the text's own direction and alignment.
 */
export function contentLanguage(content: { translated: boolean; originalLanguage: string }): {
  lang?: string;
  dir?: "auto";
} {
  return content.translated ? {} : { lang: content.originalLanguage, dir: "auto" };
}
