import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import type { Plugin } from "vite";

const ID = "virtual:survey-files";
const RESOLVED = "\0" + ID;

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
      return id === ID ? RESOLVED : undefined;
    },
    load(id) {
      if (id !== RESOLVED) return undefined;
      const files: { fileName: string; text: string }[] = [];
      for (const dir of surveyDirs(root)) {
        for (const name of readdirSync(dir).filter((n) => n.endsWith(".json")).sort()) {
          const path = join(dir, name);
          this.addWatchFile(path);
          files.push({ fileName: relative(root, path).split("\\").join("/"), text: readFileSync(path, "utf8") });
        }
      }
      return `export default ${JSON.stringify(files)};`;
    },
  };
}
