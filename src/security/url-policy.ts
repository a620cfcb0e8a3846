/**
 * Which addresses a survey definition may make the browser use. A definition is data: it may
 * show pictures and media from this app's own origin, `data:` and `blob:`, and from the origins
 * the deployment allows (`SURVEY_STUDIO_ALLOWED_ORIGINS`, read at build time); it may send the
 * respondent (navigateToUrl, links) and ask for choices (choicesByUrl) only within this origin
 * and the allowed ones. Everything else is dropped before the browser sees it.
 *
 * Addresses are parsed the way the browser parses them (`new URL`, which drops tabs and
 * newlines, reads `\` as `/` and `//host` as another host) and compared by origin, never by
 * looking at the text.
 *
 * Pure: no DOM, no survey-core. Used by the survey model's hardening (src/survey/harden.ts),
 * the HTML sanitizer (src/components/SafeHtml.tsx), the linter, the build and the dev server.
 */

export interface UrlPolicy {
  /** The app's own origin, e.g. `https://surveys.example.org`. */
  origin: string;
  /** Other origins the deployment allows, each `scheme://host[:port]`. */
  allowed: readonly string[];
}

/**
 * What an address is used for:
 * - `load`: the browser fetches it to show it (img, srcset, video, audio, poster, background, logo);
 * - `navigate`: the respondent is sent there (navigateToUrl, a link);
 * - `fetch`: the app requests data from it (choicesByUrl).
 */
export type UrlUse = "load" | "navigate" | "fetch";

/** Why an address is refused, or "ok". */
export type UrlVerdict =
  | { ok: true; origin: string }
  | { ok: false; reason: "other-origin"; origin: string }
  | { ok: false; reason: "scheme"; scheme: string }
  | { ok: false; reason: "answer-origin" }
  | { ok: false; reason: "invalid" };

/** Stands for the app's origin where there is none (the linter and the build run in Node). */
export const UNKNOWN_APP_ORIGIN = "https://this-app.invalid";

const HTTP = new Set(["http:", "https:"]);
/** Leading and trailing characters the URL parser strips itself (C0 controls and space). */
// eslint-disable-next-line no-control-regex -- these are the very characters to strip
const EDGE_CONTROLS = /^[\u0000-\u0020]+|[\u0000-\u0020]+$/g;

/**
 * Parses the deployment's allow-list: origins separated by commas or spaces, each
 * `https://host[:port]` (or `http://`), a trailing `/` tolerated; anything else is a problem.
 */
export function parseAllowedOrigins(text: string | undefined): { origins: string[]; problems: string[] } {
  const origins: string[] = [];
  const problems: string[] = [];
  for (const item of (text ?? "").split(/[\s,]+/).filter(Boolean)) {
    let url: URL;
    try {
      url = new URL(item);
    } catch {
      problems.push(`"${item}" is not an origin (write it as https://host or https://host:port)`);
      continue;
    }
    const bare = !/[*?#@]/.test(item) && url.pathname === "/" && !/\/[^/]/.test(item.replace(/^[a-z]+:\/\//i, ""));
    if (!HTTP.has(url.protocol) || !bare) {
      problems.push(`"${item}" is not an origin: give only the scheme, host and port (https://host:port), no path, no wildcard`);
      continue;
    }
    if (!origins.includes(url.origin)) origins.push(url.origin);
  }
  return { origins, problems };
}

function allows(policy: UrlPolicy, origin: string): boolean {
  return origin === policy.origin || policy.allowed.includes(origin);
}

/** The verdict on one address (already free of placeholders), for one use. */
export function judgeUrl(raw: string, use: UrlUse, policy: UrlPolicy): UrlVerdict {
  const text = raw.replace(EDGE_CONTROLS, "");
  let url: URL;
  try {
    url = new URL(text, `${policy.origin}/`);
  } catch {
    return { ok: false, reason: "invalid" };
  }
  if (HTTP.has(url.protocol)) {
    return allows(policy, url.origin) ? { ok: true, origin: url.origin } : { ok: false, reason: "other-origin", origin: url.origin };
  }
  // Inline media and the page's own objects never leave the device.
  if (use === "load" && (url.protocol === "data:" || url.protocol === "blob:")) return { ok: true, origin: url.protocol };
  return { ok: false, reason: "scheme", scheme: url.protocol };
}

export function isAllowedUrl(raw: string, use: UrlUse, policy: UrlPolicy): boolean {
  return judgeUrl(raw, use, policy).ok;
}

/** Texts appended after the fixed start of a template, to see whether an answer could change the origin. */
const PROBES = ["", "x", "/", "\\", "//probe.invalid/", "\\\\probe.invalid/", ".probe.invalid/", "@probe.invalid/", ":1/", "%2F%2Fprobe.invalid/", "\t//probe.invalid/"];

/**
 * The verdict on an address in a definition, which may hold `{name}` placeholders filled with
 * answers. Its origin must be fixed by the text before the first placeholder (`https://host/…{x}`
 * or `/path/{x}`), whatever an answer could be; that origin must be allowed.
 */
export function judgeTemplate(template: string, use: UrlUse, policy: UrlPolicy): UrlVerdict {
  const at = template.indexOf("{");
  if (at < 0) return judgeUrl(template, use, policy);
  const prefix = template.slice(0, at);
  const seen = new Set<string>();
  for (const probe of PROBES) {
    const v = judgeUrl(prefix + probe, use, policy);
    seen.add(v.ok || v.reason === "other-origin" ? v.origin : v.reason === "scheme" ? v.scheme : "invalid");
  }
  if (seen.size !== 1) return { ok: false, reason: "answer-origin" };
  return judgeUrl(prefix, use, policy);
}

/**
 * The candidates of a `srcset` (or `imagesrcset`): `url [descriptors]`, separated by commas, as
 * the HTML standard's parser reads them (a URL may contain commas but does not end with one;
 * descriptors end at a comma outside parentheses).
 */
export function parseSrcset(value: string): { url: string; descriptors: string }[] {
  const out: { url: string; descriptors: string }[] = [];
  const space = (c: string | undefined) => c === " " || c === "\t" || c === "\n" || c === "\r" || c === "\f";
  let i = 0;
  const n = value.length;
  while (i < n) {
    while (i < n && (space(value[i]) || value[i] === ",")) i++;
    if (i >= n) break;
    const start = i;
    while (i < n && !space(value[i])) i++;
    let url = value.slice(start, i);
    let descriptors = "";
    if (url.endsWith(",")) url = url.replace(/,+$/, "");
    else {
      const from = i;
      let depth = 0;
      while (i < n && !(value[i] === "," && depth === 0)) {
        if (value[i] === "(") depth++;
        else if (value[i] === ")" && depth > 0) depth--;
        i++;
      }
      descriptors = value.slice(from, i).trim();
    }
    if (url) out.push({ url, descriptors });
  }
  return out;
}

/** A `srcset` with only the allowed candidates kept; "" when none is. */
export function filterSrcset(value: string, policy: UrlPolicy): string {
  return parseSrcset(value)
    .filter((c) => isAllowedUrl(c.url, "load", policy))
    .map((c) => (c.descriptors ? `${c.url} ${c.descriptors}` : c.url))
    .join(", ");
}

/** An explanation of a refused address, in English (the linter's and the build's language). */
export function describeVerdict(v: Exclude<UrlVerdict, { ok: true }>, policy: UrlPolicy): string {
  switch (v.reason) {
    case "other-origin":
      return `${v.origin} is another site, which this deployment does not allow${policy.allowed.length ? ` (allowed: ${policy.allowed.join(", ")})` : ""}; list it in SURVEY_STUDIO_ALLOWED_ORIGINS at build time to allow it`;
    case "scheme":
      return `"${v.scheme}" addresses are never allowed in a definition`;
    case "answer-origin":
      return "which site it goes to depends on an answer (a {placeholder} before the path): start the address with a fixed site, https://host/… or /…";
    case "invalid":
      return "it is not a valid address";
  }
}
