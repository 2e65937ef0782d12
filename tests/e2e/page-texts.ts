import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "@playwright/test";
import { expect, DEMO_ACCOUNTS, DEMO_PASSWORD, type DemoAccount } from "./fixtures";
import { waitForHydration } from "./hydration";

/**
 * What a person reads on a page, checked for the seams of translation: a raw key (`home.manageActivities`,
 * or `nav` where "Nachweis" belongs), an unfilled `{{placeholder}}`, an error page where a page was
 * expected, or a day, month or number written the machine's way (`2026-11`, `1.25` in German) instead of
 * the reader's. The keys come from the German files, which define every key; a text that is also a real
 * translation in the page's language (or in German, the language of the demo content) is not a key.
 */

export const LANGUAGES = ["de", "en", "uk", "ar", "tr"] as const;
export type Lng = (typeof LANGUAGES)[number];

const LOCALES_DIR = join(process.cwd(), "app/locales");

function flatten(value: unknown, prefix = "", out = new Map<string, string>()): Map<string, string> {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) flatten(child, prefix ? `${prefix}.${key}` : key, out);
  } else {
    out.set(prefix, String(value));
  }
  return out;
}

function read(lng: string): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  for (const file of readdirSync(join(LOCALES_DIR, lng))) {
    if (!file.endsWith(".json")) continue;
    out.set(file.slice(0, -5), flatten(JSON.parse(readFileSync(join(LOCALES_DIR, lng, file), "utf8"))));
  }
  return out;
}

const PLURAL = /_(zero|one|two|few|many|other)$/;

const keys = new Set<string>();
for (const [ns, entries] of read("de")) {
  for (const key of entries.keys()) {
    for (const k of [key, key.replace(PLURAL, "")]) {
      keys.add(k);
      keys.add(`${ns}:${k}`);
    }
  }
}

const valuesCache = new Map<string, Set<string>>();
function values(lng: string): Set<string> {
  let set = valuesCache.get(lng);
  if (!set) {
    set = new Set([...read(lng).values()].flatMap((entries) => [...entries.values()].map((v) => v.trim())));
    valuesCache.set(lng, set);
  }
  return set;
}

/** Titles of the error pages (404, 403, 500) in a language. */
function errorTitles(lng: string): Set<string> {
  const common = read(lng).get("common")!;
  return new Set(["notFound", "forbidden", "unexpected"].map((k) => common.get(`errors.${k}.title`)!));
}

/** A day or month as the machine writes it (`2026-11`, `bis 2027-03-17`): readers get Intl's words. */
const ISO_DATE = /(?<![\w./:-])\d{4}-\d{2}(?:-\d{2})?(?![\w/:-])/;
/** A decimal point where the language writes a comma (`1.25`, `7.5` in German; `18.11.` is a date). */
const POINT_DECIMAL = /(?<![\d.,])\d+\.\d{1,2}(?![\d.,])/;
const COMMA_DECIMAL = new Set(["de", "uk", "tr"]);

const DOTTED = /(?<![\w@/.-])[a-z][A-Za-z0-9_]*(?::[A-Za-z0-9_]+)?(?:\.[A-Za-z0-9_]+)+(?![\w@/-])/g;

/** Problems a reader would see on the page as it is now, each naming the text. */
export async function textProblems(page: Page, lng: string): Promise<string[]> {
  const { texts, heading } = await page.evaluate(() => {
    const found: string[] = [document.title];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {
      acceptNode: (node) =>
        // Code samples (field names of the JSON feed) are not texts.
        node.parentElement?.closest("script, style, noscript, template, code, pre, kbd, samp")
          ? NodeFilter.FILTER_REJECT
          : NodeFilter.FILTER_ACCEPT,
    });
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim();
      if (text) found.push(text);
    }
    for (const el of Array.from(document.querySelectorAll("[aria-label], [title], [placeholder], [alt]"))) {
      for (const name of ["aria-label", "title", "placeholder", "alt"]) {
        const value = el.getAttribute(name)?.trim();
        if (value) found.push(value);
      }
    }
    return { texts: found, heading: document.querySelector("main h1")?.textContent?.trim() ?? "" };
  });
  const known = values(lng);
  const german = values("de");
  const isRawKey = (text: string) => keys.has(text) && !known.has(text) && !german.has(text);
  const problems = new Set<string>();
  for (const text of texts) {
    if (/\{\{[^}]*\}\}/.test(text)) problems.add(`unfilled placeholder: "${text}"`);
    if (isRawKey(text)) problems.add(`raw key: "${text}"`);
    if (ISO_DATE.test(text)) problems.add(`date not in words: "${text.slice(0, 80)}"`);
    if (COMMA_DECIMAL.has(lng) && POINT_DECIMAL.test(text))
      problems.add(`number not written the reader's way: "${text.slice(0, 80)}"`);
    for (const token of text.match(DOTTED) ?? []) {
      if (token !== text && isRawKey(token)) problems.add(`raw key: "${token}" in "${text.slice(0, 80)}"`);
    }
  }
  if (errorTitles(lng).has(heading)) problems.add(`error page: "${heading}"`);
  return [...problems];
}

/** Chooses the UI language with the switcher on the current page, as a person would (a plain form post). */
export async function chooseLanguage(page: Page, lng: Lng): Promise<void> {
  await page.locator("#language-select").selectOption(lng);
  // The switcher reloads the document (it works without JavaScript the same way).
  await Promise.all([
    page.waitForEvent("framenavigated"),
    page.locator(".language-switcher button[type=submit]").click(),
  ]);
  await page.waitForLoadState("load");
  await waitForHydration(page);
  await expect(page.locator("html")).toHaveAttribute("lang", lng);
}

/** Logs in through the form on /login (with JavaScript: the landing page comes by client-side navigation). */
export async function logInThroughForm(page: Page, who: DemoAccount, lng: Lng = "de"): Promise<void> {
  await page.goto("/login");
  await waitForHydration(page);
  if (lng !== "de") await chooseLanguage(page, lng);
  const form = page.locator("main form[method=post]");
  await form.locator("input[name=email]").fill(DEMO_ACCOUNTS[who]);
  await form.locator("input[name=password]").fill(DEMO_PASSWORD);
  await markCurrentPage(page);
  await form.locator("button[type=submit]").click();
  await page.waitForURL((url) => url.pathname !== "/login");
  await waitForNewPage(page);
}

/**
 * Marks the headings of the page shown now; `waitForNewPage` then waits until the router is idle and a
 * new page's heading is in the DOM (after a client-side navigation the previous page stays until the
 * next one can be shown, texts included).
 */
export async function markCurrentPage(page: Page): Promise<void> {
  await page.evaluate(() => {
    for (const h of Array.from(document.querySelectorAll("main h1"))) h.setAttribute("data-seen", "");
  });
}

export async function waitForNewPage(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const router = (window as unknown as { __remixRouter?: { state: { navigation: { state: string } } } })
      .__remixRouter;
    return (
      router?.state.navigation.state === "idle" && document.querySelector("main h1:not([data-seen])") !== null
    );
  });
}
