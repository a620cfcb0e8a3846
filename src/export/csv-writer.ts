/**
 * RFC 4180 CSV encoding with spreadsheet-formula neutralization, by character scan (no
 * per-cell regular expression). Fields are quoted only when they hold the delimiter, a double
 * quote, CR or LF; double quotes inside are doubled.
 */
import type { Cell } from "./columns.ts";
import { mayNeedNeutralizing, needsNeutralizing } from "./formula.ts";

export { needsNeutralizing, unneutralize } from "./formula.ts";

export interface CsvFormat {
  /** One character: "," ";" or "\t". */
  delimiter: string;
  /** "\r\n" (RFC 4180) or "\n". */
  lineEnding: string;
  /** Prefix text that a spreadsheet could run as a formula with an apostrophe (the rule: formula.ts). */
  neutralize: boolean;
  /** Decimal mark of numbers: "." (default) or "," (with ";" or tab as delimiter). */
  decimalMark?: "." | ",";
}

/** Excel's limit on the length of a cell; longer text is cut when the file is opened. */
export const EXCEL_CELL_LIMIT = 32_767;

const CR = 13;
const LF = 10;
const QUOTE = 34;
const APOSTROPHE = 39;

/** Encodes cells and rows; counts what it neutralized and cells longer than Excel allows. */
export class CsvEncoder {
  neutralized = 0;
  longCells = 0;
  readonly delimiter: string;
  readonly lineEnding: string;
  readonly neutralize: boolean;
  readonly decimalComma: boolean;
  private readonly delimiterCode: number;

  constructor(format: CsvFormat) {
    if (format.delimiter.length !== 1 || /["\r\n]/.test(format.delimiter)) throw new RangeError(`bad CSV delimiter ${JSON.stringify(format.delimiter)}`);
    if (format.decimalMark === "," && format.delimiter === ",") throw new RangeError("a decimal comma needs another delimiter than the comma");
    this.delimiter = format.delimiter;
    this.delimiterCode = format.delimiter.charCodeAt(0);
    this.lineEnding = format.lineEnding;
    this.neutralize = format.neutralize;
    this.decimalComma = format.decimalMark === ",";
  }

  /** A finite number as written: shortest round-trip digits, with the decimal mark. */
  number(v: number): string {
    const s = String(v);
    return this.decimalComma ? s.replace(".", ",") : s;
  }

  /** One text field. Numbers never come here: they are written as they are and never neutralized. */
  text(s: string): string {
    const n = s.length;
    if (n === 0) return "";
    if (n > EXCEL_CELL_LIMIT) this.longCells++;
    let out = s;
    if (this.neutralize) {
      if (mayNeedNeutralizing(s.charCodeAt(0)) && needsNeutralizing(s)) {
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
    if (typeof v === "number") return Number.isFinite(v) ? this.number(v) : "";
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
        if (Number.isFinite(v)) line += this.number(v);
      } else if (typeof v === "boolean") line += v ? "true" : "false";
    }
    return line + this.lineEnding;
  }
}

const REPLACEMENT = 0xfffd;
const TRUE_BYTES = [116, 114, 117, 101];
const FALSE_BYTES = [102, 97, 108, 115, 101];

/**
 * Writes CSV straight into a UTF-8 byte buffer that it reuses: no string per row or per chunk.
 * The same cells as {@link CsvEncoder} writes (and counted in its counters), as the bytes that
 * `TextEncoder` would give for its text (a lone surrogate becomes U+FFFD).
 *
 *   w.row(header); w.cell(a); w.delimiter(); w.cell(b); w.endRow();
 *   if (w.length >= size) yield w.take();   // a view of the bytes, valid until the next write
 */
export class CsvByteWriter {
  private buf: Uint8Array<ArrayBuffer>;
  private pos = 0;
  private readonly delimiterCode: number;
  private readonly lineEnding: Uint8Array;
  private readonly neutralize: boolean;

  /** Writes in the encoder's format and counts in its counters. */
  constructor(
    readonly encoder: CsvEncoder,
    initialBytes = 1 << 17,
  ) {
    this.delimiterCode = encoder.delimiter.charCodeAt(0);
    this.lineEnding = new TextEncoder().encode(encoder.lineEnding);
    this.neutralize = encoder.neutralize;
    this.buf = new Uint8Array(Math.max(16, initialBytes));
  }

  /** Text cells written so far that held a line break (only such cells can; a cheap flag for the column statistics). */
  lineBreaks = 0;

  /** Bytes written since the last {@link take}. */
  get length(): number {
    return this.pos;
  }

  /**
   * The bytes written so far, as a view of the writer's buffer; the writer then starts again at
   * the start of the same buffer, so copy the view (a Blob does) before writing more.
   */
  take(): Uint8Array<ArrayBuffer> {
    const out = this.buf.subarray(0, this.pos);
    this.pos = 0;
    return out;
  }

  private reserve(bytes: number): void {
    if (this.pos + bytes <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + bytes) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
  }

  delimiter(): void {
    this.reserve(1);
    this.buf[this.pos++] = this.delimiterCode;
  }

  endRow(): void {
    const le = this.lineEnding;
    this.reserve(le.length);
    for (let i = 0; i < le.length; i++) this.buf[this.pos++] = le[i] as number;
  }

  /** One cell, as {@link CsvEncoder.cell} writes it. */
  cell(v: Cell): void {
    if (typeof v === "string") this.text(v);
    else if (typeof v === "number") this.number(v);
    else if (typeof v === "boolean") this.ascii(v ? TRUE_BYTES : FALSE_BYTES);
  }

  /** A whole record, with its line ending. */
  row(cells: readonly Cell[]): void {
    for (let i = 0; i < cells.length; i++) {
      if (i > 0) this.delimiter();
      this.cell(cells[i]);
    }
    this.endRow();
  }

  /** Text as it is (no quoting or neutralizing), e.g. the byte-order mark. */
  raw(s: string): void {
    this.reserve(s.length * 3);
    this.pos = this.utf8(s, this.pos, 0, false);
  }

  private ascii(bytes: readonly number[]): void {
    this.reserve(bytes.length);
    for (let i = 0; i < bytes.length; i++) this.buf[this.pos++] = bytes[i] as number;
  }

  private number(v: number): void {
    if (!Number.isFinite(v)) return;
    // Integers of up to 15 digits: the digits of String(v) (-0 gives "0"), without the string.
    if (Number.isInteger(v) && v < 1e15 && v > -1e15) {
      this.reserve(17);
      const buf = this.buf;
      let x = v;
      if (x < 0) {
        buf[this.pos++] = 45;
        x = -x;
      }
      let digits = 1;
      for (let t = x; t >= 10; t = Math.floor(t / 10)) digits++;
      let at = this.pos + digits;
      this.pos = at;
      do {
        const q = Math.floor(x / 10);
        buf[--at] = 48 + (x - q * 10);
        x = q;
      } while (x > 0);
      return;
    }
    this.raw(this.encoder.number(v));
  }

  /**
   * A text cell. The common case (no delimiter, quote, CR or LF; nothing to neutralize; not
   * longer than Excel's limit) is encoded in one pass while it is checked; the rest by
   * {@link special}.
   */
  private text(s: string): void {
    const n = s.length;
    if (n === 0) return;
    const c0 = s.charCodeAt(0);
    if (n > EXCEL_CELL_LIMIT || (this.neutralize && mayNeedNeutralizing(c0))) return this.special(s);
    this.reserve(n * 3);
    const buf = this.buf;
    const d = this.delimiterCode;
    let pos = this.pos;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x80) {
        if (c === d || c === QUOTE || c === LF || c === CR) return this.special(s);
        buf[pos++] = c;
      } else if (c < 0x800) {
        buf[pos++] = 0xc0 | (c >> 6);
        buf[pos++] = 0x80 | (c & 0x3f);
      } else if (c < 0xd800 || c > 0xdfff) {
        buf[pos++] = 0xe0 | (c >> 12);
        buf[pos++] = 0x80 | ((c >> 6) & 0x3f);
        buf[pos++] = 0x80 | (c & 0x3f);
      } else {
        // A surrogate: the general encoder writes the rest, if nothing in it needs quotes.
        for (let j = i + 1; j < n; j++) {
          const cj = s.charCodeAt(j);
          if (cj === d || cj === QUOTE || cj === LF || cj === CR) return this.special(s);
        }
        pos = this.utf8(s, pos, i, false);
        break;
      }
    }
    this.pos = pos;
  }

  /** {@link CsvEncoder.text}'s rules, written straight into the buffer: apostrophe, quotes, counts. */
  private special(s: string): void {
    const n = s.length;
    const encoder = this.encoder;
    if (n > EXCEL_CELL_LIMIT) encoder.longCells++;
    const neutralized = this.neutralize && needsNeutralizing(s);
    if (neutralized) encoder.neutralized++;
    const d = this.delimiterCode;
    let quoted = false;
    let lineBreak = false;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c === LF || c === CR) {
        quoted = lineBreak = true;
        break;
      }
      if (c === d || c === QUOTE) quoted = true;
    }
    if (lineBreak) this.lineBreaks++;
    this.reserve(n * 3 + 3);
    const buf = this.buf;
    let pos = this.pos;
    if (quoted) buf[pos++] = QUOTE;
    if (neutralized) buf[pos++] = APOSTROPHE;
    pos = this.utf8(s, pos, 0, quoted);
    if (quoted) buf[pos++] = QUOTE;
    this.pos = pos;
  }

  /**
   * UTF-8 of `s` from index `from` at `pos`, double quotes doubled if `doubleQuotes` (room must be
   * reserved: 3 bytes a code unit); returns the end.
   */
  private utf8(s: string, pos: number, from: number, doubleQuotes: boolean): number {
    const buf = this.buf;
    const n = s.length;
    for (let i = from; i < n; i++) {
      let c = s.charCodeAt(i);
      if (c < 0x80) {
        if (c === QUOTE && doubleQuotes) buf[pos++] = QUOTE;
        buf[pos++] = c;
        continue;
      }
      if (c < 0x800) {
        buf[pos++] = 0xc0 | (c >> 6);
        buf[pos++] = 0x80 | (c & 0x3f);
        continue;
      }
      if (c >= 0xd800 && c <= 0xdfff) {
        const next = i + 1 < n ? s.charCodeAt(i + 1) : 0;
        if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
          const cp = ((c - 0xd800) << 10) + (next - 0xdc00) + 0x10000;
          buf[pos++] = 0xf0 | (cp >> 18);
          buf[pos++] = 0x80 | ((cp >> 12) & 0x3f);
          buf[pos++] = 0x80 | ((cp >> 6) & 0x3f);
          buf[pos++] = 0x80 | (cp & 0x3f);
          i++;
          continue;
        }
        c = REPLACEMENT;
      }
      buf[pos++] = 0xe0 | (c >> 12);
      buf[pos++] = 0x80 | ((c >> 6) & 0x3f);
      buf[pos++] = 0x80 | (c & 0x3f);
    }
    return pos;
  }
}
