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
import { createJsonLocator, MAX_JSON_DEPTH, parseJsonText, pathToString, tooDeep, type Problem } from "./problem.ts";
import { responseRecordInputSchema, type ResponseRecord } from "./response.ts";

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
  /** Set for the reasons the import words itself; otherwise `reason` says what failed the schema. */
  code?: "too-deep" | "not-json" | "missing-completed-at";
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
  const id = typeof input === "object" && input !== null && typeof (input as { id?: unknown }).id === "string" ? (input as { id: string }).id : undefined;
  const reject = (reason: string, path: string): { ok: false; rejected: RejectedRecord } => ({ ok: false, rejected: id !== undefined ? { index, id, reason, path } : { index, reason, path } });
  if (result.success) {
    // A completed response says when: a record without that time was not written by this app.
    if (result.data.status === "completed" && result.data.completedAt === null) {
      return { ok: false, rejected: { ...reject("completedAt is missing: a completed response must say when it was completed", `${where}.completedAt`).rejected, code: "missing-completed-at" } };
    }
    return { ok: true, record: result.data };
  }
  const first = result.error.issues[0];
  const segs = first ? first.path.filter((s): s is string | number => typeof s !== "symbol") : [];
  return reject(first ? issueToReason(first, input) : "not a valid response record", segs.length > 0 ? `${where}${pathToString(segs).replace(/^(?=[A-Za-z_$])/, ".")}` : where);
}

/** One record of a responses file as the reader meets it: valid, or rejected with a reason. */
export type ResponsesFileItem = { index: number; line: number } & ({ ok: true; record: ResponseRecord } | { ok: false; rejected: RejectedRecord });

export type ResponsesFileEnd =
  | { ok: true; definitions: DefinitionRef[]; exportedAt?: string; records: number }
  | { ok: false; problems: Problem[] };

/**
 * Reads a responses file piece by piece (any size: the text never needs to be whole), record by
 * record. Each entry of `responses` is cut out of the text by a plain scan (strings, escapes,
 * brackets; no recursion), parsed with `JSON.parse` and validated on its own: a record that is
 * not valid JSON, nests deeper than {@link MAX_JSON_DEPTH} levels or fails the schema is rejected
 * alone, with its line. The envelope (`format`, `formatVersion`, `exportedAt`, `definitions`) is
 * checked when `responses` starts (`envelopeChecked()`: records may be trusted from then on) and
 * again at the end; a wrong envelope or a broken structure (unbalanced brackets, a file cut short)
 * fails the whole file.
 */
export function createResponsesFileReader(fileName: string) {
  /** Text of the file outside `responses` (with `"responses":[]`), for the envelope. */
  let envelope = "";
  let depth = 0;
  let inString = false;
  let escaped = false;
  let line = 1;
  let started = false;
  /** Key being read at depth 1, and the last complete one. */
  let keyStart = -1;
  let keyText = "";
  let lastKey: string | undefined;
  let expectKey = false;
  /** Inside the `responses` array (at depth 2 and below). */
  let inResponses = false;
  let responsesSeen = false;
  /** The entry being read: its pieces of text, depth reached, first line. */
  let entry: string[] | undefined;
  let entryFrom = 0;
  let entryDepth = 0;
  let entryMax = 0;
  let entryLine = 0;
  let index = 0;
  let broken: Problem | undefined;
  let envelopeEarlyOk = false;

  const fail = (message: string) => {
    broken ??= { file: fileName, path: "", severity: "error", source: "json", message, line };
  };

  const checkEnvelope = (text: string): Problem[] | undefined => {
    const json = parseJsonText(text, fileName);
    if (!json.ok) return json.problems.map((p) => ({ ...p, line: undefined, column: undefined, message: `${p.message} (outside the list of responses)` }));
    const checked = responsesEnvelopeSchema.safeParse(json.value);
    if (checked.success) return undefined;
    return checked.error.issues.map((issue) => {
      const segs = issue.path.filter((x): x is string | number => typeof x !== "symbol");
      return { file: fileName, path: pathToString(segs), severity: "error" as const, source: "responses-file", message: issueToReason(issue, json.value, "the file") };
    });
  };

  /** An entry of `responses` starts at offset `i` of the piece in hand. */
  const startEntry = (i: number) => {
    entry = [];
    entryFrom = i;
    entryDepth = 0;
    entryMax = 0;
    entryLine = line;
  };

  const finishEntry = (out: ResponsesFileItem[]) => {
    const pieces = entry ?? [];
    entry = undefined;
    const at = index++;
    const where = `responses[${at}]`;
    if (entryMax > MAX_JSON_DEPTH) {
      out.push({ index: at, line: entryLine, ok: false, rejected: { index: at, line: entryLine, code: "too-deep", reason: `the record nests objects and arrays more than ${MAX_JSON_DEPTH} levels deep: no response needs that many`, path: where } });
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(pieces.join(""));
    } catch (e) {
      out.push({ index: at, line: entryLine, ok: false, rejected: { index: at, line: entryLine, code: "not-json", reason: `the record is not valid JSON (${(e as Error).message})`, path: where } });
      return;
    }
    const r = recordToRejection(value, at, where);
    out.push(r.ok ? { index: at, line: entryLine, ok: true, record: r.record } : { index: at, line: entryLine, ok: false, rejected: { ...r.rejected, line: entryLine } });
  };

  return {
    /** Reads the next piece of the file; returns the records it completed. */
    push(chunk: string): ResponsesFileItem[] {
      const out: ResponsesFileItem[] = [];
      if (broken) return out;
      let text = chunk;
      if (!started && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      started ||= text.length > 0;
      let envFrom = 0;
      entryFrom = 0;
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10) line++;
        if (inString) {
          if (escaped) escaped = false;
          else if (c === 92) escaped = true;
          else if (c === 34) {
            inString = false;
            if (keyStart >= 0) {
              keyText += text.slice(keyStart, i + 1);
              keyStart = -1;
              try {
                lastKey = JSON.parse(keyText) as string;
              } catch {
                lastKey = undefined;
              }
            }
          }
          continue;
        }
        if (c === 34) {
          inString = true;
          if (depth === 1 && expectKey) {
            keyStart = i;
            keyText = "";
            expectKey = false;
          } else if (inResponses && depth === 2 && !entry) startEntry(i);
          continue;
        }
        if (c === 123 || c === 91) {
          if (inResponses && depth === 2 && !entry) startEntry(i);
          depth++;
          if (entry) entryMax = Math.max(entryMax, ++entryDepth);
          if (depth === 1) expectKey = c === 123;
          if (depth === 2 && c === 91 && lastKey === "responses" && !responsesSeen) {
            // The envelope so far is known: check it now, so that records are trusted only from a file of this format.
            envelope += text.slice(envFrom, i) + "[]";
            // (`format` may also come after the records: then they are trusted only at the end.)
            envelopeEarlyOk = checkEnvelope(`${envelope}}`) === undefined;
            inResponses = true;
            responsesSeen = true;
            envFrom = i + 1;
          }
          continue;
        }
        if (c === 125 || c === 93) {
          if (entry && entryDepth === 0) {
            // A bare value (a number, a string…) as the last entry.
            entry.push(text.slice(entryFrom, i));
            finishEntry(out);
          }
          depth--;
          if (depth < 0) {
            fail(`JSON syntax error: an unexpected "${String.fromCharCode(c)}"`);
            return out;
          }
          if (entry) {
            entryDepth--;
            if (entryDepth === 0) {
              entry.push(text.slice(entryFrom, i + 1));
              finishEntry(out);
            }
          }
          if (inResponses && depth === 1) {
            inResponses = false;
            envFrom = i + 1;
          }
          continue;
        }
        if (c === 44 || c === 32 || c === 9 || c === 13 || c === 10 || c === 58) {
          if (c === 44 && depth === 1) expectKey = true;
          // A bare value (number, true, null) as an entry ends at the next separator.
          if (entry && entryDepth === 0 && (c === 44 || c === 32 || c === 9 || c === 13 || c === 10)) {
            entry.push(text.slice(entryFrom, i));
            finishEntry(out);
          }
          continue;
        }
        if (inResponses && depth === 2 && !entry) startEntry(i);
      }
      if (entry) entry.push(text.slice(entryFrom));
      if (keyStart >= 0) {
        keyText += text.slice(keyStart);
        keyStart = 0;
      }
      if (!inResponses) envelope += text.slice(envFrom);
      return out;
    },

    /** True once the envelope before `responses` was found to be a responses file of this format. */
    envelopeChecked: () => envelopeEarlyOk,

    /** Checks the end of the file and the whole envelope. */
    end(): ResponsesFileEnd {
      if (broken) return { ok: false, problems: [broken] };
      if (!started) return { ok: false, problems: [{ file: fileName, path: "", severity: "error", source: "json", message: "JSON syntax error: the file is empty", line: 1, column: 1 }] };
      if (inString || depth !== 0 || entry) {
        return { ok: false, problems: [{ file: fileName, path: "", severity: "error", source: "json", message: "JSON syntax error: the file ends before its last object or array is closed (was it cut short?)", line }] };
      }
      const problems = checkEnvelope(envelope);
      if (problems) return { ok: false, problems };
      const json = JSON.parse(envelope) as { definitions?: DefinitionRef[]; exportedAt?: string };
      const out: ResponsesFileEnd = { ok: true, definitions: json.definitions ?? [], records: index };
      if (json.exportedAt !== undefined) out.exportedAt = json.exportedAt;
      return out;
    },
  };
}

/**
 * Parses a whole responses file held as text (the command line, tests). JSON errors and a wrong
 * envelope fail the whole file; bad records are rejected one by one with a reason and a line.
 */
export function parseResponsesFile(text: string, fileName: string): ParsedResponsesFile {
  const reader = createResponsesFileReader(fileName);
  const records: ResponseRecord[] = [];
  const rejected: RejectedRecord[] = [];
  for (const item of reader.push(text)) {
    if (item.ok) records.push(item.record);
    else rejected.push(item.rejected);
  }
  const end = reader.end();
  if (!end.ok) return { ok: false, problems: withLines(end.problems, text) };
  const out: ParsedResponsesFile = { ok: true, records, rejected, definitions: end.definitions };
  if (end.exportedAt !== undefined) out.exportedAt = end.exportedAt;
  return out;
}

/** Envelope problems get the line of their path when the whole text is at hand. */
function withLines(problems: Problem[], text: string): Problem[] {
  // (The locator recurses: not on a deep or very large text.)
  if (problems.every((p) => p.line !== undefined) || text.length > 5_000_000 || tooDeep(text, MAX_JSON_DEPTH)) return problems;
  const locator = createJsonLocator(text);
  return problems.map((p) => (p.line !== undefined ? p : { ...p, ...(locator.position(p.path) ?? {}) }));
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
