// npm run lint:surveys [files...]: every check the designer runs, on survey files, from the command line.
// Prints `file:line:column: path: severity: message` and exits 1 when any file has an error.
// Strict, as files in surveys/ must be: our envelope (id, version, languages) is required and
// survey-core's loader complaints are errors. `--surveyjs` checks bare SurveyJS definitions instead
// (no envelope needed; what SurveyJS tolerates is a warning); `--strict` fails on warnings too.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { formatProblem } from "../src/schema/format-problem.ts";
import { UNKNOWN_APP_ORIGIN } from "../src/security/url-policy.ts";
import { setUrlPolicy } from "../src/survey/harden.ts";
import { lintSurveyText } from "../src/survey/lint.ts";
import { allowedOriginsFromEnv } from "./security-plugin.ts";

// Addresses are judged as the build would allow them (SURVEY_STUDIO_ALLOWED_ORIGINS).
setUrlPolicy({ origin: UNKNOWN_APP_ORIGIN, allowed: allowedOriginsFromEnv() });

const args = process.argv.slice(2);
const strict = args.includes("--strict");
const surveyjs = args.includes("--surveyjs");
const files = args.filter((a) => !a.startsWith("--"));
const targets = files.length ? files : readdirSync("surveys").filter((f) => f.endsWith(".json")).sort().map((f) => join("surveys", f));

let errors = 0;
let warnings = 0;
for (const file of targets) {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    console.error(`${file}: cannot read: ${(e as Error).message}`);
    errors++;
    continue;
  }
  const problems = lintSurveyText(text, file, surveyjs ? { envelope: "optional" } : { strict: true }).filter((p) => p.severity !== "info");
  for (const p of problems) console.log(formatProblem(p));
  errors += problems.filter((p) => p.severity === "error").length;
  warnings += problems.filter((p) => p.severity === "warning").length;
}
console.log(`${targets.length} survey file(s): ${errors} error(s), ${warnings} warning(s)`);
process.exit(errors > 0 || (strict && warnings > 0) ? 1 : 0);
