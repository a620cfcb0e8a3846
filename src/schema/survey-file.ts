import { z } from "zod";
import "./zod-config.ts";
import { parseJsonText, type Problem } from "./problem.ts";
import { zodIssuesToProblems } from "./zod-problems.ts";
import { LANGUAGE_CODES } from "../i18n/languages.ts";

const localizedTextSchema = z.union([
  z.string().min(1, "must not be empty"),
  z.record(z.string(), z.string()).refine((o) => Object.keys(o).length > 0, "needs at least one language"),
]);

/** Our envelope around a SurveyJS definition; the SurveyJS content is passed through untouched. */
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
    title: localizedTextSchema,
    pages: z.array(z.looseObject({ name: z.string().optional() })).min(1, "a survey needs at least one page"),
  })
  .superRefine((file, ctx) => {
    if (file["__proto__" as keyof typeof file] !== undefined && Object.hasOwn(file, "__proto__")) {
      ctx.addIssue({ code: "custom", message: "the key __proto__ is not allowed", path: ["__proto__"] });
    }
  });

export type SurveyFile = z.infer<typeof surveyFileSchema>;

/** Keys that belong to our envelope and not to SurveyJS. */
export const ENVELOPE_KEYS = ["id", "version", "languages"] as const;

/** The SurveyJS definition inside a file: the envelope keys survey-core does not know are removed. */
export function surveyFileToDefinition(file: SurveyFile): Record<string, unknown> {
  const out: Record<string, unknown> = { ...file };
  for (const k of ENVELOPE_KEYS) delete out[k];
  return out;
}

export type ParsedSurveyFile = { ok: true; file: SurveyFile; text: string } | { ok: false; problems: Problem[] };

/** Parses a survey file's text: JSON syntax, then the envelope. Every problem names file, JSON path and line. */
export function parseSurveyFile(text: string, fileName: string): ParsedSurveyFile {
  const json = parseJsonText(text, fileName);
  if (!json.ok) return json;
  const result = surveyFileSchema.safeParse(json.value);
  if (result.success) return { ok: true, file: result.data, text };
  return {
    ok: false,
    problems: zodIssuesToProblems(result.error.issues, {
      file: fileName,
      text,
      source: "envelope",
      message: (issue, path) => `${path || "the file"} ${describeIssue(issue, json.value)}`,
    }),
  };
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
    if (actual === undefined) return `is missing (expected ${issue.expected})`;
    const got = Array.isArray(actual) ? "an array" : actual === null ? "null" : `a ${typeof actual}`;
    return `must be ${issue.expected === "object" ? "an object" : `a ${issue.expected}`}, not ${got}`;
  }
  return issue.message;
}

