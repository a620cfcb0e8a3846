/**
 * Writes deterministic demo responses for survey files.
 *
 *   npm run seed -- [--count N] [--seed S] [--out file.json] [surveys/x.json ...]
 *
 * Without file arguments every `*.json` in the survey directories (`surveys/`, or
 * SURVEY_STUDIO_SURVEYS) is used. Output: `{ format, formatVersion, responses }` on stdout or in --out.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { surveyDirs } from "./survey-files-plugin.ts";
import { formatProblem } from "../src/schema/format-problem.ts";
import type { ResponseRecord } from "../src/schema/response.ts";
import { parseSurveyFile, type SurveyFile } from "../src/schema/survey-file.ts";
import { DEFAULT_SEED, generateDemoData } from "../src/seeds/generate.ts";

export const RESPONSES_FORMAT = "survey-studio-responses";
export const RESPONSES_FORMAT_VERSION = 1;
export const DEFAULT_COUNT = 50;

export interface ResponsesFile {
  format: typeof RESPONSES_FORMAT;
  formatVersion: typeof RESPONSES_FORMAT_VERSION;
  responses: ResponseRecord[];
}

export interface CliOptions {
  count: number;
  seed: number;
  out: string | undefined;
  files: string[];
  help: boolean;
}

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Relative paths in arguments are resolved against this directory. */
  cwd: string;
  /** Project root, for the default survey directories. */
  root: string;
}

const USAGE = `Usage: npm run seed -- [--count N] [--seed S] [--out file.json] [survey.json ...]

  --count N   responses per survey (default ${DEFAULT_COUNT})
  --seed S    random seed, an integer (default ${DEFAULT_SEED})
  --out FILE  write the responses file here instead of to stdout
  survey.json survey files to use (default: every surveys/*.json)
`;

class UsageError extends Error {}

function integerArg(flag: string, text: string | undefined, min: number): number {
  if (text === undefined || !/^-?\d+$/.test(text.trim())) throw new UsageError(`${flag} needs an integer, got ${text ?? "nothing"}`);
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < min) throw new UsageError(`${flag} must be an integer ≥ ${min}, got ${text}`);
  return n;
}

/** Command-line arguments → options; throws a usage error on anything unknown or malformed. */
export function argsToCliOptions(args: readonly string[]): CliOptions {
  const options: CliOptions = { count: DEFAULT_COUNT, seed: DEFAULT_SEED, out: undefined, files: [], help: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    const eq = arg.startsWith("--") ? arg.indexOf("=") : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const value = (): string | undefined => (eq > 0 ? arg.slice(eq + 1) : args[++i]);
    switch (flag) {
      case "--count":
        options.count = integerArg("--count", value(), 0);
        break;
      case "--seed":
        options.seed = integerArg("--seed", value(), Number.MIN_SAFE_INTEGER);
        break;
      case "--out": {
        const out = value();
        if (!out) throw new UsageError("--out needs a file name");
        options.out = out;
        break;
      }
      case "--help":
      case "-h":
        options.help = true;
        break;
      default:
        if (arg.startsWith("-") && arg !== "-") throw new UsageError(`unknown option ${arg}`);
        options.files.push(arg);
    }
  }
  return options;
}

function defaultSurveyFiles(root: string): string[] {
  return surveyDirs(root).flatMap((dir) => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return [];
    }
    return names
      .filter((n) => n.endsWith(".json"))
      .sort()
      .map((n) => join(dir, n));
  });
}

function displayName(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return (rel && !rel.startsWith("..") ? rel : path).split("\\").join("/");
}

/** Runs the command; returns the process exit code (0 ok, 1 bad survey file or I/O error, 2 usage). */
export function runCli(args: readonly string[], io: CliIo): number {
  let options: CliOptions;
  try {
    options = argsToCliOptions(args);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr(`seed: ${e.message}\n\n${USAGE}`);
    return 2;
  }
  if (options.help) {
    io.stdout(USAGE);
    return 0;
  }

  const paths = options.files.length > 0 ? options.files.map((f) => resolve(io.cwd, f)) : defaultSurveyFiles(io.root);
  if (paths.length === 0) {
    io.stderr("seed: no survey files found (looked in surveys/*.json)\n");
    return 1;
  }

  const files: SurveyFile[] = [];
  let failed = false;
  for (const path of paths) {
    const name = displayName(path, io.cwd);
    let text: string;
    try {
      text = readFileSync(path, "utf8");
    } catch (e) {
      io.stderr(`${name}: cannot read the file: ${e instanceof Error ? e.message : String(e)}\n`);
      failed = true;
      continue;
    }
    const parsed = parseSurveyFile(text, name);
    if (parsed.ok) files.push(parsed.file);
    else {
      failed = true;
      for (const problem of parsed.problems) io.stderr(`${formatProblem(problem)}\n`);
    }
  }
  if (failed) {
    io.stderr("seed: not writing responses because of the errors above\n");
    return 1;
  }

  const payload: ResponsesFile = {
    format: RESPONSES_FORMAT,
    formatVersion: RESPONSES_FORMAT_VERSION,
    responses: generateDemoData(files, options.count, options.seed),
  };
  const json = `${JSON.stringify(payload, null, 2)}\n`;
  if (options.out === undefined) {
    io.stdout(json);
    return 0;
  }
  const outPath = resolve(io.cwd, options.out);
  try {
    mkdirSync(dirname(outPath), { recursive: true });
    writeFileSync(outPath, json, "utf8");
  } catch (e) {
    io.stderr(`${displayName(outPath, io.cwd)}: cannot write the file: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
  io.stderr(
    `Wrote ${payload.responses.length} responses for ${files.length} survey${files.length === 1 ? "" : "s"} to ${displayName(outPath, io.cwd)}\n`,
  );
  return 0;
}

export function createProcessIo(): CliIo {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    cwd: process.cwd(),
    root: resolve(dirname(fileURLToPath(import.meta.url)), ".."),
  };
}

const entry = process.argv[1];
if (entry !== undefined && import.meta.url === pathToFileURL(resolve(entry)).href) {
  process.exitCode = runCli(process.argv.slice(2), createProcessIo());
}
