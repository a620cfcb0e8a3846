/**
 * Applying survey-core linter repairs to the file's text, edit by edit, so that the rest of
 * the designer's formatting stays as it was.
 */
import type { LintFix } from "../lint.ts";
import { removeValue, renameKey, setValue, strictTree, nodeAt, wrapInArray } from "./json-text.ts";

/** The text with the fix applied, or undefined when an edit no longer applies (the text changed since). */
export function applyLintFix(text: string, fix: LintFix): string | undefined {
  let out = text;
  for (const edit of fix.edits) {
    const exists = nodeAt(strictTree(out), edit.path) !== undefined;
    let next: string | undefined;
    switch (edit.op) {
      case "set":
        next = setValue(out, edit.path, edit.value);
        break;
      case "remove":
        next = exists ? removeValue(out, edit.path) : undefined;
        break;
      case "rename":
        next = exists && edit.key ? renameKey(out, edit.path, edit.key) : undefined;
        break;
      case "wrap":
        next = exists ? wrapInArray(out, edit.path) : undefined;
        break;
    }
    if (next === undefined) return undefined;
    out = next;
  }
  return out === text ? undefined : out;
}

/** A short description of what a fix does, from its first edit: for the fix button. */
export function describeFix(fix: LintFix): { op: LintFix["edits"][number]["op"]; target: string; value?: string } {
  const edit = fix.edits[0];
  const target = edit?.path.split(".").pop() ?? "";
  if (!edit) return { op: "set", target };
  if (edit.op === "rename") return { op: "rename", target, value: edit.key ?? "" };
  if (edit.op === "set") {
    const v = typeof edit.value === "string" ? edit.value : JSON.stringify(edit.value);
    return { op: "set", target, value: v.length > 60 ? `${v.slice(0, 57)}…` : v };
  }
  return { op: edit.op, target };
}
