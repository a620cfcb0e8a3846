/**
 * How long a randomized (fast-check) test runs, in one place.
 *
 * - `npm run test:unit`: each property runs a fixed number of cases; the time they took is printed
 *   (`[runs] <name>: 40 cases in 2.1 s`), and the Vitest timeout sits far above it.
 * - `npm run test:soak` (SOAK=1): each property runs for a time budget instead, however busy the
 *   machine is, and prints how many cases that was; it must reach at least the unit run's count.
 *
 * A failure throws fast-check's report: the seed, the path and the counterexample to replay it.
 */
import fc from "fast-check";

export const SOAK = process.env["SOAK"] === "1";

export interface RunSize {
  /** Cases in `npm run test:unit`; also the least a soak run must reach. */
  runs: number;
  /** How long a soak run keeps trying new cases. */
  soakSeconds: number;
  /** The longest one case may take (a soak run can overrun its budget by this much). */
  caseSeconds?: number;
}

/** Unit runs are sized to take seconds; this is the ceiling for a machine many times slower. */
const UNIT_TIMEOUT_MS = 240_000;

/** The Vitest timeout for a test that runs one property of this size: far above what it takes. */
export function timeoutFor(size: RunSize): number {
  if (!SOAK) return UNIT_TIMEOUT_MS;
  return (2 * size.soakSeconds + 4 * (size.caseSeconds ?? 30)) * 1000 + 60_000;
}

export interface RunReport {
  name: string;
  cases: number;
  seconds: number;
}

/** What every sized run reported in this file, for a summary line. */
export const reports: RunReport[] = [];

/**
 * Runs `property` as many times as its size says (a count, or a time budget under SOAK=1),
 * prints the count and the time, and throws fast-check's report when a case fails.
 */
export function checkProperty<Ts>(name: string, property: fc.IProperty<Ts>, size: RunSize, params: fc.Parameters<Ts> = {}): RunReport {
  const started = performance.now();
  const details = fc.check(
    property,
    SOAK
      ? { ...params, numRuns: Number.MAX_SAFE_INTEGER, plugins: [...(params.plugins ?? []), fc.interruptAfterTimeLimit(size.soakSeconds * 1000) as fc.Plugin<Ts>] }
      : { ...params, numRuns: size.runs },
  );
  const report: RunReport = { name, cases: details.numRuns, seconds: (performance.now() - started) / 1000 };
  reports.push(report);
  const budget = SOAK ? ` (budget ${size.soakSeconds} s)` : "";
  console.log(`[runs] ${name}: ${report.cases} cases in ${report.seconds.toFixed(1)} s${budget}, seed ${details.seed}`);
  if (details.failed) throw new Error(fc.defaultReportMessage(details) ?? `${name}: a case failed`);
  if (report.cases < size.runs) {
    throw new Error(`${name}: only ${report.cases} cases ran in the ${size.soakSeconds} s budget, fewer than the ${size.runs} of a unit run; raise soakSeconds`);
  }
  return report;
}
