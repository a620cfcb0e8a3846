/**
 * Reading CSV, with papaparse (RFC 4180 and the variants spreadsheets write: quotes, doubled
 * quotes, CRLF/LF/CR, a BOM), as a whole text or streamed from a File piece by piece (the import
 * worker). The delimiter (comma, semicolon or tab) is taken from the header line.
 */
import Papa from "papaparse";
import type { Problem } from "../schema/problem.ts";

/** papaparse's settings for the CSV files this app reads. */
export const csvParseConfig = () => ({ skipEmptyLines: false as const });

/** A CSV that cannot be read at all. */
export class CsvFileError extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems[0]?.message ?? "the CSV cannot be read");
  }
}

/** Parses CSV text (a leading BOM is skipped) into rows of fields. Blank last lines are not rows. */
export function parseCsv(input: string, delimiter?: string): { rows: string[][]; delimiter: string } {
  const d = delimiter ?? detectDelimiter(input);
  const rows = Papa.parse<string[]>(input, { ...csvParseConfig(), delimiter: d }).data;
  while (rows.length > 0 && isBlank(rows[rows.length - 1]!)) rows.pop();
  return { rows, delimiter: d };
}

/**
 * The delimiter: the most frequent of comma, semicolon and tab in the first record (outside
 * quotes). The header of an export names columns and never holds the others, where papaparse's
 * own guess, which compares field counts over the first rows, can take the `;` inside joined
 * multiple choices for the delimiter of a short file.
 */
export function detectDelimiter(text: string): string {
  const counts: Record<string, number> = { ",": 0, ";": 0, "\t": 0 };
  let quoted = false;
  for (let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) break;
    else if (!quoted && ch in counts) counts[ch]!++;
  }
  let best = ",";
  for (const d of [";", "\t"]) if ((counts[d] ?? 0) > (counts[best] ?? 0)) best = d;
  return best;
}

export function isBlank(row: readonly string[]): boolean {
  return row.length === 0 || (row.length === 1 && row[0] === "");
}

/** Lines a row takes in the file (a quoted cell may hold line breaks). */
export function rowLines(row: readonly string[]): number {
  let n = 1;
  for (const cell of row) {
    for (let i = cell.indexOf("\n"); i >= 0; i = cell.indexOf("\n", i + 1)) n++;
    // A lone CR is a line break too.
    for (let i = cell.indexOf("\r"); i >= 0; i = cell.indexOf("\r", i + 1)) if (cell.charCodeAt(i + 1) !== 10) n++;
  }
  return n;
}

/**
 * The rows of a CSV (a Blob or File, read piece by piece, or a string), parsed by papaparse one
 * piece (`chunkBytes`) at a time; `onBatch` may be async (papaparse waits for it). `chars` is
 * how far into the text parsing has come. Fails with a {@link CsvFileError} on a quoted cell that
 * never closes (the rest of the file would be one cell).
 */
export function csvRows(
  source: Blob | string,
  onBatch: (rows: string[][], progress: { chars: number }) => void | Promise<void>,
  options: { chunkBytes?: number } = {},
): Promise<void> {
  const start = typeof source === "string" ? Promise.resolve(source.slice(0, 64 * 1024)) : source.slice(0, 64 * 1024).text();
  return start.then((head) => parseRows(source, detectDelimiter(head), onBatch, options.chunkBytes ?? 1024 * 1024));
}

function parseRows(source: Blob | string, delimiter: string, onBatch: (rows: string[][], progress: { chars: number }) => void | Promise<void>, chunkBytes: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let failed = false;
    let rowsBefore = 0;
    Papa.parse<string[]>(source as File, {
      ...csvParseConfig(),
      delimiter,
      chunkSize: chunkBytes,
      chunk(results, parser) {
        if (failed) return;
        const unclosed = results.errors.find((e) => e.code === "MissingQuotes");
        if (unclosed) {
          failed = true;
          parser.abort();
          const row = rowsBefore + (unclosed.row ?? 0) + 1;
          reject(new CsvFileError([{ file: "", path: "", severity: "error", source: "csv", message: `the quoted cell that starts in row ${row} never closes: the rest of the file would be one cell` }]));
          return;
        }
        rowsBefore += results.data.length;
        const out = onBatch(results.data, { chars: results.meta.cursor });
        if (out && typeof (out as Promise<void>).then === "function") {
          parser.pause();
          (out as Promise<void>).then(
            () => parser.resume(),
            (e: unknown) => {
              failed = true;
              parser.abort();
              reject(e);
            },
          );
        }
      },
      complete() {
        if (!failed) resolve();
      },
      error(e: Error) {
        failed = true;
        reject(e);
      },
    });
  });
}

