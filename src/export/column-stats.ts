/**
 * What the label scripts need to know about the cells actually written, gathered while the CSV is
 * written (one subtraction and a type test per cell): the widest cell in bytes (SPSS string
 * widths), whether a column held any text (so R, Stata and SPSS read it as a number only when
 * every cell was one), the most decimals of its numbers, whether every cell of a date column
 * was a date, and whether a text cell held a line break.
 */
import type { Cell } from "./columns.ts";

export type DateKind = "date" | "datetime";

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/;

export class ColumnStats {
  /** Rows observed. */
  rows = 0;
  /** Widest cell as written (UTF-8 bytes, with quotes and the neutralizing apostrophe if any). */
  readonly maxBytes: Uint32Array;
  /** 1 when the column held a non-empty text cell. */
  readonly text: Uint8Array;
  /** Most digits after the decimal mark among its numbers. */
  readonly decimals: Uint8Array;
  /** 1 when a number was not an integer. */
  readonly fraction: Uint8Array;
  /** 1 when a column expected to hold dates held something else. */
  readonly notDate: Uint8Array;
  /** 1 when a text cell held a line break (which SPSS cannot read inside a quoted cell). */
  readonly breaks: Uint8Array;

  constructor(
    readonly size: number,
    /** Which columns are expected to hold dates (ISO `YYYY-MM-DD`) or UTC date-times. */
    readonly dates: readonly (DateKind | undefined)[] = [],
  ) {
    this.maxBytes = new Uint32Array(size);
    this.text = new Uint8Array(size);
    this.decimals = new Uint8Array(size);
    this.fraction = new Uint8Array(size);
    this.notDate = new Uint8Array(size);
    this.breaks = new Uint8Array(size);
  }

  /**
   * One cell of column `i`, `bytes` long as written; `lineBreak` when the writer saw a line break in
   * it (else the text is searched for one).
   */
  observe(i: number, v: Cell, bytes: number, lineBreak?: boolean): void {
    if (bytes > (this.maxBytes[i] as number)) this.maxBytes[i] = bytes;
    if (typeof v === "string") {
      if (v === "") return;
      this.text[i] = 1;
      if (lineBreak ?? (this.breaks[i] !== 1 && (v.includes("\n") || v.includes("\r")))) this.breaks[i] = 1;
      const kind = this.dates[i];
      if (kind !== undefined && !(kind === "date" ? DATE : DATETIME).test(v)) this.notDate[i] = 1;
    } else if (typeof v === "number") {
      if (!Number.isInteger(v) && Number.isFinite(v)) {
        this.fraction[i] = 1;
        const s = String(v);
        const e = s.indexOf("e");
        const dot = s.indexOf(".");
        const digits = e >= 0 ? Math.min(16, Math.max(0, (dot >= 0 ? e - dot - 1 : 0) - Number(s.slice(e + 1)))) : dot >= 0 ? s.length - dot - 1 : 0;
        if (digits > (this.decimals[i] as number)) this.decimals[i] = Math.min(16, digits);
      }
    } else if (typeof v === "boolean") this.text[i] = 1;
  }

  /** Statistics of cells that can be computed without writing (tests, or a file never written). */
  static of(rows: Iterable<readonly Cell[]>, size: number, dates: readonly (DateKind | undefined)[] = []): ColumnStats {
    const stats = new ColumnStats(size, dates);
    const encoder = new TextEncoder();
    for (const row of rows) {
      for (let i = 0; i < size; i++) {
        const v = row[i];
        const bytes = typeof v === "string" ? encoder.encode(v).length + 3 : typeof v === "number" ? String(v).length : typeof v === "boolean" ? 5 : 0;
        stats.observe(i, v, bytes);
      }
      stats.rows++;
    }
    return stats;
  }
}
