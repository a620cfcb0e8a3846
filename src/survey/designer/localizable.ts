/**
 * Every localizable string of a survey file (titles, descriptions, choice texts, error texts,
 * HTML, ...), found with survey-core's property metadata, for the translations table and for
 * the lint rule on missing translations.
 */
import { Serializer } from "survey-core";
import { pathToString, type JsonPathSegment } from "../../schema/problem.ts";
import { isObject, type Json } from "../../definition/elements.ts";
import { languageKey } from "../../definition/text.ts";
import { setValue } from "./json-text.ts";

export interface LocalizableEntry {
  path: JsonPathSegment[];
  pathString: string;
  /** survey-core class of the object that owns the string. */
  className: string;
  property: string;
  /** The nearest named object: the question, page, column or choice value it belongs to. */
  owner: string;
  /** Text per language key ("default" is the base language); a plain string is under "default". */
  values: Record<string, string>;
  /** The JSON holds a plain string rather than a per-language object. */
  plain: boolean;
}

const propertyCache = new Map<string, Map<string, { localizable: boolean; className?: string; classNamePart?: string; baseClassName?: string }>>();

function propertiesOf(className: string) {
  let map = propertyCache.get(className);
  if (!map) {
    map = new Map();
    for (const p of Serializer.getProperties(className)) {
      const meta = p as unknown as { classNamePart?: string; baseClassName?: string };
      map.set(p.name, {
        localizable: p.isLocalizable,
        ...(p.className ? { className: p.className } : {}),
        ...(meta.classNamePart ? { classNamePart: meta.classNamePart } : {}),
        ...(meta.baseClassName ? { baseClassName: meta.baseClassName } : {}),
      });
    }
    propertyCache.set(className, map);
  }
  return map;
}

function findProperty(className: string, key: string, extraClass?: string) {
  return propertiesOf(className).get(key) ?? (extraClass ? propertiesOf(extraClass).get(key) : undefined);
}

/** The class of an item of an array property (elements by their type, validators by type + "validator"). */
function itemClass(prop: { className?: string; classNamePart?: string; baseClassName?: string }, item: Json): string | undefined {
  if (prop.baseClassName) {
    const type = isObject(item) && typeof item["type"] === "string" ? item["type"] : undefined;
    if (!type) return undefined;
    const name = type + (prop.classNamePart ?? "");
    return Serializer.findClass(name) ? name : Serializer.findClass(type) ? type : undefined;
  }
  return prop.className && Serializer.findClass(prop.className) ? prop.className : undefined;
}

const LOCALIZED_KEY = /^(default|[a-z]{2,3}(-[A-Za-z]{2,4})?)$/;

export function localizableStrings(file: unknown): LocalizableEntry[] {
  const out: LocalizableEntry[] = [];
  const visitObject = (obj: Record<string, Json>, className: string, path: JsonPathSegment[], owner: string, cellClass?: string) => {
    const ownName = typeof obj["name"] === "string" ? obj["name"] : obj["value"] !== undefined && typeof obj["value"] !== "object" ? `${owner} → ${String(obj["value"])}` : owner;
    // Matrix columns take the properties of their cell type too (choices of a dropdown column).
    const cellType = className === "matrixdropdowncolumn" ? (typeof obj["cellType"] === "string" ? obj["cellType"] : cellClass) : undefined;
    const extra = cellType && cellType !== "default" ? cellType : className === "matrixdropdowncolumn" ? "dropdown" : undefined;
    for (const [key, value] of Object.entries(obj)) {
      const prop = findProperty(className, key, extra);
      if (!prop) continue;
      const p = [...path, key];
      if (prop.localizable) {
        if (typeof value === "string") out.push({ path: p, pathString: pathToString(p), className, property: key, owner: ownName, values: { default: value }, plain: true });
        else if (isObject(value) && Object.keys(value).every((k) => LOCALIZED_KEY.test(k))) {
          const values: Record<string, string> = {};
          for (const [k, v] of Object.entries(value)) if (typeof v === "string") values[k === "en" && !("default" in value) ? "default" : k] = v;
          out.push({ path: p, pathString: pathToString(p), className, property: key, owner: ownName, values, plain: false });
        }
        continue;
      }
      if (Array.isArray(value)) {
        const childCell = key === "columns" && typeof obj["cellType"] === "string" ? obj["cellType"] : undefined;
        value.forEach((item, i) => {
          if (!isObject(item)) return;
          const cls = itemClass(prop, item);
          if (cls) visitObject(item, cls, [...p, i], ownName, childCell);
        });
      } else if (isObject(value) && prop.className && Serializer.findClass(prop.className)) {
        visitObject(value, prop.className, p, ownName);
      }
    }
  };
  if (isObject(file)) visitObject(file, "survey", [], "survey");
  return out;
}

export interface LanguageCoverage {
  language: string;
  filled: number;
  total: number;
}

/** How many strings have a text in each language (`en` counts the base "default" texts). */
export function translationCoverage(entries: readonly LocalizableEntry[], languages: readonly string[]): LanguageCoverage[] {
  return languages.map((language) => {
    const key = languageKey(language);
    const filled = entries.filter((e) => (e.values[key] ?? "").trim().length > 0).length;
    return { language, filled, total: entries.length };
  });
}

/**
 * Sets one translation in the text. A plain string becomes a per-language object
 * (its text staying the base language's); an empty text removes that language.
 */
export function setTranslation(text: string, entry: Pick<LocalizableEntry, "path" | "plain" | "values">, language: string, value: string): string {
  const key = languageKey(language);
  if (entry.plain) {
    if (key === "default") return setValue(text, entry.path, value);
    if (!value) return text;
    return setValue(text, entry.path, { default: entry.values["default"] ?? "", [key]: value });
  }
  return setValue(text, [...entry.path, key], value === "" && key !== "default" ? undefined : value);
}
