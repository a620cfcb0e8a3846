/**
 * summarize: per-question summaries for the charts route (pure; no charting code here).
 *
 * - choice questions (radiogroup, dropdown, boolean, checkbox, tagbox, imagepicker): a count and
 *   percentage per choice (percent of those who answered; several choices can add up to more
 *   than 100 % for multiple-answer questions), plus the "Other" texts;
 * - numbers, ratings, sliders and numeric expressions: count, min, median, mean, max and bins
 *   (one bin per rating value);
 * - matrices: row × column counts (for matrixdropdown, one per choice column);
 * - ranking: mean rank and first-place count per item;
 * - text: how many answered, how many distinct answers and a sample of the latest answers.
 * Dynamic panels and matrices are pooled over their entries, with the number of entries as a
 * numeric summary. Filters keep the responses whose answer to a question is one of some codes.
 */
import { itemCode } from "./columns.ts";
import { definitionToTree, mergeTrees, type Choice, type GroupNode, type QuestionNode, type ValueNode } from "../definition/answer-tree.ts";
import { builtInText, defaultLanguageOf } from "../definition/text.ts";
import type { ExportDefinition, ExportRecord, LocalizedText, Scalar } from "./types.ts";

export interface SummaryFilter {
  /** Top-level question key, e.g. "country". */
  question: string;
  /** Keep responses whose answer is (or, for multiple answers, contains) one of these codes. */
  values: readonly Scalar[];
}

export interface SummaryOptions {
  filters?: readonly SummaryFilter[];
  /** Also count drafts (default false, like the export). */
  includeDrafts?: boolean;
  /** Text answers to keep as a sample (default 5). */
  sampleSize?: number;
}

interface SummaryBase {
  /** Column-style path, e.g. `country`, `support_structures`, `initiatives/init_lead`. */
  key: string;
  /** Top-level question name. */
  question: string;
  /** Title parts (question, then column / item), to be joined with " / " in the chosen language. */
  title: LocalizedText[];
  type: string;
  /** Responses (or repeat entries) with an answer. */
  answered: number;
  /** Responses (or repeat entries) considered. */
  total: number;
}

export interface ChoiceCount {
  code: string;
  label?: LocalizedText;
  count: number;
  /** Of `answered`, 0–100. */
  percent: number;
}

export interface ChoiceSummary extends SummaryBase {
  kind: "choice";
  multiple: boolean;
  options: ChoiceCount[];
  /** Texts given with "Other". */
  other?: { count: number; sample: string[] };
}

export interface NumericSummary extends SummaryBase {
  kind: "numeric";
  min: number;
  max: number;
  mean: number;
  median: number;
  /** Bins in order; `to` is inclusive for the last bin only. For ratings, one bin per value (from = to). */
  bins: { from: number; to: number; count: number; label?: LocalizedText }[];
}

export interface MatrixSummary extends SummaryBase {
  kind: "matrix";
  rows: { code: string; label?: LocalizedText }[];
  columns: { code: string; label?: LocalizedText }[];
  /** counts[row][column]. */
  counts: number[][];
}

export interface RankingSummary extends SummaryBase {
  kind: "ranking";
  items: { code: string; label?: LocalizedText; meanRank: number; firstCount: number }[];
}

export interface TextSummary extends SummaryBase {
  kind: "text";
  distinct: number;
  /** Latest distinct answers first. */
  sample: string[];
}

export type QuestionSummary = ChoiceSummary | NumericSummary | MatrixSummary | RankingSummary | TextSummary;

export interface SurveySummary {
  surveyId: string;
  /** Responses after filters. */
  responses: number;
  defaultLanguage: string;
  questions: QuestionSummary[];
}

function asObject(v: unknown): Record<string, unknown> | undefined {
  return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

function isAnswered(v: unknown): boolean {
  if (v === undefined || v === null || v === "") return false;
  if (Array.isArray(v)) return v.length > 0;
  const o = asObject(v);
  return o === undefined || Object.keys(o).length > 0;
}

function toNumber(v: unknown): number | undefined {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

function label(c: Choice): { code: string; label?: LocalizedText } {
  return c.text === undefined ? { code: c.code } : { code: c.code, label: c.text };
}

function numericBins(values: number[], discrete: readonly Choice[] | undefined): NumericSummary["bins"] {
  if (discrete && discrete.length > 0) {
    return discrete.map((c) => {
      const v = Number(c.value);
      const bin: NumericSummary["bins"][number] = { from: v, to: v, count: values.filter((x) => x === v).length };
      if (c.text !== undefined) bin.label = c.text;
      return bin;
    });
  }
  // `values` is sorted.
  const min = values[0] as number;
  const max = values[values.length - 1] as number;
  if (min === max) return [{ from: min, to: max, count: values.length }];
  if (values.every(Number.isInteger) && max - min <= 20) {
    const bins = Array.from({ length: max - min + 1 }, (_, i) => ({ from: min + i, to: min + i, count: 0 }));
    for (const v of values) (bins[v - min] as { count: number }).count++;
    return bins;
  }
  const k = Math.min(20, Math.max(1, Math.ceil(Math.log2(values.length) + 1)));
  const width = (max - min) / k;
  const bins = Array.from({ length: k }, (_, i) => ({ from: round(min + i * width, 6), to: round(i === k - 1 ? max : min + (i + 1) * width, 6), count: 0 }));
  for (const v of values) (bins[Math.min(k - 1, Math.floor((v - min) / width))] as { count: number }).count++;
  return bins;
}

function numericSummary(base: SummaryBase, values: number[], discrete?: readonly Choice[]): NumericSummary | undefined {
  if (values.length === 0 && !(discrete && discrete.length > 0)) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  const median = n === 0 ? NaN : n % 2 === 1 ? (sorted[(n - 1) / 2] as number) : ((sorted[n / 2 - 1] as number) + (sorted[n / 2] as number)) / 2;
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    ...base,
    kind: "numeric",
    min: n === 0 ? NaN : (sorted[0] as number),
    max: n === 0 ? NaN : (sorted[n - 1] as number),
    mean: n === 0 ? NaN : round(sum / n, 4),
    median,
    bins: n === 0 && discrete ? discrete.map((c) => ({ from: Number(c.value), to: Number(c.value), count: 0 })) : numericBins(sorted, discrete),
  };
}

interface Ctx {
  sampleSize: number;
  otherSuffix: string;
}

/** Values of a node over the scopes (each scope: a response's data or a repeat entry). */
function valuesOf(node: QuestionNode, scopes: readonly unknown[]): unknown[] {
  return scopes.map((s) => asObject(s)?.[node.key]);
}

function summarizeValue(node: ValueNode, base: SummaryBase, scopes: readonly unknown[], ctx: Ctx): QuestionSummary | undefined {
  if (node.files) return undefined;
  const values = valuesOf(node, scopes).filter(isAnswered);
  base.answered = values.length;
  if (node.choices.length > 0 && node.numeric && node.type === "rating") {
    return numericSummary(base, values.map(toNumber).filter((v): v is number => v !== undefined), node.choices);
  }
  if (node.choices.length > 0) return choiceSummary(node, base, values, scopes, ctx, false);
  const numbers = values.map((v) => (typeof v === "string" && !node.numeric ? undefined : toNumber(v)));
  if (values.length > 0 && numbers.every((v) => v !== undefined) && (node.numeric || values.every((v) => typeof v === "number"))) {
    return numericSummary(base, numbers as number[]);
  }
  if (node.numeric) return numericSummary(base, numbers.filter((v): v is number => v !== undefined));
  return textSummary(base, values, ctx);
}

function textSummary(base: SummaryBase, values: readonly unknown[], ctx: Ctx): TextSummary {
  const texts = values.map((v) => (typeof v === "object" ? JSON.stringify(v) : String(v)));
  const distinct = new Set(texts);
  const sample: string[] = [];
  for (let i = texts.length - 1; i >= 0 && sample.length < ctx.sampleSize; i--) {
    const t = texts[i] as string;
    if (!sample.includes(t)) sample.push(t);
  }
  return { ...base, kind: "text", distinct: distinct.size, sample };
}

function choiceSummary(
  node: ValueNode | Extract<QuestionNode, { kind: "multi" }>,
  base: SummaryBase,
  values: readonly unknown[],
  scopes: readonly unknown[],
  ctx: Ctx,
  multiple: boolean,
): ChoiceSummary {
  const counts = new Map<string, number>(node.choices.map((c) => [c.code, 0]));
  const inline = node.other?.inline === true;
  const otherTexts: string[] = [];
  for (const v of values) {
    const items = Array.isArray(v) ? v : [v];
    const seen = new Set<string>();
    for (const item of items) {
      let code = itemCode(item);
      if (!counts.has(code)) {
        if (inline) {
          otherTexts.push(code);
          code = "other";
        } else counts.set(code, 0);
      }
      if (!seen.has(code)) {
        seen.add(code);
        counts.set(code, (counts.get(code) ?? 0) + 1);
      }
    }
  }
  if (node.other && !inline) {
    for (const s of scopes) {
      const t = asObject(s)?.[node.key + ctx.otherSuffix];
      if (typeof t === "string" && t !== "") otherTexts.push(t);
    }
  }
  const options: ChoiceCount[] = [...counts].map(([code, count]) => {
    const c = node.choices.find((x) => x.code === code);
    const o: ChoiceCount = { code, count, percent: values.length === 0 ? 0 : round((count / values.length) * 100, 1) };
    if (c?.text !== undefined) o.label = c.text;
    return o;
  });
  const out: ChoiceSummary = { ...base, kind: "choice", multiple, options };
  if (node.other) {
    const sample: string[] = [];
    for (let i = otherTexts.length - 1; i >= 0 && sample.length < ctx.sampleSize; i--) {
      const t = otherTexts[i] as string;
      if (!sample.includes(t)) sample.push(t);
    }
    out.other = { count: otherTexts.length, sample };
  }
  return out;
}

function matrixSummary(base: SummaryBase, rows: readonly { code: string; label?: LocalizedText }[], columns: readonly Choice[], cells: (row: number) => unknown[]): MatrixSummary {
  const colIndex = new Map(columns.map((c, i) => [c.code, i]));
  const perRow = rows.map((_, r) => cells(r));
  let answered = 0;
  const counts = perRow.map((rowValues) => {
    const line = columns.map(() => 0);
    for (const v of rowValues) {
      if (!isAnswered(v)) continue;
      for (const item of Array.isArray(v) ? v : [v]) {
        const i = colIndex.get(itemCode(item));
        if (i !== undefined) line[i] = (line[i] ?? 0) + 1;
      }
    }
    return line;
  });
  for (let s = 0; s < base.total; s++) {
    if (perRow.some((rowValues) => isAnswered(rowValues[s]))) answered++;
  }
  return { ...base, answered, kind: "matrix", rows: [...rows], columns: columns.map(label), counts };
}

function summarizeNodes(nodes: readonly QuestionNode[], scopes: readonly unknown[], prefix: { key: string; title: LocalizedText[]; question?: string }, ctx: Ctx, out: QuestionSummary[]): void {
  for (const node of nodes) {
    const key = prefix.key ? `${prefix.key}/${node.name}` : node.name;
    const title = [...prefix.title, node.title ?? node.name];
    const base: SummaryBase = { key, question: prefix.question ?? node.name, title, type: node.type, answered: 0, total: scopes.length };
    switch (node.kind) {
      case "value": {
        const s = summarizeValue(node, base, scopes, ctx);
        if (s) out.push(s);
        break;
      }
      case "multi": {
        const values = valuesOf(node, scopes).filter(isAnswered);
        base.answered = values.length;
        if (node.ordered && node.choices.length > 0) {
          const ranks = new Map(node.choices.map((c) => [c.code, { sum: 0, n: 0, first: 0 }]));
          for (const v of values) {
            (Array.isArray(v) ? v : [v]).forEach((item, i) => {
              const r = ranks.get(itemCode(item));
              if (!r) return;
              r.sum += i + 1;
              r.n++;
              if (i === 0) r.first++;
            });
          }
          const items = node.choices.map((c) => {
            const r = ranks.get(c.code) ?? { sum: 0, n: 0, first: 0 };
            return { ...label(c), meanRank: r.n === 0 ? NaN : round(r.sum / r.n, 2), firstCount: r.first };
          });
          out.push({ ...base, kind: "ranking", items: items.sort((a, b) => (a.meanRank || Infinity) - (b.meanRank || Infinity)) });
        } else if (node.choices.length > 0) out.push(choiceSummary(node, base, values, scopes, ctx, true));
        break;
      }
      case "group": {
        const objects = valuesOf(node, scopes).map(asObject);
        const children = node.children;
        if (node.childRole === "row" && children.every((c) => c.kind === "value" || c.kind === "multi")) {
          // matrix: rows × columns
          const first = children[0];
          const columns = first && (first.kind === "value" || first.kind === "multi") ? first.choices : [];
          const rows = children.map((c) => (c.title === undefined ? { code: c.key } : { code: c.key, label: c.title }));
          out.push(matrixSummary(base, rows, columns, (r) => objects.map((o) => o?.[(children[r] as QuestionNode).key])));
        } else if (node.childRole === "row") {
          // matrixdropdown: one matrix per choice column, other cells per row
          const rowNodes = children.filter((c): c is GroupNode => c.kind === "group");
          const cells = rowNodes[0]?.children ?? [];
          const rows = rowNodes.map((c) => (c.title === undefined ? { code: c.key } : { code: c.key, label: c.title }));
          for (const cell of cells) {
            const cellBase: SummaryBase = { ...base, key: `${key}/${cell.name}`, title: [...title, cell.title ?? cell.name], type: cell.type };
            if ((cell.kind === "value" || cell.kind === "multi") && cell.choices.length > 0 && !(cell.kind === "value" && cell.numeric && cell.type !== "boolean")) {
              out.push(matrixSummary(cellBase, rows, cell.choices, (r) => objects.map((o) => asObject(o?.[(rowNodes[r] as GroupNode).key])?.[cell.key])));
            } else {
              for (const row of rowNodes) {
                const rowScopes = objects.map((o) => o?.[row.key]);
                summarizeNodes([cell], rowScopes, { key: `${key}/${row.name}`, title: [...title, row.title ?? row.name], question: base.question }, ctx, out);
              }
            }
          }
        } else {
          summarizeNodes(children, objects, { key, title, question: base.question }, ctx, out);
        }
        break;
      }
      case "repeat": {
        const lists = valuesOf(node, scopes);
        const counts: number[] = [];
        const entries: unknown[] = [];
        for (const l of lists) {
          if (!Array.isArray(l)) continue;
          counts.push(l.length);
          entries.push(...l);
        }
        const countSummary = numericSummary({ ...base, answered: counts.length, title: [...title, builtInText("entries")] }, counts);
        if (countSummary) out.push(countSummary);
        summarizeNodes(node.children, entries, { key, title, question: base.question }, ctx, out);
        break;
      }
    }
  }
}

function matchesFilters(r: ExportRecord, filters: readonly SummaryFilter[]): boolean {
  for (const f of filters) {
    const v = r.data[f.question];
    const wanted = new Set(f.values.map(String));
    const items = Array.isArray(v) ? v : [v];
    if (!items.some((item) => item !== undefined && item !== null && wanted.has(itemCode(item)))) return false;
  }
  return true;
}

/** Summaries of every question of a survey over its responses (all versions' questions, merged as in the export). */
export function summarize(
  definitions: ExportDefinition | readonly ExportDefinition[],
  records: readonly ExportRecord[],
  options: SummaryOptions = {},
): SurveySummary {
  const defs = (Array.isArray(definitions) ? [...definitions] : [definitions as ExportDefinition]).sort((a, b) => b.version - a.version);
  const newest = defs[0];
  if (!newest) return { surveyId: "", responses: 0, defaultLanguage: "en", questions: [] };
  const surveyId = newest.surveyId;
  const filters = options.filters ?? [];
  const kept = records
    .filter((r) => r.surveyId === surveyId && (options.includeDrafts === true || r.status === "completed") && matchesFilters(r, filters))
    .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
  const versions = new Set(kept.map((r) => r.surveyVersion));
  let used = defs.filter((d) => d.surveyId === surveyId && versions.has(d.version));
  if (used.length === 0) used = [newest];
  const tree = mergeTrees(used.map((d) => definitionToTree(d.json)), () => undefined);
  const questions: QuestionSummary[] = [];
  summarizeNodes(tree.nodes, kept.map((r) => r.data), { key: "", title: [] }, { sampleSize: options.sampleSize ?? 5, otherSuffix: tree.commentSuffix }, questions);
  return { surveyId, responses: kept.length, defaultLanguage: defaultLanguageOf(newest.json), questions };
}
