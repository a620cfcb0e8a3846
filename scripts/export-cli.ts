/**
 * CSV export from the command line, with the same code as the app's export worker.
 *
 *   npm run export -- --survey <id> --in <responses.json> --out <file.csv> [options]
 *   npm run export -- --survey <id> --server <url> --out <file.csv> [options]
 *
 * Reads every version of the survey found in the survey directory, the responses file (from
 * "Download responses" or `npm run seed`) and writes the CSV (or a ZIP with --repeats files)
 * and its codebook. With --server, the collection server makes the same files from its database
 * (signing in with SURVEY_STUDIO_EMAIL and SURVEY_STUDIO_PASSWORD from the environment).
 * Exit codes: 0 done, 1 bad input or I/O error, 2 bad arguments.
 */
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, writeSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createCsvExport, type CsvExport } from "../src/export/export-csv.ts";
import { surveyFileToExportDefinition } from "../src/export/plan.ts";
import { csvExportToScripts } from "../src/export/label-scripts.ts";
import { writeXlsx } from "../src/export/xlsx.ts";
import { ExportError, LABEL_SCRIPT_KINDS, type ExportDefinition, type ExportOptions } from "../src/export/types.ts";
import { createZipWriter } from "../src/export/zip.ts";
import { formatProblem } from "../src/schema/format-problem.ts";
import { parseResponsesFile } from "../src/schema/responses-file.ts";
import { parseSurveyFile } from "../src/schema/survey-file.ts";
import { surveyDirs } from "./survey-files-plugin.ts";

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Relative paths in arguments are resolved against this directory. */
  cwd: string;
  /** Project root, for the default survey directory. */
  root: string;
}

export interface ExportCliOptions {
  survey: string;
  input: string;
  /** A collection server to export from instead of a responses file. */
  server: string | undefined;
  out: string;
  codebook: string | null | undefined;
  surveysDir: string | undefined;
  strict: boolean;
  help: boolean;
  export: Partial<ExportOptions>;
}

const USAGE = `Usage: npm run export -- --survey <id> --in <responses.json> --out <file.csv> [options]
       npm run export -- --survey <id> --server <url> --out <file.csv> [options]

  --survey ID              the survey to export (the "id" in its survey file)
  --in FILE                responses file (JSON, from "Download responses" or npm run seed)
  --server URL             export from a collection server instead (an analyst's account:
                           SURVEY_STUDIO_EMAIL and SURVEY_STUDIO_PASSWORD in the environment)
  --out FILE               CSV to write ("-" for standard output); a ZIP with --repeats files
  --headers names|titles   column headers: question names (default) or titles in --lang
  --values codes|labels    cells: stored codes (default) or choice labels in --lang
  --lang CODE              language of titles and labels, e.g. en, fr, es, ar (default en)
  --delimiter comma|semicolon|tab   (default comma)
  --separator /|_|.        separator inside column names (default /); _ or . give names that
                           R's read.csv keeps as they are
  --multi joined|columns   checkbox and tagbox: one column joined with ";" (default) or a 1/0
                           column per choice
  --repeats wide|files     dynamic panels and matrices: columns q/1/x, q/2/x... (default) or
                           one CSV per repeat, all in a ZIP
  --decimal point|comma    decimal mark of numbers (default: comma with --delimiter semicolon,
                           else point; comma needs semicolon or tab)
  --scripts LIST           also write label scripts that load the CSV: r, stata, spss, comma
                           separated, or all (next to --out as <name>.R, .do, .sps; in the
                           ZIP with --repeats files)
  --format csv|xlsx        CSV files and codebook (default), or one Excel workbook with typed
                           cells: a sheet of responses, one per repeat, the codebook
  --drafts                 include drafts (default: completed responses only)
  --no-bom                 no UTF-8 byte-order mark (it is there by default, for Excel)
  --no-neutralize          keep text starting with = + - @ as it is (default: prefix it with ';
                           plain numbers such as -5 are never prefixed)
  --lf                     end lines with LF instead of CRLF
  --codebook FILE          where to write the codebook (default: next to --out, <name>-codebook.csv)
  --no-codebook            do not write the codebook (it is always in the ZIP)
  --surveys-dir DIR        where the survey files are (default: surveys/)
  --strict                 fail (exit 1) when the responses file has invalid records
  -h, --help               this help
`;

class UsageError extends Error {}

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T {
  if (value === undefined || !(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`${flag} must be one of ${allowed.join(", ")}${value === undefined ? "" : `, not "${value}"`}`);
  }
  return value as T;
}

/** Arguments → options; throws a UsageError on anything unknown, missing or malformed. */
export function argsToExportOptions(args: readonly string[]): ExportCliOptions {
  const o: ExportCliOptions = { survey: "", input: "", server: undefined, out: "", codebook: undefined, surveysDir: undefined, strict: false, help: false, export: {} };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    const eq = arg.startsWith("--") ? arg.indexOf("=") : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const value = (): string => {
      const v = eq > 0 ? arg.slice(eq + 1) : args[++i];
      if (v === undefined || v === "" || (eq < 0 && v.startsWith("--"))) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case "--survey":
        o.survey = value();
        break;
      case "--in":
        o.input = value();
        break;
      case "--server": {
        const v = value();
        if (!/^https?:\/\/[^/]/.test(v)) throw new UsageError(`--server must be an http:// or https:// URL, not "${v}"`);
        o.server = v.replace(/\/+$/, "");
        break;
      }
      case "--out":
        o.out = value();
        break;
      case "--codebook":
        o.codebook = value();
        break;
      case "--no-codebook":
        o.codebook = null;
        break;
      case "--surveys-dir":
        o.surveysDir = value();
        break;
      case "--headers":
        o.export.headers = oneOf(flag, value(), ["names", "titles"] as const);
        break;
      case "--values":
        o.export.values = oneOf(flag, value(), ["codes", "labels"] as const);
        break;
      case "--lang": {
        const v = value();
        if (!/^[a-z]{2,3}(-[A-Za-z0-9]+)*$/.test(v)) throw new UsageError(`--lang must be a language code such as en, fr, es or ar, not "${v}"`);
        o.export.language = v;
        break;
      }
      case "--delimiter":
        o.export.delimiter = oneOf(flag, value(), ["comma", "semicolon", "tab"] as const);
        break;
      case "--separator":
        o.export.separator = oneOf(flag, value(), ["/", "_", "."] as const);
        break;
      case "--multi":
        o.export.multi = oneOf(flag, value(), ["joined", "columns"] as const);
        break;
      case "--repeats":
        o.export.repeats = oneOf(flag, value(), ["wide", "files"] as const);
        break;
      case "--decimal":
        o.export.decimalMark = oneOf(flag, value(), ["point", "comma"] as const) === "comma" ? "," : ".";
        break;
      case "--scripts": {
        const v = value();
        const list = v === "all" ? [...LABEL_SCRIPT_KINDS] : v.split(",").map((x) => x.trim());
        o.export.scripts = list.map((x) => oneOf(flag, x, LABEL_SCRIPT_KINDS));
        break;
      }
      case "--drafts":
        o.export.includeDrafts = true;
        break;
      case "--no-bom":
        o.export.bom = false;
        break;
      case "--no-neutralize":
        o.export.neutralize = false;
        break;
      case "--format":
        o.export.format = oneOf(flag, value(), ["csv", "xlsx"] as const);
        break;
      case "--lf":
        o.export.lineEnding = "lf";
        break;
      case "--strict":
        o.strict = true;
        break;
      case "--help":
      case "-h":
        o.help = true;
        break;
      default:
        throw new UsageError(arg.startsWith("-") ? `unknown option ${arg}` : `unexpected argument "${arg}"`);
    }
  }
  if (!o.help) {
    const missing = [!o.survey && "--survey", !o.input && !o.server && "--in", !o.out && "--out"].filter(Boolean);
    if (o.input && o.server) throw new UsageError("give --in or --server, not both");
    if (missing.length > 0) throw new UsageError(`missing ${missing.join(", ")}`);
    if (o.out === "-" && o.export.repeats === "files") throw new UsageError("--repeats files writes a ZIP: give a file name to --out");
    if (o.out === "-" && o.export.format === "xlsx") throw new UsageError("--format xlsx writes a workbook: give a file name to --out");
    if (o.export.format === "xlsx" && (o.export.scripts?.length ?? 0) > 0) throw new UsageError("--scripts load CSV files: use them without --format xlsx");
    if (o.out === "-" && (o.export.scripts?.length ?? 0) > 0) throw new UsageError("--scripts load the CSV from a file: give a file name to --out");
    if (o.export.decimalMark === undefined && o.export.delimiter === "semicolon") o.export.decimalMark = ",";
    if (o.export.decimalMark === "," && (o.export.delimiter ?? "comma") === "comma") throw new UsageError("--decimal comma needs --delimiter semicolon or tab");
  }
  return o;
}

function displayName(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return (rel && !rel.startsWith("..") ? rel : path).split("\\").join("/");
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Every version of `surveyId` in the survey directories; problems of unreadable files are returned too. */
function readDefinitions(dirs: readonly string[], surveyId: string, io: CliIo): { definitions: ExportDefinition[]; problems: string[] } {
  const definitions: ExportDefinition[] = [];
  const problems: string[] = [];
  const texts = new Map<number, { text: string; name: string }>();
  for (const dir of dirs) {
    let names: string[];
    try {
      names = readdirSync(dir).filter((n) => n.endsWith(".json")).sort();
    } catch (e) {
      problems.push(`${displayName(dir, io.cwd)}: cannot read the survey directory: ${errorText(e)}`);
      continue;
    }
    for (const n of names) {
      const path = join(dir, n);
      const name = displayName(path, io.cwd);
      let text: string;
      try {
        text = readFileSync(path, "utf8");
      } catch (e) {
        problems.push(`${name}: cannot read the file: ${errorText(e)}`);
        continue;
      }
      const parsed = parseSurveyFile(text, name);
      if (!parsed.ok) {
        problems.push(...parsed.problems.map(formatProblem));
        continue;
      }
      if (parsed.file.id !== surveyId) continue;
      const prior = texts.get(parsed.file.version);
      if (prior) {
        if (prior.text !== text) problems.push(`${name}: version ${parsed.file.version} of "${surveyId}" is also in ${prior.name}, with different content`);
        continue;
      }
      texts.set(parsed.file.version, { text, name });
      definitions.push(surveyFileToExportDefinition(parsed.file));
    }
  }
  return { definitions, problems };
}

function writeFile(path: string, files: readonly { name: string; chunks(): Iterable<string> }[], zip: boolean): void {
  mkdirSync(dirname(path), { recursive: true });
  const fd = openSync(path, "w");
  try {
    if (zip) {
      const writer = createZipWriter((bytes) => void writeSync(fd, bytes));
      for (const f of files) {
        const entry = writer.file(f.name);
        for (const chunk of f.chunks()) entry.push(chunk);
        entry.end();
      }
      writer.end();
    } else {
      for (const f of files) for (const chunk of f.chunks()) writeSync(fd, chunk);
    }
  } finally {
    closeSync(fd);
  }
}

function codebookPath(out: string): string {
  const stem = basename(out).replace(/\.(csv|txt|tsv)$/i, "");
  return join(dirname(out), `${stem}-codebook.csv`);
}

/** Runs the command; returns the exit code (0 done, 1 bad input or I/O error, 2 bad arguments). */
/** Runs the command; the exit code (a promise of it for --format xlsx, which is written asynchronously). */
export function runCli(args: readonly string[], io: CliIo): number | Promise<number> {
  let o: ExportCliOptions;
  try {
    o = argsToExportOptions(args);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr(`export: ${e.message}\n\n${USAGE}`);
    return 2;
  }
  if (o.help) {
    io.stdout(USAGE);
    return 0;
  }

  const dirs = o.surveysDir ? [resolve(io.cwd, o.surveysDir)] : surveyDirs(io.root);
  const { definitions, problems } = readDefinitions(dirs, o.survey, io);
  if (definitions.length === 0) {
    for (const p of problems) io.stderr(`${p}\n`);
    io.stderr(`export: no survey file with the id "${o.survey}" in ${dirs.map((d) => displayName(d, io.cwd)).join(", ")}\n`);
    return 1;
  }
  const duplicate = problems.filter((p) => p.includes("with different content"));
  if (duplicate.length > 0) {
    for (const p of duplicate) io.stderr(`${p}\n`);
    return 1;
  }

  const inPath = resolve(io.cwd, o.input);
  const inName = displayName(inPath, io.cwd);
  let text: string;
  try {
    text = readFileSync(inPath, "utf8");
  } catch (e) {
    io.stderr(`${inName}: cannot read the file: ${errorText(e)}\n`);
    return 1;
  }
  const parsed = parseResponsesFile(text, inName);
  if (!parsed.ok) {
    for (const p of parsed.problems) io.stderr(`${formatProblem(p)}\n`);
    io.stderr(`export: ${inName} is not a responses file\n`);
    return 1;
  }
  for (const r of parsed.rejected) {
    io.stderr(`${inName}${r.line ? `:${r.line}` : ""}: ${r.path}: record not exported: ${r.reason}${r.id ? ` (id ${r.id})` : ""}\n`);
  }
  if (o.strict && parsed.rejected.length > 0) {
    io.stderr(`export: ${parsed.rejected.length} invalid record(s) in ${inName} (--strict)\n`);
    return 1;
  }

  let exp: CsvExport;
  try {
    exp = createCsvExport({ surveyId: o.survey, definitions, records: parsed.records }, o.export);
  } catch (e) {
    if (!(e instanceof ExportError)) throw e;
    io.stderr(`export: ${e.message}\n`);
    return 1;
  }

  if (exp.plan.options.format === "xlsx") return writeWorkbook(io, exp, resolve(io.cwd, o.out), o.out, parsed.rejected.length);
  // The app hands scripts over in a ZIP (one download); here they are written next to the CSV.
  const zip = exp.plan.options.repeats === "files";
  const data = exp.files.filter((f) => f.kind !== "codebook");
  const codebook = exp.files.filter((f) => f.kind === "codebook");
  const outPath = o.out === "-" ? "-" : resolve(io.cwd, o.out);
  const written: string[] = [];
  try {
    if (outPath === "-") {
      for (const f of data) for (const chunk of f.chunks()) io.stdout(chunk);
    } else if (zip) {
      // The scripts are made after the CSV files are written: they use what was written.
      mkdirSync(dirname(outPath), { recursive: true });
      const fd = openSync(outPath, "w");
      try {
        const writer = createZipWriter((bytes) => void writeSync(fd, bytes));
        const add = (f: { name: string; chunks(): Iterable<string> }) => {
          const entry = writer.file(f.name);
          for (const chunk of f.chunks()) entry.push(chunk);
          entry.end();
        };
        for (const f of exp.files) add(f);
        for (const f of csvExportToScripts(exp)) add(f);
        writer.end();
      } finally {
        closeSync(fd);
      }
      written.push(displayName(outPath, io.cwd));
    } else {
      writeFile(outPath, data, false);
      written.push(displayName(outPath, io.cwd));
    }
    const cbPath = o.codebook === null ? undefined : o.codebook !== undefined ? resolve(io.cwd, o.codebook) : outPath === "-" || zip ? undefined : codebookPath(outPath);
    if (cbPath) {
      writeFile(cbPath, codebook, false);
      written.push(displayName(cbPath, io.cwd));
    }
    if (!zip && outPath !== "-" && exp.plan.options.scripts.length > 0) {
      const stem = basename(outPath).replace(/\.(csv|txt|tsv)$/i, "");
      for (const f of csvExportToScripts(exp, { fileNames: [basename(outPath)], base: stem })) {
        const path = join(dirname(outPath), f.name);
        writeFile(path, [f], false);
        written.push(displayName(path, io.cwd));
      }
    }
  } catch (e) {
    io.stderr(`export: cannot write ${o.out}: ${errorText(e)}\n`);
    return 1;
  }

  return report(io, exp, parsed.rejected.length, written);
}

function report(io: CliIo, exp: CsvExport, rejected: number, written: readonly string[]): number {
  const s = exp.summary;
  for (const w of s.warnings) io.stderr(`warning: ${w.message}\n`);
  const lines = [
    `Exported ${s.responses} response${s.responses === 1 ? "" : "s"} of "${s.surveyId}" (version${s.versions.length === 1 ? "" : "s"} ${[...s.versions].reverse().join(", ")}), ${s.columns} columns`,
    s.skippedDrafts > 0 ? `${s.skippedDrafts} draft${s.skippedDrafts === 1 ? "" : "s"} left out (add --drafts to include them)` : "",
    s.neutralizedCells > 0
      ? `${s.neutralizedCells} cell${s.neutralizedCells === 1 ? "" : "s"} starting with = + - @ ${s.neutralizedCells === 1 ? "was" : "were"} prefixed with ' so that spreadsheets do not run ${s.neutralizedCells === 1 ? "it" : "them"}`
      : "",
    s.longCells > 0 ? `${s.longCells} cell${s.longCells === 1 ? " is" : "s are"} longer than Excel's 32,767 characters` : "",
    rejected > 0 ? `${rejected} invalid record${rejected === 1 ? "" : "s"} skipped (see above)` : "",
    written.length > 0 ? `Wrote ${written.length > 2 ? `${written.slice(0, -1).join(", ")} and ${written[written.length - 1]}` : written.join(" and ")}` : "",
  ].filter(Boolean);
  io.stderr(`${lines.join("\n")}\n`);
  return 0;
}

/** The workbook of `--format xlsx`, streamed into the file. */
async function writeWorkbook(io: CliIo, exp: CsvExport, outPath: string, out: string, rejected: number): Promise<number> {
  try {
    mkdirSync(dirname(outPath), { recursive: true });
    const fd = openSync(outPath, "w");
    try {
      await writeXlsx(exp, new WritableStream<Uint8Array>({ write: (chunk) => void writeSync(fd, chunk) }));
    } finally {
      closeSync(fd);
    }
  } catch (e) {
    io.stderr(`export: ${e instanceof ExportError ? e.message : `cannot write ${out}: ${errorText(e)}`}\n`);
    return 1;
  }
  return report(io, exp, rejected, [displayName(outPath, io.cwd)]);
}

export function createProcessIo(): CliIo {
  return {
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
    cwd: process.cwd(),
    root: resolve(dirname(fileURLToPath(import.meta.url)), ".."),
  };
}

/**
 * The export from a collection server: signs in, then streams the files the server makes (the
 * same code, src/export, reading the server's database) to disk.
 */
export async function runServerCli(args: readonly string[], io: CliIo, env: Record<string, string | undefined> = process.env): Promise<number> {
  let o: ExportCliOptions;
  try {
    o = argsToExportOptions(args);
    if (!o.server) throw new UsageError("missing --server");
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr(`export: ${e.message}\n\n${USAGE}`);
    return 2;
  }
  const server = o.server as string;
  const email = env["SURVEY_STUDIO_EMAIL"];
  const password = env["SURVEY_STUDIO_PASSWORD"];
  if (!email || !password) {
    io.stderr("export: set SURVEY_STUDIO_EMAIL and SURVEY_STUDIO_PASSWORD to an analyst's account on the server\n");
    return 2;
  }
  const problemText = async (res: Response) => {
    const body = (await res.json().catch(() => ({}))) as { title?: string; detail?: string };
    return `${res.status} ${body.detail ?? body.title ?? res.statusText}`;
  };
  try {
    const signIn = await fetch(`${server}/api/session`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, password }) });
    if (!signIn.ok) {
      io.stderr(`export: signing in to ${server} failed: ${await problemText(signIn)}\n`);
      return 1;
    }
    const cookie = (signIn.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(o.export)) query.set(k, String(v));
    const zip = o.export.repeats === "files";
    const download = async (file: "csv" | "codebook" | "zip", path: string): Promise<number> => {
      query.set("file", file);
      const res = await fetch(`${server}/api/surveys/${encodeURIComponent(o.survey)}/export?${query}`, { headers: { cookie } });
      if (!res.ok || !res.body) {
        io.stderr(`export: the server refused the export: ${await problemText(res)}\n`);
        return 1;
      }
      if (path === "-") {
        const decoder = new TextDecoder();
        for await (const chunk of res.body) io.stdout(decoder.decode(chunk, { stream: true }));
        return 0;
      }
      mkdirSync(dirname(path), { recursive: true });
      const fd = openSync(path, "w");
      try {
        for await (const chunk of res.body) writeSync(fd, chunk);
      } finally {
        closeSync(fd);
      }
      if (file !== "codebook") io.stderr(`Exported ${res.headers.get("x-export-responses") ?? "?"} responses of "${o.survey}" from ${server}, ${res.headers.get("x-export-columns") ?? "?"} columns\n`);
      io.stderr(`Wrote ${displayName(path, io.cwd)}\n`);
      return 0;
    };
    const outPath = o.out === "-" ? "-" : resolve(io.cwd, o.out);
    const code = await download(zip ? "zip" : "csv", outPath);
    if (code !== 0 || zip) return code;
    const cbPath = o.codebook === null ? undefined : o.codebook !== undefined ? resolve(io.cwd, o.codebook) : outPath === "-" ? undefined : codebookPath(outPath);
    return cbPath ? download("codebook", cbPath) : 0;
  } catch (e) {
    io.stderr(`export: ${server}: ${errorText(e)}\n`);
    return 1;
  }
}

const entry = process.argv[1];
if (entry !== undefined && import.meta.url === pathToFileURL(resolve(entry)).href) {
  const args = process.argv.slice(2);
  process.exitCode = args.includes("--server") ? await runServerCli(args, createProcessIo()) : await runCli(args, createProcessIo());
}
