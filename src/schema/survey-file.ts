import { z } from "zod";
import "./zod-config.ts";
import { parseJsonText, type Problem } from "./problem.ts";
import { zodIssuesToProblems } from "./zod-problems.ts";
import { LANGUAGE_CODES, type LanguageCode } from "../i18n/languages.ts";

/** A text as SurveyJS writes it: a plain string, or texts by language ("default" is English). */
const localizedTextSchema = z.union([z.string(), z.record(z.string(), z.string())], {
  error: "must be text, or an object of texts by language",
});

/**
 * A custom question type carried by the file itself, as SurveyJS's `ComponentCollection.Instance.add`
 * takes it: a single-question component (`questionJSON`) or a composite one (`elementsJSON`).
 * Only data: no functions.
 */
export const componentDefinitionSchema = z.looseObject({
  name: z.string().regex(/^[a-z][a-z0-9_-]{0,63}$/i, "must be a type name: letters, digits, _ and -, starting with a letter"),
  title: localizedTextSchema.optional(),
  questionJSON: z.looseObject({ type: z.string() }).optional(),
  elementsJSON: z.array(z.looseObject({})).optional(),
}).refine((c) => (c.questionJSON === undefined) !== (c.elementsJSON === undefined), "needs either questionJSON (one question) or elementsJSON (several)");
export type ComponentDefinition = z.infer<typeof componentDefinitionSchema>;

const elementList = z.array(z.unknown(), { error: "must be a list of questions and panels" });

/**
 * Our envelope around a SurveyJS definition: `id`, `version` and `languages` (and optionally
 * `components`). Everything else is SurveyJS's and passed through untouched: pages, or root-level
 * `elements` / `questions` without pages, any title or none.
 */
export const surveyFileSchema = z
  .looseObject({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{1,63}$/, "must be lowercase letters, digits and dashes (2–64 characters)"),
    version: z.number().int("must be a whole number").positive("must be 1 or more"),
    languages: z
      .array(z.enum(LANGUAGE_CODES, { error: `must be one of ${LANGUAGE_CODES.join(", ")}` }))
      .min(1, "must list at least one language")
      .refine((l) => new Set(l).size === l.length, "must not repeat a language"),
    title: localizedTextSchema.optional(),
    pages: z.array(z.looseObject({ name: z.string().optional() }), { error: "must be a list of pages" }).optional(),
    elements: elementList.optional(),
    questions: elementList.optional(),
    components: z.array(componentDefinitionSchema, { error: "must be a list of component definitions" }).optional(),
  })
  .superRefine((file, ctx) => {
    if (file["__proto__" as keyof typeof file] !== undefined && Object.hasOwn(file, "__proto__")) {
      ctx.addIssue({ code: "custom", message: "the key __proto__ is not allowed", path: ["__proto__"] });
    }
  });

export type SurveyFile = z.infer<typeof surveyFileSchema>;

/** Keys that belong to our envelope and not to SurveyJS. */
export const ENVELOPE_KEYS = ["id", "version", "languages", "components"] as const;
/** The envelope keys every survey file must have. */
const REQUIRED_ENVELOPE_KEYS = ["id", "version", "languages"] as const;

/** The SurveyJS definition inside a file: the envelope keys survey-core does not know are removed. */
export function surveyFileToDefinition(file: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...file };
  for (const k of ENVELOPE_KEYS) delete out[k];
  return out;
}


export type ParsedSurveyFile = { ok: true; file: SurveyFile; text: string } | { ok: false; problems: Problem[] };

/** Parses a survey file's text: JSON syntax, then the envelope. Every problem names file, JSON path and line. */
export function parseSurveyFile(text: string, fileName: string): ParsedSurveyFile {
  const json = parseJsonText(text, fileName);
  if (!json.ok) return json;
  const result = envelopeOf(json.value, text, fileName);
  return result.ok ? { ok: true, file: result.file, text } : { ok: false, problems: result.problems };
}

function envelopeOf(value: unknown, text: string, fileName: string): { ok: true; file: SurveyFile } | { ok: false; problems: Problem[] } {
  const result = surveyFileSchema.safeParse(value);
  if (result.success) return { ok: true, file: result.data };
  const problems = zodIssuesToProblems(result.error.issues, {
    file: fileName,
    text,
    source: "envelope",
    message: (issue, path) => `${path || "the file"} ${describeIssue(issue, value)}`,
  });
  return { ok: false, problems: problems.map((p) => withNearMiss(p, value)) };
}

/**
 * What a JSON text is: a survey file with our envelope, a SurveyJS definition without it (none of
 * `id`, `version`, `languages`: e.g. made in SurveyJS Creator), or neither.
 */
export type ParsedSurveyText =
  | { ok: true; kind: "file"; file: SurveyFile; text: string }
  | { ok: true; kind: "surveyjs"; definition: Record<string, unknown>; text: string }
  | { ok: false; problems: Problem[] };

export function parseSurveyText(text: string, fileName: string): ParsedSurveyText {
  const json = parseJsonText(text, fileName);
  if (!json.ok) return json;
  const value = json.value;
  if (isPlainObject(value) && !REQUIRED_ENVELOPE_KEYS.some((k) => Object.hasOwn(value, k)) && !nearMissEnvelopeKey(value)) {
    return { ok: true, kind: "surveyjs", definition: value, text };
  }
  const result = envelopeOf(value, text, fileName);
  return result.ok ? { ok: true, kind: "file", file: result.file, text } : { ok: false, problems: result.problems };
}

/** What the envelope of a bare SurveyJS definition is made of, and why. */
export interface DerivedEnvelope {
  id: string;
  version: number;
  languages: LanguageCode[];
  /** Languages its texts have that the app cannot offer (kept in the file, not selectable). */
  unsupported: string[];
}

/**
 * An envelope for a SurveyJS definition that has none: the id from its title (or the file name),
 * unique among `taken`; version 1; the languages its texts are written in ("default" being English),
 * or its `locale` when every text is plain.
 */
export function deriveEnvelope(definition: Readonly<Record<string, unknown>>, options: { fileName?: string; taken?: ReadonlySet<string> } = {}): DerivedEnvelope {
  const title = definition["title"];
  const titleText = typeof title === "string" ? title : title && typeof title === "object" ? String((title as Record<string, unknown>)["default"] ?? Object.values(title)[0] ?? "") : "";
  const fromName = (options.fileName ?? "").replace(/^.*[\\/]/, "").replace(/\.json$/i, "");
  const id = idFromText(titleText || fromName || "survey", options.taken ?? new Set());
  const found = textLanguages(definition);
  const locale = typeof definition["locale"] === "string" ? definition["locale"].toLowerCase() : "";
  const supported = (l: string): l is LanguageCode => (LANGUAGE_CODES as readonly string[]).includes(l);
  const languages: LanguageCode[] = [];
  if (found.size === 0 || found.has("default")) {
    // Plain texts are in the survey's own locale when it names one, else in English.
    languages.push(found.size === 0 && supported(locale) ? locale : "en");
  }
  for (const l of LANGUAGE_CODES) if (found.has(l) && !languages.includes(l)) languages.push(l);
  if (languages.length === 0) languages.push("en");
  const unsupported = [...found].filter((l) => l !== "default" && !supported(l)).sort();
  return { id, version: 1, languages, unsupported };
}

/** A SurveyJS definition with an envelope put in front of it. */
export function definitionToSurveyFile(definition: Readonly<Record<string, unknown>>, envelope: Pick<DerivedEnvelope, "id" | "version" | "languages">): SurveyFile {
  return { id: envelope.id, version: envelope.version, languages: [...envelope.languages], ...definition } as SurveyFile;
}

/** Keys of a localized text: "default" or a language code (ISO 639-1, with an optional region). */
const LANGUAGE_KEY = /^(default|[a-z]{2}(-[a-z]{2,4})?)$/i;

/** Every language key of the definition's localized texts (objects whose keys are all languages). */
export function textLanguages(definition: unknown): Set<string> {
  const out = new Set<string>();
  const stack: unknown[] = [definition];
  while (stack.length) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      stack.push(...node);
      continue;
    }
    if (!isPlainObject(node)) continue;
    const entries = Object.entries(node);
    if (entries.length > 0 && entries.every(([k, v]) => LANGUAGE_KEY.test(k) && typeof v === "string")) {
      for (const [k] of entries) out.add(k.toLowerCase());
      continue;
    }
    for (const [, v] of entries) stack.push(v);
  }
  return out;
}

/** A survey id from a title or a file name: lowercase ASCII words joined by dashes, unique among `taken`. */
export function idFromText(text: string, taken: ReadonlySet<string>): string {
  const base =
    text
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 48)
      .replace(/-+$/, "") || "survey";
  const stem = base.length < 2 ? `survey-${base}` : base;
  if (!taken.has(stem)) return stem;
  for (let i = 2; ; i++) if (!taken.has(`${stem}-${i}`)) return `${stem}-${i}`;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** Keys people write for the envelope's: the key meant, when the written one is a known slip. */
const ENVELOPE_ALIASES: Record<string, (typeof REQUIRED_ENVELOPE_KEYS)[number]> = {
  locales: "languages",
  langs: "languages",
  language: "languages",
  surveyid: "id",
  rev: "version",
  revision: "version",
};

/** An envelope key written nearly right (a slip, another tool's name for it), and the key meant. */
export function nearMissEnvelopeKey(json: Readonly<Record<string, unknown>>, missing?: string): { key: string; meant: string } | undefined {
  for (const key of Object.keys(json)) {
    if ((REQUIRED_ENVELOPE_KEYS as readonly string[]).includes(key)) continue;
    const meant = nearMissOf(key, json[key], missing ? [missing] : REQUIRED_ENVELOPE_KEYS);
    if (meant) return { key, meant };
  }
  return undefined;
}

function nearMissOf(key: string, value: unknown, wanted: readonly string[]): string | undefined {
  const lower = key.toLowerCase();
  const fits = (meant: string) =>
    meant === "languages" ? Array.isArray(value) && value.every((l) => typeof l === "string") : meant === "id" ? typeof value === "string" : typeof value === "number";
  const alias = ENVELOPE_ALIASES[lower];
  if (alias && wanted.includes(alias)) return fits(alias) ? alias : undefined;
  for (const w of wanted) {
    // SurveyJS's own `locale` (one language) is not a slip for `languages`: the value decides.
    const close = lower === w || (w.length > 2 && lower.length > 3 && editDistance(lower, w) <= 2);
    if (close && fits(w)) return w;
  }
  return undefined;
}

/** Damerau–Levenshtein distance (adjacent transpositions count one). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

function withNearMiss(problem: Problem, root: unknown): Problem {
  if (!isPlainObject(root) || !(REQUIRED_ENVELOPE_KEYS as readonly string[]).includes(problem.path) || Object.hasOwn(root, problem.path)) return problem;
  const slip = nearMissEnvelopeKey(root, problem.path);
  if (!slip) return problem;
  return { ...problem, message: `${problem.message}; the file has "${slip.key}": did you mean "${slip.meant}"?` };
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node = root;
  for (const seg of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<PropertyKey, unknown>)[seg];
  }
  return node;
}

function describeIssue(issue: z.core.$ZodIssue, root: unknown): string {
  if (issue.code === "invalid_type") {
    const actual = valueAt(root, issue.path);
    const expected = String(issue.expected);
    if (actual === undefined) return `is missing (expected ${expected})`;
    // A message of our own (e.g. "must be a list of pages") says it better than zod's.
    if (!issue.message.startsWith("Invalid input")) return issue.message;
    const got = Array.isArray(actual) ? "an array" : actual === null ? "null" : `a ${typeof actual}`;
    return `must be ${expected === "object" ? "an object" : `a ${expected}`}, not ${got}`;
  }
  return issue.message;
}
