/**
 * Variable names that R, Stata and SPSS accept, made from the CSV's column names.
 *
 * - R: a syntactic name (letters, digits, "." and "_", starting with a letter), not a reserved
 *   word; case matters.
 * - Stata (14 or newer): letters, digits and "_", starting with a letter, at most 32 characters,
 *   not one of Stata's reserved names (`_all`, `byte`, `if`, `str1`…`str2045`, `strL`, …); case
 *   matters.
 * - SPSS and PSPP: letters, digits, "_" and ".", starting with a letter, not ending in "." or
 *   "_", at most 64 bytes of UTF-8, not a reserved word (`ALL`, `AND`, `BY`, `EQ`, …); case does
 *   NOT matter, so `Age` and `age` are the same variable.
 *
 * A name that is not valid is changed as little as possible: other characters become "_", a name
 * that does not start with a letter gets a "v" in front, a reserved word gets "_" (SPSS: "_v")
 * after it, a long name is cut and a name used twice gets `_2`, `_3`, … Every change is listed
 * (`renamed`), so the scripts and the codebook can show the mapping.
 */

export type StatsPackage = "r" | "stata" | "spss";

const R_RESERVED = new Set([
  "if", "else", "repeat", "while", "function", "for", "next", "break", "in", "TRUE", "FALSE", "NULL", "Inf", "NaN", "NA",
  "NA_integer_", "NA_real_", "NA_character_", "NA_complex_",
]);
const STATA_RESERVED = new Set(["_all", "_b", "byte", "_coef", "_cons", "double", "float", "if", "in", "int", "long", "_n", "_N", "_pi", "_pred", "_rc", "_skip", "strL", "using", "with"]);
const SPSS_RESERVED = new Set(["ALL", "AND", "BY", "EQ", "GE", "GT", "LE", "LT", "NE", "NOT", "OR", "TO", "WITH"]);

const STATA_MAX = 32;
const SPSS_MAX_BYTES = 64;

function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

/** Cuts `s` to at most `max` units, counted by `size` (characters or bytes), on a character boundary. */
function cut(s: string, max: number, size: (s: string) => number): string {
  if (size(s) <= max) return s;
  let out = "";
  for (const ch of s) {
    if (size(out + ch) > max) break;
    out += ch;
  }
  return out;
}

const chars = (s: string) => [...s].length;

interface Rules {
  /** Characters allowed after the first. */
  allowed: RegExp;
  reserved: (name: string) => boolean;
  reservedSuffix: string;
  /** Cuts a name to the package's limit. */
  limit: (name: string) => string;
  /** The key under which two names are the same variable. */
  key: (name: string) => string;
  /** Final touches (SPSS: no "." or "_" at the end). */
  finish?: (name: string) => string;
}

const RULES: Record<StatsPackage, Rules> = {
  r: {
    allowed: /[\p{L}\p{N}._]/u,
    reserved: (n) => R_RESERVED.has(n),
    reservedSuffix: "_",
    limit: (n) => n,
    key: (n) => n,
  },
  stata: {
    allowed: /[A-Za-z0-9_]/,
    reserved: (n) => STATA_RESERVED.has(n) || /^str([1-9]\d{0,3})$/.test(n),
    reservedSuffix: "_",
    limit: (n) => cut(n, STATA_MAX, chars),
    key: (n) => n,
  },
  spss: {
    allowed: /[\p{L}\p{N}_.]/u,
    reserved: (n) => SPSS_RESERVED.has(n.toUpperCase()),
    reservedSuffix: "_v",
    limit: (n) => cut(n, SPSS_MAX_BYTES, utf8Length),
    key: (n) => n.toLowerCase(),
    finish: (n) => n.replace(/[._]+$/, "") || "v",
  },
};

/** One name made valid for a package, before making it unique. */
export function packageName(name: string, pkg: StatsPackage): string {
  const rules = RULES[pkg];
  let out = "";
  for (const ch of name.normalize("NFC")) out += rules.allowed.test(ch) ? ch : "_";
  if (!/^\p{L}/u.test(out) || (pkg === "stata" && !/^[A-Za-z]/.test(out))) out = `v${out}`;
  out = rules.limit(out);
  if (rules.finish) out = rules.limit(rules.finish(out));
  if (rules.reserved(out)) out = rules.limit(out + rules.reservedSuffix);
  return out;
}

export interface PackageNames {
  /** The valid name of every column, in order. */
  names: string[];
  /** The columns whose name had to change: `{ column, name }`. */
  renamed: { column: string; name: string }[];
}

/**
 * Valid, distinct names for a list of column names (one data file). A name that would repeat
 * (after cutting to the limit, or in another case for SPSS) gets `_2`, `_3`, … within the limit.
 */
export function packageNames(columns: readonly string[], pkg: StatsPackage): PackageNames {
  const rules = RULES[pkg];
  const used = new Set<string>();
  const names: string[] = [];
  const renamed: { column: string; name: string }[] = [];
  // Names that are valid as they are keep them; the others take what is left.
  const first = columns.map((c) => packageName(c, pkg));
  const keepsOwn = new Set<number>();
  columns.forEach((c, i) => {
    if (first[i] === c && !used.has(rules.key(c))) {
      used.add(rules.key(c));
      keepsOwn.add(i);
    }
  });
  columns.forEach((column, i) => {
    let name = first[i] as string;
    if (!keepsOwn.has(i)) {
      for (let n = 2; used.has(rules.key(name)); n++) {
        const suffix = `_${n}`;
        const own = first[i] as string;
        const stem = pkg === "stata" ? cut(own, STATA_MAX - suffix.length, chars) : pkg === "spss" ? cut(own, SPSS_MAX_BYTES - suffix.length, utf8Length) : own;
        name = `${stem.replace(/(?<=.)_+$/, "")}${suffix}`;
      }
      used.add(rules.key(name));
    }
    names.push(name);
    if (name !== column) renamed.push({ column, name });
  });
  return { names, renamed };
}
