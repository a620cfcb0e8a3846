/**
 * Edits on a survey file's JSON text that keep the designer's formatting: every structural
 * change in the designer (outline, fixes, translations, renames) is computed here as text
 * edits, so that the editor applies it as one ordinary, undoable transaction.
 */
import { applyEdits, findNodeAtLocation, getNodeValue, modify, parseTree, type Node, type ParseError } from "jsonc-parser";
import { parsePath, type JsonPathSegment } from "../../schema/problem.ts";

/** Replace `[from, to)` of the text with `insert`. */
export interface TextEdit {
  from: number;
  to: number;
  insert: string;
}

export type Path = readonly JsonPathSegment[];

export function toSegments(path: string | Path): JsonPathSegment[] {
  return typeof path === "string" ? parsePath(path) : [...path];
}

/** The indentation unit the text uses (two spaces when it cannot tell). */
export function detectIndent(text: string): { insertSpaces: boolean; tabSize: number } {
  const m = /\n([ \t]+)["{[]/.exec(text);
  if (m?.[1]?.startsWith("\t")) return { insertSpaces: false, tabSize: 1 };
  const size = m?.[1]?.length ?? 2;
  return { insertSpaces: true, tabSize: size > 0 && size <= 8 ? size : 2 };
}

function formatting(text: string) {
  const { insertSpaces, tabSize } = detectIndent(text);
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  return { insertSpaces, tabSize, eol };
}

/** A strict parse tree (undefined when the text is not valid JSON). */
export function strictTree(text: string): Node | undefined {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  return errors.length === 0 ? root : undefined;
}

export function nodeAt(root: Node | undefined, path: string | Path): Node | undefined {
  return root ? findNodeAtLocation(root, toSegments(path)) : undefined;
}

export function valueAt(root: Node | undefined, path: string | Path): unknown {
  const n = nodeAt(root, path);
  return n ? (getNodeValue(n) as unknown) : undefined;
}

/** Sets (or adds) the value at `path`; `undefined` removes it. Returns the new text. */
export function setValue(text: string, path: string | Path, value: unknown): string {
  return applyEdits(text, modify(text, toSegments(path), value, { formattingOptions: formatting(text) }));
}

/** Inserts `value` into the array at `arrayPath` before `index` (at the end when index ≥ length). */
export function insertItem(text: string, arrayPath: string | Path, index: number, value: unknown): string {
  const arr = nodeAt(strictTree(text), arrayPath);
  if (!arr || arr.type !== "array") return setValue(text, arrayPath, [value]);
  const at = Math.max(0, Math.min(index, arr.children?.length ?? 0));
  return applyEdits(
    text,
    modify(text, [...toSegments(arrayPath), at], value, { formattingOptions: formatting(text), isArrayInsertion: true }),
  );
}

export function removeValue(text: string, path: string | Path): string {
  return setValue(text, path, undefined);
}

/** Renames the key at `path` (keeping its place and its value's text). */
export function renameKey(text: string, path: string | Path, newKey: string): string | undefined {
  const node = nodeAt(strictTree(text), path);
  const keyNode = node?.parent?.type === "property" ? node.parent.children?.[0] : undefined;
  if (!keyNode) return undefined;
  return text.slice(0, keyNode.offset) + JSON.stringify(newKey) + text.slice(keyNode.offset + keyNode.length);
}

/** Wraps the value at `path` into an array, keeping its text. */
export function wrapInArray(text: string, path: string | Path): string | undefined {
  const node = nodeAt(strictTree(text), path);
  if (!node) return undefined;
  return `${text.slice(0, node.offset)}[${text.slice(node.offset, node.offset + node.length)}]${text.slice(node.offset + node.length)}`;
}

/** Replaces the value at `path` by a JSON string (keeping everything around it). */
export function replaceString(text: string, node: Node, value: string): TextEdit {
  return { from: node.offset, to: node.offset + node.length, insert: JSON.stringify(value) };
}

/**
 * The single smallest edit that turns `before` into `after` (common prefix and suffix kept):
 * what the editor dispatches for a structural change, so selection and folding elsewhere survive.
 */
export function minimalEdit(before: string, after: string): TextEdit | undefined {
  if (before === after) return undefined;
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endB = before.length;
  let endA = after.length;
  while (endB > start && endA > start && before.charCodeAt(endB - 1) === after.charCodeAt(endA - 1)) {
    endB--;
    endA--;
  }
  return { from: start, to: endB, insert: after.slice(start, endA) };
}

/** Applies non-overlapping edits (any order) to a text. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.from - a.from);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.from) + e.insert + out.slice(e.to);
  return out;
}

/** Offset range of the value at `path`: for selection in the editor. */
export function rangeOf(text: string, path: string | Path): { from: number; to: number } | undefined {
  const node = nodeAt(strictTree(text), path);
  return node ? { from: node.offset, to: node.offset + node.length } : undefined;
}
