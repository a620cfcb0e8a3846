import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import type { Plugin } from "vite";

const ID = "virtual:survey-files";
const RESOLVED = "\0" + ID;
const INDEX_ID = "virtual:survey-index";
const INDEX_RESOLVED = "\0" + INDEX_ID;

export interface SurveyIndexEntry {
  fileName: string;
  id?: string;
  version?: number;
  title?: unknown;
  languages?: unknown;
  /** Set when the file is not even JSON; every other check runs in the app. */
  syntaxError?: string;
}

function readSurveyFiles(root: string, watch: (path: string) => void) {
  const files: { fileName: string; text: string }[] = [];
  for (const dir of surveyDirs(root)) {
    for (const name of readdirSync(dir).filter((n) => n.endsWith(".json")).sort()) {
      const path = join(dir, name);
      watch(path);
      files.push({ fileName: relative(root, path).split("\\").join("/"), text: readFileSync(path, "utf8") });
    }
  }
  return files;
}

/** What the home page needs to list the surveys without loading them: id, version, title, languages. */
function toIndexEntry(file: { fileName: string; text: string }): SurveyIndexEntry {
  try {
    const json = JSON.parse(file.text) as Record<string, unknown>;
    return { fileName: file.fileName, id: typeof json["id"] === "string" ? json["id"] : undefined, version: typeof json["version"] === "number" ? json["version"] : undefined, title: json["title"], languages: json["languages"] };
  } catch (e) {
    return { fileName: file.fileName, syntaxError: (e as Error).message };
  }
}

/** Survey directories: `surveys/`, or the comma-separated list in SURVEY_STUDIO_SURVEYS. */
export function surveyDirs(root: string): string[] {
  const list = process.env["SURVEY_STUDIO_SURVEYS"] ?? "surveys";
  return list
    .split(",")
    .map((d) => d.trim())
    .filter(Boolean)
    .map((d) => resolve(root, d));
}

/**
 * Exposes the survey files as raw text (`virtual:survey-files`), so that a broken
 * file is reported by the app at run time instead of breaking the build.
 */
export function surveyFilesPlugin(): Plugin {
  let root = process.cwd();
  return {
    name: "survey-studio:survey-files",
    configResolved(config) {
      root = config.root;
    },
    resolveId(id) {
      if (id === ID) return RESOLVED;
      if (id === INDEX_ID) return INDEX_RESOLVED;
      return undefined;
    },
    load(id) {
      if (id !== RESOLVED && id !== INDEX_RESOLVED) return undefined;
      const files = readSurveyFiles(root, (path) => this.addWatchFile(path));
      const value = id === RESOLVED ? files : files.map(toIndexEntry);
      return `export default ${JSON.stringify(value)};`;
    },
  };
}
