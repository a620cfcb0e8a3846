/**
 * Starting points for the designer: a new survey from a small template, a copy of an existing
 * one under a new id, and the next version of a file's text.
 */
import { isObject } from "../../definition/elements.ts";
import { idFromText } from "../../schema/survey-file.ts";
import { languageKey } from "../../definition/text.ts";
import { setValue, strictTree, nodeAt } from "./json-text.ts";
import { createElementSnippet, ENGLISH_SNIPPET_TEXTS, type SnippetTexts } from "./snippets.ts";

/** A survey id from a title: lowercase ASCII words joined by dashes, unique among `taken`. */
export function idFromTitle(title: string, taken: ReadonlySet<string>): string {
  return idFromText(title, taken);
}

export interface NewSurveyOptions {
  id: string;
  title: string;
  languages: readonly string[];
  texts?: SnippetTexts;
}

/** A new survey file: one page with one question, in the chosen languages, formatted with two spaces. */
export function newSurveyText(options: NewSurveyOptions): string {
  const texts = options.texts ?? ENGLISH_SNIPPET_TEXTS;
  const multi = options.languages.length > 1;
  const loc = (s: string) => (multi ? { [languageKey(options.languages[0] ?? "en")]: s } : s);
  const taken = new Set<string>(["page1"]);
  const question = createElementSnippet("text", taken, { languages: options.languages, texts });
  const file = {
    id: options.id,
    version: 1,
    languages: [...options.languages],
    title: loc(options.title),
    pages: [{ name: "page1", title: loc(texts.page.replace("{n}", "1")), elements: [question] }],
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** A copy of a survey file's text under a new id, starting again at version 1. */
export function duplicateSurveyText(text: string, newId: string, titleSuffix: string): string {
  let out = setValue(text, ["id"], newId);
  out = setValue(out, ["version"], 1);
  const root = strictTree(out);
  const title = nodeAt(root, ["title"]);
  if (title?.type === "string") out = setValue(out, ["title"], `${String(title.value)}${titleSuffix}`);
  else if (title?.type === "object") {
    const value = JSON.parse(out.slice(title.offset, title.offset + title.length)) as unknown;
    if (isObject(value)) for (const [k, v] of Object.entries(value)) if (typeof v === "string") out = setValue(out, ["title", k], `${v}${titleSuffix}`);
  }
  return out;
}

/** The text with `version` set (added when missing). */
export function withVersion(text: string, version: number): string {
  return setValue(text, ["version"], version);
}
