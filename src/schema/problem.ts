import { findNodeAtLocation, parseTree, type Node, type ParseError, printParseErrorCode } from "jsonc-parser";
import type { Problem } from "./format-problem.ts";

/** One thing wrong with an input (defined with its printed form, format-problem.ts). */
export type { Problem };

export type JsonPathSegment = string | number;

export function pathToString(segments: readonly JsonPathSegment[]): string {
  let out = "";
  for (const s of segments) {
    if (typeof s === "number") out += `[${s}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(s)) out += out ? `.${s}` : s;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}

export function parsePath(path: string): JsonPathSegment[] {
  const out: JsonPathSegment[] = [];
  const re = /([A-Za-z_$][\w$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(path))) {
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push(Number(m[2]));
    else if (m[3] !== undefined) out.push(JSON.parse(m[3]) as string);
  }
  return out;
}

export function offsetToLineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      last = i;
    }
  }
  return { line, column: offset - last };
}

/** A parsed JSON tree that can say where a path is in the source text. */
export interface JsonLocator {
  /** Offset range of the value at `path` (or of its closest existing ancestor). */
  range(path: string | readonly JsonPathSegment[]): { offset: number; length: number } | undefined;
  position(path: string | readonly JsonPathSegment[]): { line: number; column: number } | undefined;
}

export function createJsonLocator(text: string): JsonLocator {
  const root: Node | undefined = parseTree(text, [], { allowTrailingComma: false, disallowComments: true });
  const find = (path: string | readonly JsonPathSegment[]) => {
    if (!root) return undefined;
    const segs = typeof path === "string" ? parsePath(path) : [...path];
    for (let n = segs.length; n >= 0; n--) {
      const node = findNodeAtLocation(root, segs.slice(0, n));
      if (node) {
        // For a property key, point at the key rather than at the value.
        const target = n === segs.length && node.parent?.type === "property" ? node.parent : node;
        return { offset: target.offset, length: target.length };
      }
    }
    return undefined;
  };
  return {
    range: find,
    position(path) {
      const r = find(path);
      return r ? offsetToLineColumn(text, r.offset) : undefined;
    },
  };
}

/** JSON.parse with an error that names line and column; refuses nesting deeper than {@link MAX_JSON_DEPTH}. */
export function parseJsonText(
  text: string,
  file: string,
): { ok: true; value: unknown } | { ok: false; problems: Problem[] } {
  const deep = tooDeep(text, MAX_JSON_DEPTH);
  if (deep) {
    const path = pathToString(deep.path);
    return {
      ok: false,
      problems: [
        {
          file,
          path,
          severity: "error",
          source: "json",
          message: `${path || "the file"} nests objects and arrays more than ${MAX_JSON_DEPTH} levels deep: no survey or response needs that many`,
          ...offsetToLineColumn(text, deep.offset),
        },
      ],
    };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    const errors: ParseError[] = [];
    parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
    const first = errors[0];
    const pos = first ? offsetToLineColumn(text, first.offset) : { line: 1, column: 1 };
    const what = first ? describeParseError(printParseErrorCode(first.error)) : "the text is not valid JSON";
    return {
      ok: false,
      problems: [{ file, path: "", severity: "error", source: "json", message: `JSON syntax error: ${what}`, ...pos }],
    };
  }
}

function describeParseError(code: string): string {
  const words: Record<string, string> = {
    InvalidSymbol: "unexpected character",
    InvalidNumberFormat: "invalid number",
    PropertyNameExpected: "a property name in double quotes was expected",
    ValueExpected: "a value was expected",
    ColonExpected: "a colon ':' was expected",
    CommaExpected: "a comma ',' was expected",
    CloseBraceExpected: "a closing '}' was expected",
    CloseBracketExpected: "a closing ']' was expected",
    EndOfFileExpected: "extra text after the end of the JSON",
    InvalidCommentToken: "comments are not allowed in JSON",
    UnexpectedEndOfComment: "unterminated comment",
    UnexpectedEndOfString: "unterminated string",
    UnexpectedEndOfNumber: "unterminated number",
    InvalidUnicode: "invalid unicode escape",
    InvalidEscapeCharacter: "invalid escape character",
    InvalidCharacter: "invalid character in string",
  };
  return words[code] ?? code;
}

/**
 * How deeply a JSON file (survey, responses) may nest objects and arrays. Real surveys stay under
 * 20 (page → panel → question → column → choice → text); the JSON tree locator, survey-core and
 * the tools that walk a definition recurse (and slow down sharply with depth), so deeper files
 * are refused before anything recurses.
 */
export const MAX_JSON_DEPTH = 64;

/** Where `text` first nests deeper than `max` (its JSON path and offset); a plain scan, no recursion. */
export function tooDeep(text: string, max: number): { path: (string | number)[]; offset: number } | undefined {
  const stack: { array: boolean; key: string | number | undefined }[] = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      let j = i + 1;
      while (j < text.length && text.charCodeAt(j) !== 34) j += text.charCodeAt(j) === 92 /* \ */ ? 2 : 1;
      const top = stack.at(-1);
      if (top && !top.array && expectKey) {
        try {
          top.key = JSON.parse(text.slice(i, j + 1)) as string;
        } catch {
          top.key = text.slice(i + 1, j);
        }
        expectKey = false;
      }
      i = j;
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      stack.push({ array: c === 91, key: c === 91 ? 0 : undefined });
      expectKey = c === 123;
      if (stack.length > max) return { path: stack.slice(0, -1).map((s) => s.key ?? ""), offset: i };
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      stack.pop();
      expectKey = false;
    } else if (c === 44 /* , */) {
      const top = stack.at(-1);
      if (top?.array) top.key = (top.key as number) + 1;
      else if (top) expectKey = true;
    }
  }
  return undefined;
}
