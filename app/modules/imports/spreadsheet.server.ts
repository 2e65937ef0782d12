/**
 * Reads the spreadsheet a city already keeps (docs/decisions/071-spreadsheet-import.md) into rows of
 * text: XLSX (first sheet) or CSV/text with `;`, `,` or tab between cells, in UTF-8 (with or without
 * BOM), UTF-16 with BOM, or Windows-1252 (what Excel writes as "CSV" on a German Windows). Every limit
 * is checked before the parsing it protects.
 */
import { unzipSync } from "fflate";
import { readSheet } from "read-excel-file/node";

export const MAX_FILE_BYTES = 5 * 1024 * 1024;
/** What an XLSX may unpack to: far above any list of clubs, far below what would hurt the server. */
export const MAX_UNPACKED_BYTES = 60 * 1024 * 1024;
export const MAX_ROWS = 10_000;
export const MAX_COLUMNS = 40;
export const MAX_CELL_CHARS = 2_000;

export type SpreadsheetError = "empty" | "tooLarge" | "tooManyRows" | "xls" | "unreadable";

export type SpreadsheetResult =
  | { ok: true; format: "xlsx" | "csv"; encoding: string | null; rows: string[][] }
  | { ok: false; error: SpreadsheetError };

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

/**
 * Windows-1252's characters at 0x80–0x9F (the rest of the byte range is Latin-1). Written out because
 * Node's TextDecoder("windows-1252") decodes Latin-1, which has control characters there (€ would be
 * U+0080).
 */
const CP1252_HIGH =
  "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f" +
  "\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";

function decodeWindows1252(bytes: Uint8Array): string {
  let text = "";
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = bytes.subarray(i, i + 8192);
    text += String.fromCharCode(...chunk).replace(
      /[\x80-\x9f]/g,
      (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!,
    );
  }
  return text;
}

/** Decodes text: BOM first, then strict UTF-8, and Windows-1252 when that fails. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder("utf-8").decode(bytes.subarray(3)), encoding: "utf-8" };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder("utf-16le").decode(bytes.subarray(2)), encoding: "utf-16le" };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder("utf-16be").decode(bytes.subarray(2)), encoding: "utf-16be" };
  }
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8" };
  } catch {
    // Bytes that are not UTF-8: a German Windows spreadsheet saved "CSV (Trennzeichen-getrennt)".
    return { text: decodeWindows1252(bytes), encoding: "windows-1252" };
  }
}

/** The separator used most often outside quotes in the first line: `;`, `,` or tab. */
export function detectSeparator(text: string): string {
  const counts = new Map<string, number>([
    [";", 0],
    [",", 0],
    ["\t", 0],
  ]);
  let quoted = false;
  for (let i = 0; i < text.length && i < 10_000; i++) {
    const c = text[i]!;
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === "\n" || c === "\r")) break;
    else if (!quoted && counts.has(c)) counts.set(c, counts.get(c)! + 1);
  }
  let best = ";";
  for (const [sep, n] of counts) if (n > counts.get(best)!) best = sep;
  return best;
}

/**
 * RFC 4180 with the separator given: quoted cells may hold separators, quotes ("" inside) and line
 * breaks; CRLF, LF or CR end a line. One pass, linear in the input. Stops at `maxRows` + 1 rows.
 */
export function parseCsv(text: string, separator: string, maxRows = MAX_ROWS + 1): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  let i = 0;
  const n = text.length;
  const endRow = () => {
    row.push(cell);
    cell = "";
    if (row.length > 1 || row[0] !== "") rows.push(row);
    row = [];
  };
  while (i < n && rows.length < maxRows) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else cell += c;
      i += 1;
      continue;
    }
    if (c === '"' && cell === "") quoted = true;
    else if (c === separator) {
      row.push(cell);
      cell = "";
    } else if (c === "\r" || c === "\n") {
      endRow();
      if (c === "\r" && text[i + 1] === "\n") i += 1;
    } else cell += c;
    i += 1;
  }
  if (rows.length < maxRows && (cell !== "" || row.length > 0)) endRow();
  return rows;
}

/** Sum of the declared unpacked sizes in a ZIP, read from its directory without unpacking anything. */
function unpackedSize(bytes: Uint8Array): number {
  let total = 0;
  unzipSync(bytes, {
    filter(file) {
      total += file.originalSize;
      return false;
    },
  });
  return total;
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) {
    // A time of day is a date on 30/31 December 1899 in a spreadsheet: keep only the time.
    if (value.getUTCFullYear() < 1901) return value.toISOString().slice(11, 16);
    return value.toISOString().slice(0, 10);
  }
  if (typeof value === "number") {
    // A time typed as a fraction of a day (0.6666…) in a cell without a time format.
    if (value > 0 && value < 1) {
      const minutes = Math.round(value * 24 * 60);
      return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
    }
    return String(value);
  }
  return String(value);
}

/** Reads an uploaded file into rows of trimmed text cells (at most MAX_ROWS + 1, the header included). */
export async function readSpreadsheet(bytes: Uint8Array): Promise<SpreadsheetResult> {
  if (bytes.length === 0) return { ok: false, error: "empty" };
  if (bytes.length > MAX_FILE_BYTES) return { ok: false, error: "tooLarge" };
  if (startsWith(bytes, OLE_MAGIC)) return { ok: false, error: "xls" };
  let rows: string[][];
  let format: "xlsx" | "csv";
  let encoding: string | null = null;
  if (startsWith(bytes, ZIP_MAGIC)) {
    format = "xlsx";
    try {
      if (unpackedSize(bytes) > MAX_UNPACKED_BYTES) return { ok: false, error: "tooLarge" };
      const data = await readSheet(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      rows = data.slice(0, MAX_ROWS + 2).map((row) => row.slice(0, MAX_COLUMNS + 1).map(cellText));
    } catch {
      return { ok: false, error: "unreadable" };
    }
  } else {
    format = "csv";
    const decoded = decodeText(bytes);
    encoding = decoded.encoding;
    if (decoded.text.includes("\u0000")) return { ok: false, error: "unreadable" };
    rows = parseCsv(decoded.text, detectSeparator(decoded.text), MAX_ROWS + 2);
  }
  rows = rows.map((row) => row.map((cell) => cell.trim())).filter((row) => row.some((cell) => cell !== ""));
  if (rows.length === 0) return { ok: false, error: "empty" };
  if (rows.length > MAX_ROWS + 1) return { ok: false, error: "tooManyRows" };
  return { ok: true, format, encoding, rows };
}
