/** A small RFC 4180 reader for CSV files this app exported (and most others): quotes, doubled quotes, CRLF/LF/CR. */

const QUOTE = 34;
const CR = 13;
const LF = 10;

/** The delimiter used in the first record: the most frequent of "," ";" and tab outside quotes. */
export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>([
    [",", 0],
    [";", 0],
    ["\t", 0],
  ]);
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) quoted = !quoted;
    else if (!quoted && (c === LF || c === CR)) break;
    else if (!quoted) {
      const ch = text[i] as string;
      const n = counts.get(ch);
      if (n !== undefined) counts.set(ch, n + 1);
    }
  }
  let best = ",";
  for (const [d, n] of counts) if (n > (counts.get(best) ?? 0)) best = d;
  return best;
}

/** Parses CSV text (a leading BOM is skipped) into rows of fields. A blank last line is not a row. */
export function parseCsv(input: string, delimiter?: string): { rows: string[][]; delimiter: string } {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const d = delimiter ?? detectDelimiter(text);
  const dc = d.charCodeAt(0);
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    let field: string;
    if (text.charCodeAt(i) === QUOTE) {
      let out = "";
      let start = ++i;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) {
          out += text.slice(start);
          i = n;
          break;
        }
        if (text.charCodeAt(q + 1) === QUOTE) {
          out += text.slice(start, q + 1);
          i = start = q + 2;
          continue;
        }
        out += text.slice(start, q);
        i = q + 1;
        break;
      }
      // Anything between the closing quote and the delimiter is kept (lenient).
      const from = i;
      while (i < n && text.charCodeAt(i) !== dc && text.charCodeAt(i) !== LF && text.charCodeAt(i) !== CR) i++;
      field = out + text.slice(from, i);
    } else {
      const from = i;
      while (i < n && text.charCodeAt(i) !== dc && text.charCodeAt(i) !== LF && text.charCodeAt(i) !== CR) i++;
      field = text.slice(from, i);
    }
    row.push(field);
    if (i >= n) break;
    const c = text.charCodeAt(i);
    if (c === dc) {
      i++;
      if (i >= n) row.push("");
      continue;
    }
    // End of record: CRLF, LF or CR.
    i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
    rows.push(row);
    row = [];
  }
  if (row.length > 0) rows.push(row);
  return { rows, delimiter: d };
}
