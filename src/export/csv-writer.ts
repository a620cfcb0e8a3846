/**
 * RFC 4180 CSV encoding with spreadsheet-formula neutralization, by character scan (no
 * per-cell regular expression). Fields are quoted only when they hold the delimiter, a double
 * quote, CR or LF; double quotes inside are doubled.
 */
import type { Cell } from "./columns.ts";

export interface CsvFormat {
  /** One character: "," ";" or "\t". */
  delimiter: string;
  /** "\r\n" (RFC 4180) or "\n". */
  lineEnding: string;
  /** Prefix text that a spreadsheet would run as a formula with an apostrophe. */
  neutralize: boolean;
}

/** Excel's limit on the length of a cell; longer text is cut when the file is opened. */
export const EXCEL_CELL_LIMIT = 32_767;

const EQUALS = 61;
const PLUS = 43;
const MINUS = 45;
const AT = 64;
const TAB = 9;
const CR = 13;
const LF = 10;
const QUOTE = 34;
const APOSTROPHE = 39;

function isTrigger(c: number): boolean {
  return c === EQUALS || c === PLUS || c === MINUS || c === AT || c === TAB || c === CR;
}

/**
 * Whether text needs the apostrophe: it starts with = + - @ tab or CR, or with apostrophes
 * followed by one of those (so that removing one leading apostrophe always restores the text).
 */
export function needsNeutralizing(s: string): boolean {
  let i = 0;
  while (i < s.length && s.charCodeAt(i) === APOSTROPHE) i++;
  return i < s.length && isTrigger(s.charCodeAt(i));
}

/** The inverse of neutralization, for reading back an exported CSV. */
export function unneutralize(s: string): string {
  return s.charCodeAt(0) === APOSTROPHE && needsNeutralizing(s.slice(1)) ? s.slice(1) : s;
}

/** Encodes cells and rows; counts what it neutralized and cells longer than Excel allows. */
export class CsvEncoder {
  neutralized = 0;
  longCells = 0;
  readonly delimiter: string;
  readonly lineEnding: string;
  private readonly delimiterCode: number;
  private readonly neutralize: boolean;

  constructor(format: CsvFormat) {
    if (format.delimiter.length !== 1 || /["\r\n]/.test(format.delimiter)) throw new RangeError(`bad CSV delimiter ${JSON.stringify(format.delimiter)}`);
    this.delimiter = format.delimiter;
    this.delimiterCode = format.delimiter.charCodeAt(0);
    this.lineEnding = format.lineEnding;
    this.neutralize = format.neutralize;
  }

  /** One text field. Numbers never come here: they are written as they are and never neutralized. */
  text(s: string): string {
    const n = s.length;
    if (n === 0) return "";
    if (n > EXCEL_CELL_LIMIT) this.longCells++;
    let out = s;
    if (this.neutralize) {
      const c = s.charCodeAt(0);
      if (isTrigger(c) || (c === APOSTROPHE && needsNeutralizing(s))) {
        out = `'${s}`;
        this.neutralized++;
      }
    }
    const d = this.delimiterCode;
    let needsQuotes = false;
    let hasQuote = false;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c === QUOTE) {
        hasQuote = true;
        needsQuotes = true;
        break;
      }
      if (c === d || c === LF || c === CR) needsQuotes = true;
    }
    if (!needsQuotes) return out;
    return `"${hasQuote ? out.replaceAll('"', '""') : out}"`;
  }

  cell(v: Cell): string {
    if (typeof v === "string") return this.text(v);
    if (typeof v === "number") return Number.isFinite(v) ? String(v) : "";
    if (typeof v === "boolean") return v ? "true" : "false";
    return "";
  }

  /** One record, with its line ending. */
  row(cells: readonly Cell[]): string {
    const d = this.delimiter;
    let line = "";
    for (let i = 0; i < cells.length; i++) {
      if (i > 0) line += d;
      const v = cells[i];
      if (typeof v === "string") line += this.text(v);
      else if (typeof v === "number") {
        if (Number.isFinite(v)) line += String(v);
      } else if (typeof v === "boolean") line += v ? "true" : "false";
    }
    return line + this.lineEnding;
  }
}

/** Joins rows into chunks of at least `chunkSize` characters (the last may be shorter). */
export function* rowsToCsvChunks(encoder: CsvEncoder, rows: Iterable<readonly Cell[]>, chunkSize = 1 << 16): Generator<string> {
  let buf = "";
  for (const row of rows) {
    buf += encoder.row(row);
    if (buf.length >= chunkSize) {
      yield buf;
      buf = "";
    }
  }
  if (buf !== "") yield buf;
}
