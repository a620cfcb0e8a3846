import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import type { Plugin } from "vite";
import { textToEnvelope, type SurveyIndexEntry, type SurveySource } from "../src/catalog/envelope.ts";
import type { Problem } from "../src/schema/problem.ts";

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

/** Errors of one file's text, by file name and text: the checks load survey-core and take a moment. */
const checked = new Map<string, Problem[]>();

/**
 * The build's index of the shipped files: each file's envelope and the errors of every check
 * `npm run lint:surveys` runs on it (survey-core's loader and linter included), plus a second
 * file using an id already taken. A file with errors is refused by the app (never offered for
 * filling, listed with its errors), and the build says so.
 */
export async function indexSurveyFiles(files: readonly SurveySource[], warn: (message: string) => void = () => undefined): Promise<SurveyIndexEntry[]> {
  const { lintSurveyText } = await import("../src/survey/lint.ts");
  const owners = new Map<string, string>();
  return files.map((f): SurveyIndexEntry => {
    const key = `${f.fileName}\u0000${f.text}`;
    let errors = checked.get(key);
    if (!errors) {
      // (Only the error itself travels: no one-click fix in the index.)
      errors = lintSurveyText(f.text, f.fileName)
        .filter((p) => p.severity === "error")
        .map(({ fix: _fix, ...p }) => p);
      checked.set(key, errors);
    }
    const envelope = textToEnvelope(f.text);
    const problems = [...errors];
    if (envelope.id !== undefined) {
      const other = owners.get(envelope.id);
      if (other) problems.push({ file: f.fileName, path: "id", severity: "error", source: "envelope", message: `the survey id "${envelope.id}" is already used by ${other}` });
      else if (problems.length === 0) owners.set(envelope.id, f.fileName);
    }
    if (problems.length > 0) warn(`${f.fileName} is refused (${problems.length} error${problems.length > 1 ? "s" : ""}; npm run lint:surveys ${f.fileName} lists them): ${problems[0]!.message}`);
    return { fileName: f.fileName, ...envelope, ...(problems.length > 0 ? { problems } : {}) };
  });
}

/**
 * Exposes the survey files as raw text (`virtual:survey-files`) and their index with every
 * check's errors (`virtual:survey-index`): a broken file is refused and reported by the app
 * instead of breaking the build.
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
    async load(id) {
      if (id !== RESOLVED && id !== INDEX_RESOLVED) return undefined;
      const files = readSurveyFiles(root, (path) => this.addWatchFile(path));
      const value = id === RESOLVED ? files : await indexSurveyFiles(files, (m) => this.warn(m));
      return `export default ${JSON.stringify(value)};`;
    },
  };
}
