/**
 * The survey files shipped with the app (`surveys/`, or SURVEY_STUDIO_SURVEYS at build time), as
 * raw text: a broken file is reported by the app instead of breaking the build.
 */
import { findNodeAtLocation, parseTree } from "jsonc-parser";
import files from "virtual:survey-files";
import { parseSurveyFile, type ParsedSurveyFile } from "../schema/survey-file.ts";
import type { SurveySource } from "./envelope.ts";

/** A shipped file as the designer sees it: its text even when the app's checks reject it. */
export interface ShippedSource extends SurveySource {
  /** The id written in the file, or its file name when that cannot be read. */
  id: string;
  version: number | undefined;
}

/** The id and version written in a survey file's text, read leniently (a file with a syntax error elsewhere still has them). */
export function readEnvelope(text: string): { id?: string; version?: number } {
  const root = parseTree(text);
  const id = root ? findNodeAtLocation(root, ["id"]) : undefined;
  const version = root ? findNodeAtLocation(root, ["version"]) : undefined;
  return {
    ...(id?.type === "string" ? { id: String(id.value) } : {}),
    ...(version?.type === "number" ? { version: Number(version.value) } : {}),
  };
}

/** Every shipped file, as found. */
export function shippedFiles(): readonly SurveySource[] {
  return files;
}

/** The shipped files with the id and version written in them. */
export function shippedSources(): ShippedSource[] {
  return files.map((f) => {
    const env = readEnvelope(f.text);
    const base = f.fileName.replace(/^.*\//, "").replace(/\.json$/i, "");
    return { fileName: f.fileName, text: f.text, id: env.id ?? base, version: env.version };
  });
}

let parsed: { source: SurveySource; parsed: ParsedSurveyFile }[] | undefined;

/** The shipped files parsed (JSON and envelope, no survey-core), once per page load. */
export function parsedShippedFiles(): readonly { source: SurveySource; parsed: ParsedSurveyFile }[] {
  parsed ??= files.map((source) => ({ source, parsed: parseSurveyFile(source.text, source.fileName) }));
  return parsed;
}
