/**
 * The responses file: what "Download responses" writes and what analysts import.
 *
 *   {
 *     "format": "survey-studio-responses",
 *     "formatVersion": 1,
 *     "exportedAt": "2026-03-01T10:00:00.000Z",
 *     "definitions": [{ "surveyId": "…", "version": 1, "hash": "<sha-256 hex of the survey file's text>" }],
 *     "responses": [ResponseRecord, …]
 *   }
 *
 * `exportedAt` and `definitions` are optional on input (`npm run seed` writes neither). Each
 * record is validated on its own: a bad record is rejected with a reason and a location, the
 * others are kept.
 */
import { z } from "zod";
import { createJsonLocator, parseJsonText, pathToString, type JsonLocator, type Problem } from "./problem.ts";
import { responseRecordInputSchema, type ResponseRecord } from "./response.ts";
import { zodIssuesToProblems } from "./zod-problems.ts";

export const RESPONSES_FILE_FORMAT = "survey-studio-responses";
export const RESPONSES_FILE_VERSION = 1;

export const definitionRefSchema = z.object({
  surveyId: z.string().min(1),
  version: z.number().int().positive(),
  hash: z.string().regex(/^[0-9a-f]{64}$/, "must be a SHA-256 hash in lowercase hex"),
});
export type DefinitionRef = z.infer<typeof definitionRefSchema>;

const responsesEnvelopeSchema = z.object({
  format: z.literal(RESPONSES_FILE_FORMAT, { error: `must be "${RESPONSES_FILE_FORMAT}"` }),
  formatVersion: z.literal(RESPONSES_FILE_VERSION, { error: `must be ${RESPONSES_FILE_VERSION} (this app reads version ${RESPONSES_FILE_VERSION})` }),
  exportedAt: z.iso.datetime({ offset: false }).optional(),
  definitions: z.array(definitionRefSchema).optional(),
  responses: z.array(z.unknown()),
});

export interface ResponsesFile {
  format: typeof RESPONSES_FILE_FORMAT;
  formatVersion: typeof RESPONSES_FILE_VERSION;
  exportedAt: string;
  definitions: DefinitionRef[];
  responses: ResponseRecord[];
}

/** A record that was not imported, and why. */
export interface RejectedRecord {
  /** Position in the file's `responses` array (0-based), or the CSV data row (1-based line number of the file). */
  index: number;
  /** The record's id, when it has a readable one. */
  id?: string;
  reason: string;
  /** Where: JSON path (`responses[3].createdAt`) or CSV location (`line 5`). */
  path: string;
  line?: number;
}

export type ParsedResponsesFile =
  | { ok: true; records: ResponseRecord[]; rejected: RejectedRecord[]; definitions: DefinitionRef[]; exportedAt?: string }
  | { ok: false; problems: Problem[] };

function issueToReason(issue: z.core.$ZodIssue, value: unknown, whole = "the record"): string {
  const segs = issue.path.filter((s): s is string | number => typeof s !== "symbol");
  const field = segs.length > 0 ? pathToString(segs) : whole;
  if (issue.code === "invalid_type") {
    let v: unknown = value;
    for (const s of segs) v = typeof v === "object" && v !== null ? (v as Record<string | number, unknown>)[s] : undefined;
    if (v === undefined) return `${field} is missing`;
    return `${field} must be ${issue.expected === "object" ? "an object" : `a ${issue.expected}`}`;
  }
  return `${field}: ${issue.message}`;
}

/** Validates one record; `where` is the record's JSON path for messages. */
export function recordToRejection(input: unknown, index: number, where: string): { ok: true; record: ResponseRecord } | { ok: false; rejected: RejectedRecord } {
  const result = responseRecordInputSchema.safeParse(input);
  if (result.success) return { ok: true, record: result.data };
  const first = result.error.issues[0];
  const id = typeof input === "object" && input !== null && typeof (input as { id?: unknown }).id === "string" ? (input as { id: string }).id : undefined;
  const segs = first ? first.path.filter((s): s is string | number => typeof s !== "symbol") : [];
  const rejected: RejectedRecord = {
    index,
    reason: first ? issueToReason(first, input) : "not a valid response record",
    path: segs.length > 0 ? `${where}${pathToString(segs).replace(/^(?=[A-Za-z_$])/, ".")}` : where,
  };
  if (id !== undefined) rejected.id = id;
  return { ok: false, rejected };
}

/**
 * Parses a responses file. JSON errors and a wrong envelope fail the whole file (with file,
 * path and line); bad records are rejected one by one with a reason and a line.
 */
export function parseResponsesFile(text: string, fileName: string): ParsedResponsesFile {
  const json = parseJsonText(text, fileName);
  if (!json.ok) return json;
  const envelope = responsesEnvelopeSchema.safeParse(json.value);
  let locator: JsonLocator | undefined;
  const locate = (path: (string | number)[]) => (locator ??= createJsonLocator(text)).position(path);
  if (!envelope.success) {
    return {
      ok: false,
      problems: zodIssuesToProblems(envelope.error.issues, { file: fileName, text, source: "responses-file", message: (issue) => issueToReason(issue, json.value, "the file") }),
    };
  }
  const records: ResponseRecord[] = [];
  const rejected: RejectedRecord[] = [];
  envelope.data.responses.forEach((input, index) => {
    const r = recordToRejection(input, index, `responses[${index}]`);
    if (r.ok) records.push(r.record);
    else {
      const pos = locate(["responses", index]);
      rejected.push(pos ? { ...r.rejected, line: pos.line } : r.rejected);
    }
  });
  const out: ParsedResponsesFile = { ok: true, records, rejected, definitions: envelope.data.definitions ?? [] };
  if (envelope.data.exportedAt !== undefined) out.exportedAt = envelope.data.exportedAt;
  return out;
}

/** SHA-256 of a text (UTF-8) in lowercase hex, with Web Crypto (browser, worker and Node ≥ 20). */
export async function textToSha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * A responses file for download. `definitions` are the stored definitions (they carry their
 * hash); only those that some record uses are listed.
 */
export function createResponsesFile(
  records: readonly ResponseRecord[],
  definitions: readonly DefinitionRef[],
  now: Date = new Date(),
): ResponsesFile {
  const used = new Set(records.map((r) => `${r.surveyId}\u0000${r.surveyVersion}`));
  const seen = new Set<string>();
  const refs: DefinitionRef[] = [];
  for (const d of definitions) {
    const k = `${d.surveyId}\u0000${d.version}`;
    if (!used.has(k) || seen.has(k)) continue;
    seen.add(k);
    refs.push({ surveyId: d.surveyId, version: d.version, hash: d.hash });
  }
  refs.sort((a, b) => (a.surveyId === b.surveyId ? a.version - b.version : a.surveyId < b.surveyId ? -1 : 1));
  return {
    format: RESPONSES_FILE_FORMAT,
    formatVersion: RESPONSES_FILE_VERSION,
    exportedAt: now.toISOString(),
    definitions: refs,
    responses: [...records],
  };
}

export function responsesFileToText(file: ResponsesFile): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}

/**
 * Compares the definitions a responses file says its records used with the installed ones:
 * `missing` (no such survey version here) and `different` (same version, other content).
 */
export function compareDefinitionRefs(
  fromFile: readonly DefinitionRef[],
  installed: readonly DefinitionRef[],
): { missing: DefinitionRef[]; different: { file: DefinitionRef; installed: DefinitionRef }[] } {
  const byKey = new Map(installed.map((d) => [`${d.surveyId}\u0000${d.version}`, d]));
  const missing: DefinitionRef[] = [];
  const different: { file: DefinitionRef; installed: DefinitionRef }[] = [];
  for (const d of fromFile) {
    const mine = byKey.get(`${d.surveyId}\u0000${d.version}`);
    if (!mine) missing.push(d);
    else if (mine.hash !== d.hash) different.push({ file: d, installed: mine });
  }
  return { missing, different };
}
