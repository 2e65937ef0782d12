import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { gotoHydrated } from "./hydration";
import { KEY_PAGES, resolveTarget, withLanguage, type Target, type Who } from "./key-pages";
import { overflow } from "./layout";

// A phone held upright (390 px wide), in German and in Arabic, one test per page (each with its own time
// budget, so a busy machine cannot fail a whole role at once): no page scrolls sideways (wide content
// such as a heat map scrolls inside its own labelled region, and a data table becomes a list of cards), the header leaves most of the first screen to
// the page, a definition list puts each label above its value instead of squeezing the value, and no
// word of a table breaks inside itself.

const WIDTH = 390;
const HEIGHT = 844;
/**
 * The header (brand and language on one line, the menus below) may take at most a sixth of the first
 * screen, and with the demo database's banner above it at most a quarter.
 */
const MAX_HEADER = HEIGHT / 6;
const MAX_TOP = HEIGHT / 4;

test.use({ viewport: { width: WIDTH, height: HEIGHT } });
test.describe.configure({ mode: "parallel" });

/** Values of definition lists narrower than half their list (a value squeezed beside its label). */
async function squeezedValues(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll("main dl dd"))
      .filter((dd) => {
        const list = dd.closest("dl")!.getBoundingClientRect().width;
        return dd.getBoundingClientRect().width < list / 2;
      })
      .map((dd) => dd.textContent?.trim().slice(0, 40) ?? ""),
  );
}

/**
 * Words of table headings and cells split across two lines ("Abgeschlosse" / "n", "Veröff" / "entlic" /
 * "ht"): a column squeezed below its longest word. A break after a hyphen or a dash is a break between
 * words; a string longer than a phone's line (an e-mail address) may break.
 */
async function brokenTableWords(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const broken = new Set<string>();
    for (const th of Array.from(document.querySelectorAll("main th, main td"))) {
      const walker = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.parentElement?.closest(".visually-hidden")) continue;
        const text = node.textContent ?? "";
        for (const word of text.matchAll(/[^\s\u00ad\u2013\u2014-]+/g)) {
          const range = document.createRange();
          range.setStart(node, word.index);
          range.setEnd(node, word.index + word[0].length);
          const lines = new Set(
            Array.from(range.getClientRects())
              .filter((r) => r.width > 0)
              .map((r) => Math.round(r.top)),
          );
          if (lines.size > 1 && word[0].length <= 24) broken.add(word[0]);
        }
      }
    }
    return [...broken];
  });
}

/**
 * Tables that need a sideways scroll to show all their columns (a club's helpers, a volunteer's hours
 * were reachable only that way): on a phone a data table is a list of cards. A heat map is a grid read
 * across, and scrolls inside its box. Also the cards' values without their column's heading (a row with
 * its own heading, th scope="row", is headed by it).
 */
async function tablesNeedingSideways(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const table of Array.from(document.querySelectorAll<HTMLTableElement>("main table"))) {
      if (table.classList.contains("heat-map") || table.offsetParent === null) continue;
      const box = table.parentElement!;
      const name = (table.querySelector("th")?.textContent ?? "").trim().slice(0, 30);
      if (table.getBoundingClientRect().width > box.clientWidth + 1)
        out.push(`${name}…: ${Math.round(table.getBoundingClientRect().width)} px in ${box.clientWidth} px`);
      if (getComputedStyle(table).display === "block")
        for (const cell of Array.from(table.querySelectorAll<HTMLTableCellElement>("tbody td, tbody th")))
          if (
            !cell.dataset.label &&
            cell.colSpan === 1 &&
            cell.textContent?.trim() &&
            !cell.parentElement!.querySelector(":scope > th[scope=row]")
          )
            out.push(
              `${name}…: a card's value without its heading ("${cell.textContent.trim().slice(0, 20)}")`,
            );
    }
    return out;
  });
}

async function headerHeight(page: Page): Promise<number> {
  return page.locator("header.site-header").evaluate((h) => h.getBoundingClientRect().height);
}

/** From the top of the page to the end of the header: the demo banner (when there is one) and the header. */
async function headerBottom(page: Page): Promise<number> {
  return page
    .locator("header.site-header")
    .evaluate((h) => h.getBoundingClientRect().bottom + window.scrollY);
}

for (const [who, targets] of Object.entries(KEY_PAGES) as [Who, Target[]][]) {
  targets.forEach((target, index) => {
    const name = typeof target === "string" ? target : `${target.link.source} (via ${target.from})`;
    test(`${who}: ${name} fits ${WIDTH} px in German and Arabic`, async ({ page, loginAs }) => {
      if (who !== "visitor") await loginAs(who);
      const path = await resolveTarget(page, targets, index);
      for (const lng of ["de", "ar"]) {
        await gotoHydrated(page, withLanguage(path, lng));
        const { scrollWidth, culprits } = await overflow(page, WIDTH);
        expect
          .soft(scrollWidth, `${path} (${lng}) is ${scrollWidth} px wide: ${culprits.join(", ")}`)
          .toBeLessThanOrEqual(WIDTH);
        expect
          .soft(await squeezedValues(page), `${path} (${lng}): values squeezed beside their labels`)
          .toEqual([]);
        expect
          .soft(await brokenTableWords(page), `${path} (${lng}): table words broken inside a word`)
          .toEqual([]);
        expect
          .soft(await tablesNeedingSideways(page), `${path} (${lng}): tables that scroll sideways`)
          .toEqual([]);
        expect
          .soft(await headerHeight(page), `${path} (${lng}): the header's height`)
          .toBeLessThanOrEqual(MAX_HEADER);
        expect
          .soft(await headerBottom(page), `${path} (${lng}): the demo banner and the header together`)
          .toBeLessThanOrEqual(MAX_TOP);
      }
    });
  });
}
