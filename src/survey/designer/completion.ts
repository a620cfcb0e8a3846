/**
 * Schema-aware completion and hover for survey files, driven by survey-core's JSON Schema
 * (`Serializer.generateSchema()`: the same document as the package's `surveyjs_definition.json`,
 * built from the metadata survey-core has in memory, so it costs no download).
 *
 * Unlike a generic JSON Schema walker, it picks an element's schema by its `type` (the schema
 * lists ~30 element classes in an `anyOf`), which keeps completion exact and fast on large files.
 * Pure functions of (text, offset): the editor glue lives in src/components/designer/.
 */
import { getLocation, parse, type Node } from "jsonc-parser";
import { Serializer } from "survey-core";
import type { JsonPathSegment } from "../../schema/problem.ts";
import { LANGUAGE_CODES } from "../../i18n/languages.ts";
import { isObject, listElements, namesInUse } from "../../definition/elements.ts";
import { createElementSnippet, fileLanguages, type SnippetTexts } from "./snippets.ts";

type SchemaNode = Record<string, unknown>;

export type ValueKind = "string" | "number" | "boolean" | "enum" | "text" | "expression" | "array" | "object" | "any";

export interface PropertyInfo {
  name: string;
  kind: ValueKind;
  values?: (string | number | boolean)[];
  /** Class of the object (or array items) it holds. */
  itemClasses?: string[];
  defaultValue?: unknown;
}

interface ClassInfo {
  name: string;
  properties: Map<string, PropertyInfo>;
}

const ENVELOPE: PropertyInfo[] = [
  { name: "id", kind: "string" },
  { name: "version", kind: "number" },
  { name: "languages", kind: "array", values: [...LANGUAGE_CODES] },
];

let index: { classes: Map<string, ClassInfo>; root: ClassInfo; elementTypes: string[] } | undefined;

const refName = (ref: unknown) => (typeof ref === "string" ? ref.replace(/^#\/definitions\//, "") : "");

function isExpressionName(name: string): boolean {
  return /(If|Expression)$/.test(name) || name === "expression" || name === "runExpression";
}

function propertyInfo(name: string, s: SchemaNode): PropertyInfo {
  if (Array.isArray(s["oneOf"]) && (s["oneOf"] as SchemaNode[]).some((o) => refName(o["$ref"]) === "locstring")) return { name, kind: "text" };
  if (typeof s["$ref"] === "string") return { name, kind: "object", itemClasses: [refName(s["$ref"])] };
  if (Array.isArray(s["enum"])) return { name, kind: "enum", values: s["enum"] as (string | number)[] };
  const type = s["type"];
  if (type === "array") {
    const items = (s["items"] ?? {}) as SchemaNode;
    const refs = Array.isArray(items["anyOf"]) ? (items["anyOf"] as SchemaNode[]).map((o) => refName(o["$ref"])).filter(Boolean) : typeof items["$ref"] === "string" ? [refName(items["$ref"])] : [];
    return { name, kind: "array", ...(refs.length ? { itemClasses: refs } : {}) };
  }
  if (type === "boolean") return { name, kind: "boolean", values: [true, false] };
  if (type === "number" || type === "integer") return { name, kind: "number" };
  if (type === "string") return { name, kind: isExpressionName(name) ? "expression" : "string" };
  return { name, kind: "any" };
}

function buildIndex() {
  const schema = Serializer.generateSchema() as SchemaNode;
  const defs = (schema["definitions"] ?? {}) as Record<string, SchemaNode>;
  const classes = new Map<string, ClassInfo>();
  const collect = (def: SchemaNode | undefined, into: Map<string, PropertyInfo>, seen: Set<string>) => {
    if (!def) return;
    for (const part of (def["allOf"] as SchemaNode[] | undefined) ?? []) {
      const r = refName(part["$ref"]);
      if (r && !seen.has(r)) {
        seen.add(r);
        collect(defs[r], into, seen);
      }
      collect(part, into, seen);
    }
    const props = (def["properties"] ?? {}) as Record<string, SchemaNode>;
    for (const [k, v] of Object.entries(props)) into.set(k, propertyInfo(k, v));
  };
  for (const name of Object.keys(defs)) {
    const props = new Map<string, PropertyInfo>();
    collect(defs[name], props, new Set([name]));
    classes.set(name, { name, properties: props });
  }
  const rootProps = new Map<string, PropertyInfo>();
  for (const p of ENVELOPE) rootProps.set(p.name, p);
  collect(schema, rootProps, new Set());
  const elementTypes = Serializer.getChildrenClasses("question", true)
    .map((c) => c.name)
    .filter((n) => classes.has(n))
    .concat("panel")
    .filter((n) => !["matrixdropdownbase", "matrixbase", "selectbase", "checkboxbase", "textbase", "nonvalue"].includes(n))
    .sort();
  // Defaults from survey-core's metadata, for hover help.
  for (const [cls, info] of classes) {
    for (const p of info.properties.values()) {
      const meta = Serializer.findProperty(cls, p.name);
      if (meta && meta.defaultValue !== undefined && typeof meta.defaultValue !== "object") p.defaultValue = meta.defaultValue;
    }
    const type = info.properties.get("type");
    if (type && elementTypes.includes(cls)) info.properties.set("type", { name: "type", kind: "enum", values: elementTypes });
  }
  index = { classes, root: { name: "survey", properties: rootProps }, elementTypes };
  return index;
}

function getIndex() {
  return index ?? buildIndex();
}

/** Picks the class of an array item among the schema's candidates, by its `type`. */
function pickClass(candidates: readonly string[], item: unknown): string | undefined {
  if (candidates.length === 1) return candidates[0];
  const type = isObject(item) && typeof item["type"] === "string" ? item["type"] : undefined;
  if (!type) return undefined;
  return candidates.find((c) => c === type) ?? candidates.find((c) => c === `${type}validator` || c === `${type}trigger`);
}

/** The class of the object at `path` in (possibly incomplete) data: "survey" at the root. */
export function classAtPath(data: unknown, path: readonly JsonPathSegment[]): ClassInfo | undefined {
  const idx = getIndex();
  let cls: ClassInfo | undefined = idx.root;
  let node: unknown = data;
  let pending: PropertyInfo | undefined;
  for (const seg of path) {
    const child: unknown = node === null || typeof node !== "object" ? undefined : (node as Record<string | number, unknown>)[seg];
    if (typeof seg === "number") {
      if (!pending?.itemClasses) return undefined;
      const name = pickClass(pending.itemClasses, child);
      cls = name ? idx.classes.get(name) : undefined;
      if (!cls) return undefined;
      pending = undefined;
    } else {
      if (!cls) return undefined;
      const p = cls.properties.get(seg);
      if (!p) return undefined;
      if (p.kind === "object") {
        cls = p.itemClasses?.[0] ? idx.classes.get(p.itemClasses[0]) : undefined;
        pending = undefined;
      } else {
        pending = p;
        cls = undefined;
      }
    }
    node = child;
  }
  return cls;
}

export interface CompletionItem {
  label: string;
  /** Text that replaces [from, to). */
  insert: string;
  /** Where the cursor goes, relative to the start of `insert` (end by default). */
  cursor?: number;
  kind: "property" | "value" | "reference" | "element";
  detail?: ValueKind | string;
  /** For properties: the info for a hover-style description. */
  property?: PropertyInfo;
}

export interface CompletionResult {
  from: number;
  to: number;
  items: CompletionItem[];
}

function valueTemplate(p: PropertyInfo): { text: string; cursor: number } {
  switch (p.kind) {
    case "boolean":
      return { text: "true", cursor: 4 };
    case "number":
      return { text: "0", cursor: 1 };
    case "enum": {
      const v = p.values?.[0];
      const s = JSON.stringify(v ?? "");
      return { text: s, cursor: typeof v === "string" ? s.length - 1 : s.length };
    }
    case "array":
      return { text: "[]", cursor: 1 };
    case "object":
      return { text: "{}", cursor: 1 };
    default:
      return { text: '""', cursor: 1 };
  }
}

function indentOfLine(text: string, offset: number): string {
  const start = text.lastIndexOf("\n", offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(start))?.[0] ?? "";
}

export interface CompletionOptions {
  snippetTexts?: SnippetTexts;
  /** Element types offered as new-element snippets (defaults to every type). */
  elementTypes?: readonly string[];
}

/** Completion at `offset`: property names, values, `{references}` in expressions, new elements in element arrays. */
export function completeAt(text: string, offset: number, options: CompletionOptions = {}): CompletionResult | undefined {
  const loc = getLocation(text, offset);
  const data: unknown = parse(text, [], { allowTrailingComma: true });
  const prev: Node | undefined = loc.previousNode;
  const wordBefore = /[\w$-]*$/.exec(text.slice(Math.max(0, offset - 64), offset))?.[0] ?? "";
  const path = loc.path;

  if (loc.isAtPropertyKey) {
    const typeless = typeProperty(data, [...path.slice(0, -1), "type"]);
    const owner = classAtPath(data, path.slice(0, -1)) ?? (typeless ? { name: "", properties: new Map([["type", typeless]]) } : undefined);
    if (!owner) return undefined;
    const existing = new Set(isObject(valueAtPath(data, path.slice(0, -1))) ? Object.keys(valueAtPath(data, path.slice(0, -1)) as object) : []);
    const keyNode = prev && prev.type === "property" && offset >= prev.offset && offset <= prev.offset + prev.length ? prev : undefined;
    const from = keyNode ? keyNode.offset : offset - wordBefore.length - (text[offset - wordBefore.length - 1] === '"' ? 1 : 0);
    let to = keyNode ? keyNode.offset + keyNode.length : offset;
    if (!keyNode && text[to] === '"') to++;
    const hasColon = /^\s*:/.test(text.slice(to));
    // Another property follows without a comma: the new one brings its own.
    const comma = !hasColon && /^\s*"/.test(text.slice(to)) ? "," : "";
    const current = keyNode ? String(keyNode.value) : "";
    const items: CompletionItem[] = [];
    for (const p of owner.properties.values()) {
      if (existing.has(p.name) && p.name !== current) continue;
      const key = JSON.stringify(p.name);
      if (hasColon) items.push({ label: p.name, insert: key, kind: "property", detail: p.kind, property: p });
      else {
        const v = valueTemplate(p);
        items.push({ label: p.name, insert: `${key}: ${v.text}${comma}`, cursor: key.length + 2 + v.cursor, kind: "property", detail: p.kind, property: p });
      }
    }
    return { from, to, items: items.sort((a, b) => a.label.localeCompare(b.label)) };
  }

  const last = path[path.length - 1];
  // A new item in an array of elements: offer a whole element of each type.
  if (typeof last === "number" && (!prev || !(offset > prev.offset && offset < prev.offset + prev.length))) {
    const arrayKey = path[path.length - 2];
    if (typeof arrayKey === "string" && ["elements", "templateElements"].includes(arrayKey) && /^[\s,[]*$/.test(lastLineBefore(text, offset))) {
      const taken = namesInUse(data);
      const languages = fileLanguages(data);
      const indent = indentOfLine(text, offset);
      const unit = /\n( +)"/.exec(text)?.[1]?.length ?? 2;
      const types = options.elementTypes ?? getIndex().elementTypes;
      const items = types.map((type): CompletionItem => {
        const snippet = createElementSnippet(type, new Set(taken), { languages, ...(options.snippetTexts ? { texts: options.snippetTexts } : {}) });
        const body = JSON.stringify(snippet, null, unit).replace(/\n/g, `\n${indent}`);
        return { label: type, insert: body, kind: "element", detail: type };
      });
      return { from: offset - wordBefore.length, to: offset, items };
    }
    return undefined;
  }
  if (typeof last !== "string") return undefined;
  const owner = classAtPath(data, path.slice(0, -1));
  const prop = owner?.properties.get(last) ?? (last === "type" ? typeProperty(data, path) : undefined);
  if (!prop) return undefined;
  const inString = prev && prev.type === "string" && offset > prev.offset && offset < prev.offset + prev.length ? prev : undefined;

  if (prop.kind === "expression" || prop.kind === "text") {
    // `{` typed inside an expression or a text: offer the names of questions.
    if (!inString) return undefined;
    const before = text.slice(prev!.offset + 1, offset);
    const m = /\{([\w.-]*)$/.exec(before);
    if (!m) return undefined;
    const from = offset - (m[1]?.length ?? 0);
    const closes = text[offset] === "}";
    const items = listElements(data)
      .filter((e) => e.kind === "question" && e.name && e.dynamicScope.length === 0)
      .map((e): CompletionItem => ({ label: e.name, insert: closes ? e.name : `${e.name}}`, kind: "reference", detail: e.type }));
    return { from, to: offset, items };
  }
  if (!prop.values?.length) return undefined;
  const from = inString ? inString.offset : offset - wordBefore.length;
  const to = inString ? inString.offset + inString.length : offset;
  return { from, to, items: prop.values.map((v) => ({ label: String(v), insert: JSON.stringify(v), kind: "value", detail: prop.kind })) };
}

/** The `type` of an array item whose type is not (yet) a known one: the types that array takes. */
function typeProperty(data: unknown, path: readonly JsonPathSegment[]): PropertyInfo | undefined {
  const arrayKey = path[path.length - 3];
  if (typeof arrayKey !== "string" || typeof path[path.length - 2] !== "number") return undefined;
  const holder = classAtPath(data, path.slice(0, -3));
  const candidates = holder?.properties.get(arrayKey)?.itemClasses;
  if (!candidates || candidates.length < 2) return undefined;
  const idx = getIndex();
  const values = candidates.some((c) => idx.elementTypes.includes(c))
    ? idx.elementTypes
    : candidates.map((c) => c.replace(/(validator|trigger)$/, "")).filter((c) => c && c !== "survey");
  return { name: "type", kind: "enum", values };
}

function lastLineBefore(text: string, offset: number): string {
  return text.slice(text.lastIndexOf("\n", offset - 1) + 1, offset);
}

function valueAtPath(data: unknown, path: readonly JsonPathSegment[]): unknown {
  let n = data;
  for (const s of path) {
    if (n === null || typeof n !== "object") return undefined;
    n = (n as Record<string | number, unknown>)[s];
  }
  return n;
}

export interface HoverInfo {
  from: number;
  to: number;
  className: string;
  property: PropertyInfo;
}

/** What the property key under `offset` is, for hover help. */
export function hoverAt(text: string, offset: number): HoverInfo | undefined {
  const loc = getLocation(text, offset);
  const prev = loc.previousNode;
  if (!loc.isAtPropertyKey || !prev || prev.type !== "property") return undefined;
  if (offset < prev.offset || offset > prev.offset + prev.length) return undefined;
  const data: unknown = parse(text, [], { allowTrailingComma: true });
  const owner = classAtPath(data, loc.path.slice(0, -1));
  const property = owner?.properties.get(String(prev.value));
  if (!owner || !property) return undefined;
  return { from: prev.offset, to: prev.offset + prev.length, className: owner.name, property };
}
