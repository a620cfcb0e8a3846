/**
 * Changes between two versions of a survey that break the responses already collected:
 * a question removed or renamed, its type changed, a choice value removed. And how many
 * stored responses hold an answer that the change affects.
 */
import { definitionToTree, type QuestionNode } from "./answer-tree.ts";
import { isObject, type Json } from "./elements.ts";
import { textIn } from "./text.ts";

/** One place in a response's data: a question, or a field inside a dynamic panel, matrix or multiple text. */
export interface DataField {
  /** Data keys from the top: ["q"], ["panel", "q"] for a question of a dynamic panel, ["matrix", "col"]. */
  key: string[];
  type: string;
  title: string;
  /** Choice values (as strings) when the question has a fixed list. */
  choices?: string[];
  /** Position among the survey's fields, to pair a removed field with its renamed successor. */
  order: number;
}

export type BreakingChange =
  | { kind: "removed"; field: DataField }
  | { kind: "renamed"; field: DataField; to: DataField }
  | { kind: "typeChanged"; field: DataField; to: DataField; compatible: boolean }
  | { kind: "choicesRemoved"; field: DataField; values: string[] };

/**
 * Every field of a survey definition that stores data, from its answer tree (answer-tree.ts):
 * each question, and inside it the questions of a dynamic panel, the cells of a matrix (one field
 * per column, whatever the row) and the items of a multiple text.
 */
export function dataFields(definition: unknown): DataField[] {
  const out: DataField[] = [];
  if (!isObject(definition)) return out;
  const visit = (nodes: readonly QuestionNode[], scope: readonly string[]) => {
    for (const node of nodes) {
      const key = [...scope, node.key];
      const field: DataField = { key, type: node.type, title: textIn(node.title, "default") ?? "", order: out.length };
      if (node.kind === "value" || node.kind === "multi") field.choices = node.choices.map((c) => c.code);
      out.push(field);
      if (node.kind === "repeat" || (node.kind === "group" && node.childRole === "item")) visit(node.children, key);
      else if (node.kind === "group" && node.cells) visit(node.cells, key);
    }
  };
  visit(definitionToTree(definition).nodes, []);
  return out;
}

const keyOf = (f: DataField) => f.key.join("\u0000");

/** Types whose stored values read the same: a change among them keeps answers meaningful. */
const VALUE_SHAPES: Record<string, string> = {
  text: "scalar",
  comment: "scalar",
  radiogroup: "scalar",
  dropdown: "scalar",
  buttongroup: "scalar",
  rating: "scalar",
  imagepicker: "scalar",
  checkbox: "list",
  tagbox: "list",
  ranking: "list",
};

export function breakingChanges(before: unknown, after: unknown): BreakingChange[] {
  const oldFields = dataFields(before);
  const newFields = dataFields(after);
  const newByKey = new Map(newFields.map((f) => [keyOf(f), f]));
  const oldKeys = new Set(oldFields.map(keyOf));
  const added = newFields.filter((f) => !oldKeys.has(keyOf(f)));
  const claimed = new Set<DataField>();
  const out: BreakingChange[] = [];
  for (const f of oldFields) {
    const same = newByKey.get(keyOf(f));
    if (same) {
      if (same.type !== f.type) {
        const shape = VALUE_SHAPES[f.type];
        out.push({ kind: "typeChanged", field: f, to: same, compatible: shape !== undefined && shape === VALUE_SHAPES[same.type] });
      }
      if (f.choices && same.choices) {
        const kept = new Set(same.choices);
        const gone = f.choices.filter((v) => !kept.has(v));
        if (gone.length) out.push({ kind: "choicesRemoved", field: f, values: gone });
      }
      continue;
    }
    // A field that disappeared: renamed when a new field of the same type takes its title, or
    // is the only one of that type between the same kept neighbours (its place).
    const parent = f.key.slice(0, -1).join("\u0000");
    const candidates = added.filter((a) => !claimed.has(a) && a.type === f.type && a.key.slice(0, -1).join("\u0000") === parent);
    const byTitle = f.title ? candidates.find((a) => a.title === f.title) : undefined;
    const i = oldFields.indexOf(f);
    const kept = (x: DataField | undefined) => (x ? newByKey.get(keyOf(x)) : undefined);
    const before = oldFields.slice(0, i).reverse().map(kept).find((x) => x !== undefined);
    const after = oldFields.slice(i + 1).map(kept).find((x) => x !== undefined);
    const inPlace = candidates.filter((a) => a.order > (before?.order ?? -1) && a.order < (after?.order ?? Infinity));
    const byPlace = inPlace.length === 1 ? inPlace[0] : undefined;
    const to = byTitle ?? byPlace;
    if (to) {
      claimed.add(to);
      out.push({ kind: "renamed", field: f, to });
    } else out.push({ kind: "removed", field: f });
  }
  return out;
}

/** The values stored under a field's key path in one response's data (flattening dynamic panels and matrix rows). */
export function valuesAt(data: unknown, key: readonly string[]): unknown[] {
  let current: unknown[] = [data];
  key.forEach((segment, i) => {
    const next: unknown[] = [];
    for (const node of current) {
      if (!isObject(node as Json)) continue;
      const v = (node as Record<string, unknown>)[segment];
      if (v === undefined) continue;
      if (i < key.length - 1) {
        // A dynamic panel holds an array of objects; a matrix, an object of rows (or an array for a dynamic one).
        if (Array.isArray(v)) next.push(...v);
        else if (isObject(v as Json)) {
          const values = Object.values(v as object) as unknown[];
          if (values.every((x) => isObject(x as Json))) next.push(...values);
          else next.push(v);
        }
      } else next.push(v);
    }
    current = next;
  });
  return current.filter((v) => v !== undefined && v !== null && v !== "");
}

/** Does one response hold answers that this change affects? */
export function affects(change: BreakingChange, data: unknown): boolean {
  const values = valuesAt(data, change.field.key);
  if (change.kind !== "choicesRemoved") return values.length > 0;
  const gone = new Set(change.values);
  return values.some((v) => (Array.isArray(v) ? v.some((x) => gone.has(String(x))) : gone.has(String(v))));
}

/** Counts, for each change, the responses it affects, and the responses affected by any. */
export function countAffected(changes: readonly BreakingChange[], responses: readonly { data: unknown }[]): { perChange: number[]; total: number } {
  const perChange = changes.map((c) => responses.filter((r) => affects(c, r.data)).length);
  const total = responses.filter((r) => changes.some((c) => affects(c, r.data))).length;
  return { perChange, total };
}
