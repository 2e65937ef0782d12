/**
 * CSV for German spreadsheet programs. Decisions (see also the reports page):
 *  - UTF-8 with a byte-order mark: Excel reads a BOM-less file as Windows-1252 and garbles umlauts.
 *  - `;` as the separator: German Excel splits on the list separator of the Windows locale, which is
 *    `;` in de-DE (`,` is the decimal comma there), so a `;` file opens in columns by double-click.
 *    LibreOffice and Numbers detect it as well. No `sep=;` line: Excel then ignores the BOM.
 *  - Decimal numbers with the reader's decimal mark (`2,5` for German), never a thousands separator,
 *    so they arrive as numbers, not text or dates.
 *  - RFC 4180 quoting: a field with `;`, `"`, CR or LF is quoted, inner quotes doubled; lines end CRLF.
 *  - Cells that a spreadsheet would run as a formula (starting with = + - @, tab or CR) are prefixed
 *    with an apostrophe (OWASP "CSV injection"): names and titles come from users.
 */
export const CSV_BOM = "\uFEFF";
export const CSV_SEPARATOR = ";";

export type CsvCell = string | number | null;

export function csvText(value: string): string {
  let text = value;
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[;"\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvNumber(value: number, locale: string): string {
  if (!Number.isFinite(value)) return "";
  const rounded = Math.round(value * 100) / 100;
  const text = Number.isInteger(rounded) ? String(rounded) : rounded.toFixed(2).replace(/0$/, "");
  return locale.startsWith("de") ? text.replace(".", ",") : text;
}

function csvLine(cells: CsvCell[], locale: string): string {
  return `${cells
    .map((c) => (c === null ? "" : typeof c === "number" ? csvNumber(c, locale) : csvText(c)))
    .join(CSV_SEPARATOR)}\r\n`;
}

/** The whole file: BOM, header line, one line per row, CRLF after every line. */
export function toCsv(header: string[], rows: CsvCell[][], locale: string): string {
  return CSV_BOM + [header, ...rows].map((cells) => csvLine(cells, locale)).join("");
}

/** Lines per chunk of a streamed file: some tens of kilobytes. */
const LINES_PER_CHUNK = 250;

/**
 * The same file as a stream that takes rows from `rows` only as the reader asks for more: the header
 * goes out at once, and however many rows there are, only one chunk is held at a time. `done` runs
 * once, when the rows are out, the reader went away, or reading failed.
 */
export function csvStream(
  header: string[],
  rows: Iterator<CsvCell[]>,
  locale: string,
  done: () => void = () => {},
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let finished = false;
  let started = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    rows.return?.();
    done();
  };
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(CSV_BOM + csvLine(header, locale)));
    },
    async pull(controller) {
      // Reading the rows runs the query, synchronously: give the event loop a turn first, so that the
      // header already written reaches the socket before the query has produced its first row.
      if (!started) {
        started = true;
        await new Promise((resolve) => setImmediate(resolve));
      }
      try {
        let text = "";
        for (let i = 0; i < LINES_PER_CHUNK; i++) {
          const next = rows.next();
          if (next.done) {
            if (text) controller.enqueue(encoder.encode(text));
            controller.close();
            finish();
            return;
          }
          text += csvLine(next.value, locale);
        }
        controller.enqueue(encoder.encode(text));
      } catch (error) {
        finish();
        controller.error(error);
      }
    },
    cancel() {
      finish();
    },
  });
}

/** A download response: UTF-8 CSV with an ASCII file name and its RFC 5987 twin. */
export function csvResponse(body: string | ReadableStream<Uint8Array>, filename: string): Response {
  const ascii = filename.replace(/[^A-Za-z0-9._-]/g, "_");
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
