/**
 * New elements for the outline's "Add": a valid, minimal definition of any element type
 * survey-core knows, with names unique in the survey and texts in the survey's base language.
 */
import { ElementFactory, Serializer } from "survey-core";
import { isObject, uniqueName } from "../../definition/elements.ts";
import { languageKey } from "../../definition/text.ts";

/** Placeholder texts, in the designer's interface language; `{n}` is a number. */
export interface SnippetTexts {
  question: string;
  option: string;
  row: string;
  column: string;
  item: string;
  panel: string;
  page: string;
  html: string;
}

export const ENGLISH_SNIPPET_TEXTS: SnippetTexts = {
  question: "Question {n}",
  option: "Option {n}",
  row: "Row {n}",
  column: "Column {n}",
  item: "Item {n}",
  panel: "Section {n}",
  page: "Page {n}",
  html: "<p>Information for the respondent.</p>",
};

/** Every element type survey-core can create (questions and panel), sorted. */
export function elementTypes(): string[] {
  return ElementFactory.Instance.getAllTypes().filter((t) => Serializer.findClass(t)).sort();
}

/** The data a question of this type stores: used to tell compatible type changes apart. */
export function isValueType(type: string): boolean {
  if (!Serializer.findClass(type)) return false;
  return !["panel", "page", "html", "image", "empty"].includes(type) && !Serializer.isDescendantOf(type, "nonvalue");
}

export interface SnippetOptions {
  /** Survey languages, base first; with more than one, texts are written as `{ "default": ... }` (or the base language's code). */
  languages: readonly string[];
  texts?: SnippetTexts;
}

const CHOICE_TYPES = new Set(["radiogroup", "checkbox", "dropdown", "tagbox", "ranking", "buttongroup"]);

/** A new element of `type`; names are taken from and added to `taken`. */
export function createElementSnippet(type: string, taken: Set<string>, options: SnippetOptions): Record<string, unknown> {
  if (!Serializer.findClass(type)) throw new Error(`unknown element type "${type}"`);
  const texts = options.texts ?? ENGLISH_SNIPPET_TEXTS;
  const multi = options.languages.length > 1;
  // Texts go under the base language: "default" for English (the first language is the base).
  const base = languageKey(options.languages[0] ?? "en");
  const loc = (s: string) => (multi ? { [base]: s } : s);
  const num = (template: string, n: number) => template.replace("{n}", String(n));
  const name = uniqueName(type === "panel" ? "panel" : "question", taken);
  const n = Number(/\d+$/.exec(name)?.[0] ?? 1);
  const el: Record<string, unknown> = { type, name };
  if (type === "panel") {
    el["title"] = loc(num(texts.panel, n));
    el["elements"] = [createElementSnippet("text", taken, options)];
    return el;
  }
  if (type !== "html" && type !== "image") el["title"] = loc(num(texts.question, n));
  const items = (prefix: string, template: string, count: number) =>
    Array.from({ length: count }, (_, i) => ({ value: `${prefix}${i + 1}`, text: loc(num(template, i + 1)) }));
  if (CHOICE_TYPES.has(type)) el["choices"] = items("item", texts.option, 3);
  switch (type) {
    case "imagepicker":
      el["choices"] = items("image", texts.option, 2).map((c) => ({ ...c, imageLink: "" }));
      break;
    case "matrix":
      el["columns"] = items("col", texts.column, 3);
      el["rows"] = items("row", texts.row, 2);
      break;
    case "matrixdropdown":
      el["columns"] = [1, 2].map((i) => ({ name: `column${i}`, title: loc(num(texts.column, i)), cellType: "text" }));
      el["rows"] = items("row", texts.row, 2);
      break;
    case "matrixdynamic":
      el["columns"] = [1, 2].map((i) => ({ name: `column${i}`, title: loc(num(texts.column, i)), cellType: "text" }));
      el["rowCount"] = 1;
      break;
    case "multipletext":
      el["items"] = [1, 2].map((i) => ({ name: `text${i}`, title: loc(num(texts.item, i)) }));
      break;
    case "paneldynamic":
      el["templateElements"] = [createElementSnippet("text", taken, options)];
      el["panelCount"] = 1;
      break;
    case "html":
      el["html"] = loc(texts.html);
      break;
    case "image":
      el["imageLink"] = "";
      break;
    case "expression":
      el["expression"] = "today()";
      break;
  }
  return el;
}

export function createPageSnippet(taken: Set<string>, options: SnippetOptions, withQuestion = true): Record<string, unknown> {
  const texts = options.texts ?? ENGLISH_SNIPPET_TEXTS;
  const name = uniqueName("page", taken);
  const n = Number(/\d+$/.exec(name)?.[0] ?? 1);
  const title = texts.page.replace("{n}", String(n));
  return {
    name,
    title: options.languages.length > 1 ? { [languageKey(options.languages[0] ?? "en")]: title } : title,
    elements: withQuestion ? [createElementSnippet("text", taken, options)] : [],
  };
}

/** Survey languages declared in a parsed file (falls back to English). */
export function fileLanguages(json: unknown): string[] {
  if (isObject(json) && Array.isArray(json["languages"])) return json["languages"].filter((l): l is string => typeof l === "string");
  return ["en"];
}
