/** The builds the bench measures: the app as shipped, the app with the scale surveys, and the harness pages. */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { build, type InlineConfig, type Plugin } from "vite";
import solid from "vite-plugin-solid";
import { surveyFilesPlugin } from "../../scripts/survey-files-plugin.ts";

export interface BuildOptions {
  root: string;
  outDir: string;
  /** SURVEY_STUDIO_SURVEYS for the build (comma-separated, relative to root). */
  surveys?: string;
  /** Keep names and add source maps (for CPU profiles). */
  readable?: boolean;
  /** Compile the browser-test hooks in (SURVEY_STUDIO_TEST_HOOKS=1, src/device/test-hooks.ts); never for the build as shipped. */
  testHooks?: boolean;
}

/** `vite build` of the app exactly as `npm run build` does it (own process, own env), plus a manifest; test hooks only when asked. */
export function buildApp(o: BuildOptions): void {
  const args = ["vite", "build", "--outDir", o.outDir, "--emptyOutDir", "--manifest", "--logLevel", "error"];
  if (o.readable) args.push("--minify", "false", "--sourcemap");
  const r = spawnSync("npx", args, {
    cwd: o.root,
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, SURVEY_STUDIO_OUT: o.outDir, SURVEY_STUDIO_TEST_HOOKS: o.testHooks ? "1" : "", ...(o.surveys ? { SURVEY_STUDIO_SURVEYS: o.surveys } : {}) },
  });
  if (r.status !== 0) throw new Error(`vite build of the app into ${o.outDir} failed (exit ${r.status})`);
}

/** Which package a module belongs to, for the attribution build. */
export function moduleGroup(id: string): string | null {
  if (id.includes("survey-files")) return "data-survey-files";
  const m = /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)[\\/](.*)$/.exec(id);
  if (!m) return null;
  const pkg = m[1]!.replace(/[\\/]/g, "__");
  if (pkg === "survey-core" && /[\\/]i18n[\\/]/.test(m[2]!)) return "pkg-survey-core-i18n";
  return `pkg-${pkg}`;
}

/** The app built with every npm package (and the survey data) in a chunk of its own: tells what the bytes are. */
export async function buildAttribution(o: BuildOptions): Promise<void> {
  const prev = { out: process.env["SURVEY_STUDIO_OUT"], surveys: process.env["SURVEY_STUDIO_SURVEYS"] };
  process.env["SURVEY_STUDIO_OUT"] = o.outDir;
  delete process.env["SURVEY_STUDIO_SURVEYS"];
  try {
    await build({
      root: o.root,
      configFile: join(o.root, "vite.config.ts"),
      logLevel: "error",
      build: {
        outDir: o.outDir,
        emptyOutDir: true,
        manifest: true,
        rolldownOptions: { checks: { pluginTimings: false }, output: { codeSplitting: { groups: [{ name: (id: string) => moduleGroup(id), debugName: "packages" }] } } },
      },
    } as InlineConfig);
  } finally {
    if (prev.out === undefined) delete process.env["SURVEY_STUDIO_OUT"];
    else process.env["SURVEY_STUDIO_OUT"] = prev.out;
    if (prev.surveys !== undefined) process.env["SURVEY_STUDIO_SURVEYS"] = prev.surveys;
  }
}

/** In ours.tsx, "survey-core" is the app's 3.x (the one src/survey/ gets), not bench/node_modules' 2.x. */
function appSurveyCore(root: string): Plugin {
  return {
    name: "bench:app-survey-core",
    enforce: "pre",
    async resolveId(source, importer, options) {
      if (source !== "survey-core" || !importer || !/[\\/]harness[\\/]ours\.tsx$/.test(importer)) return null;
      return this.resolve(source, join(root, "src", "survey", "create-survey-session.ts"), { ...options, skipSelf: true });
    },
  };
}

/** The harness pages (ours.html, sjs.html, export.html) and the survey definitions they load. */
export async function buildHarness(o: BuildOptions & { harnessDir: string; definitions: Record<string, unknown> }): Promise<void> {
  rmSync(o.outDir, { recursive: true, force: true });
  const input: Record<string, string> = {
    ours: join(o.harnessDir, "ours.html"),
    sjs: join(o.harnessDir, "sjs.html"),
  };
  // Export, import and charts: only once the app has them (src/export/).
  if (existsSync(join(o.root, "src", "export", "export-job.ts"))) input["data"] = join(o.harnessDir, "data.html");
  await build({
    root: o.harnessDir,
    configFile: false,
    logLevel: "error",
    plugins: [solid(), surveyFilesPlugin(), appSurveyCore(o.root)],
    worker: { format: "es" },
    build: {
      outDir: o.outDir,
      emptyOutDir: true,
      target: "es2022",
      minify: !o.readable,
      sourcemap: o.readable === true,
      chunkSizeWarningLimit: 100_000,
      rolldownOptions: { input, checks: { pluginTimings: false } },
    },
  });
  const defs = join(o.outDir, "defs");
  mkdirSync(defs, { recursive: true });
  for (const [id, def] of Object.entries(o.definitions)) writeFileSync(join(defs, `${id}.json`), JSON.stringify(def));
  cpSync(join(o.root, "surveys"), join(o.outDir, "files"), { recursive: true });
}

export function copyDir(from: string, to: string): void {
  cpSync(from, to, { recursive: true });
}
