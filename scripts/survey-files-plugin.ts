import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import type { Plugin } from "vite";
import { textToEnvelope, type SurveyIndexEntry, type SurveySource } from "../src/catalog/envelope.ts";

const ID = "virtual:survey-files";
const RESOLVED = "\0" + ID;
const INDEX_ID = "virtual:survey-index";
const INDEX_RESOLVED = "\0" + INDEX_ID;

function readSurveyFiles(root: string, watch: (path: string) => void) {
  const files: SurveySource[] = [];
  for (const dir of surveyDirs(root)) {
    for (const name of readdirSync(dir).filter((n) => n.endsWith(".json")).sort()) {
      const path = join(dir, name);
      watch(path);
      files.push({ fileName: relative(root, path).split("\\").join("/"), text: readFileSync(path, "utf8") });
    }
  }
  return files;
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
      const value = id === RESOLVED ? files : files.map((f): SurveyIndexEntry => ({ fileName: f.fileName, ...textToEnvelope(f.text) }));
      return `export default ${JSON.stringify(value)};`;
    },
  };
}
