/**
 * Formula neutralization for CSV cells (issue 12 item 9): which text a spreadsheet could run as a
 * formula when the CSV is opened, and the exact inverse.
 *
 * The rule. Text gets one leading apostrophe when
 * - it starts with tab, CR or LF (OWASP's list: these cells can be re-read as formulas once a
 *   spreadsheet trims or splits them), or
 * - its first character after any leading blanks is a formula starter: `=` `+` `-` `@`, or a
 *   compatibility form that normalizes to one of them (full-width `＝＋－＠`, small and
 *   superscript forms). Blanks are ASCII space, tab, CR, LF, NBSP, ideographic space U+3000, the
 *   other Unicode space separators, zero-width spaces and the byte-order mark —
 * unless the text is exactly a plain number (`-5`, `+1`, `-1.5`, `.5`, `1e-3`, `-1,5` with a
 * decimal comma): a formula made of one number can do nothing, and prefixing it would turn a
 * numeric column into text in Calc, Excel and R (choice codes such as `-1` stay as in the codebook).
 *
 * Why this list. OWASP's CSV-injection page lists = + - @ tab CR LF as starters. LibreOffice Calc
 * 7.4 (observed here, /work/shared/csv-notes.md) evaluates only a leading `=`, but a leading ASCII
 * space before `=` becomes a formula when its "Trim spaces" import option is on. Excel documents
 * + - @ as formula starters too (Lotus compatibility) and, typed through an East Asian input method,
 * turns a full-width `＝` into `=`; Google Sheets' import converts "text to numbers, dates and
 * formulas" by default. Blanks and compatibility forms cost nothing to cover, so they are covered:
 * a cell that any of these tools, with any import option, could see as a formula is prefixed.
 *
 * The reverse. Remove one leading apostrophe only when what follows it would itself be prefixed
 * ({@link unneutralize}); text that began with apostrophes before a starter (`'=x`) gets one more,
 * so removing one always gives back the answer exactly.
 */

const APOSTROPHE = 39;

/** Characters skipped before looking for a formula starter (see the module comment). */
function isBlank(c: number): boolean {
  if (c === 32 || c === 9 || c === 10 || c === 13) return true;
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200d) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x2060 ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** `=` `+` `-` `@` and the forms Unicode compatibility normalization (NFKC) maps to them. */
function isStarter(c: number): boolean {
  if (c === 61 || c === 43 || c === 45 || c === 64) return true;
  if (c < 0x207a) return false;
  return (
    c === 0xff1d || // ＝
    c === 0xff0b || // ＋
    c === 0xff0d || // －
    c === 0xff20 || // ＠
    c === 0xfe62 || // ﹢
    c === 0xfe63 || // ﹣
    c === 0xfe66 || // ﹦
    c === 0xfe6b || // ﹫
    c === 0x207a || // ⁺
    c === 0x207c || // ⁼
    c === 0x208a || // ₊
    c === 0x208c // ₌
  );
}

/**
 * Whether a cell's first UTF-16 unit can start a cell that needs neutralizing: a fast pre-check
 * for writers (false means the text never needs it; true means ask {@link needsNeutralizing}).
 */
export function mayNeedNeutralizing(firstCode: number): boolean {
  return firstCode === APOSTROPHE || isStarter(firstCode) || isBlank(firstCode);
}

/** Text that is exactly a number: optional sign, digits with `.` or `,` as decimal mark, optional exponent. */
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?$/;

export function isPlainNumber(s: string): boolean {
  return PLAIN_NUMBER.test(s);
}

/** The rule without the apostrophe run: could a spreadsheet read `s` as a formula? */
function formulaLike(s: string, from: number): boolean {
  const n = s.length;
  if (from >= n) return false;
  const first = s.charCodeAt(from);
  if (first === 9 || first === 13 || first === 10) return true;
  let i = from;
  while (i < n && isBlank(s.charCodeAt(i))) i++;
  if (i >= n || !isStarter(s.charCodeAt(i))) return false;
  return !(i === from && isPlainNumber(from === 0 ? s : s.slice(from)));
}

/**
 * Whether text gets the apostrophe: it is formula-like (module comment), or it is apostrophes
 * followed by formula-like text (so that removing one apostrophe always restores the answer).
 */
export function needsNeutralizing(s: string): boolean {
  let i = 0;
  while (i < s.length && s.charCodeAt(i) === APOSTROPHE) i++;
  return formulaLike(s, i);
}

/** The text as written in a CSV: with the apostrophe when {@link needsNeutralizing}. */
export function neutralizeText(s: string): string {
  return needsNeutralizing(s) ? `'${s}` : s;
}

/** The inverse of {@link neutralizeText}: one leading apostrophe removed when a formula-like text follows it. */
export function unneutralize(s: string): string {
  return s.charCodeAt(0) === APOSTROPHE && needsNeutralizing(s.slice(1)) ? s.slice(1) : s;
}
