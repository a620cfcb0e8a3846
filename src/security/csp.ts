/**
 * The Content-Security-Policy of the app, built from the deployment's allow-list. The build puts
 * it in a `<meta>` of index.html and in `_headers` (static hosts that read that file), and
 * `vite preview` / the dev server send it as a header; the collection server sends the `_headers`
 * block with the app's files (server/app.ts), and any other server of `dist/` should send
 * {@link securityHeaders} with every response.
 *
 * Pictures and media: this origin, `data:`, `blob:` and the allowed origins (a definition's images
 * never reach any other site). Requests (`fetch`, choicesByUrl): this origin and the allowed ones.
 * Scripts: this origin only; no eval, no inline script, no plugin, no frame, no form submission.
 */

export interface CspOptions {
  /** Origins a definition may load pictures and media from and request choices from. */
  allowedOrigins: readonly string[];
  /** More origins the app itself talks to (e.g. a collection server on another origin). */
  connectOrigins?: readonly string[];
}

/** The directives, in order. `header` adds what a `<meta>` policy cannot carry (frame-ancestors). */
export function cspDirectives(options: CspOptions, header = false): [string, string[]][] {
  const allowed = [...options.allowedOrigins];
  const connect = [...new Set([...allowed, ...(options.connectOrigins ?? [])])];
  const directives: [string, string[]][] = [
    ["default-src", ["'self'"]],
    ["script-src", ["'self'"]],
    // Solid and survey-core set style attributes (widths, progress bars).
    ["style-src", ["'self'", "'unsafe-inline'"]],
    ["img-src", ["'self'", "data:", "blob:", ...allowed]],
    ["media-src", ["'self'", "data:", "blob:", ...allowed]],
    ["font-src", ["'self'", "data:"]],
    ["connect-src", ["'self'", ...connect]],
    ["worker-src", ["'self'", "blob:"]],
    ["manifest-src", ["'self'"]],
    ["object-src", ["'none'"]],
    ["base-uri", ["'none'"]],
    ["form-action", ["'none'"]],
    ["frame-src", ["'none'"]],
  ];
  if (header) directives.push(["frame-ancestors", ["'none'"]]);
  return directives;
}

export function contentSecurityPolicy(options: CspOptions, header = false): string {
  return cspDirectives(options, header)
    .map(([name, values]) => `${name} ${values.join(" ")}`)
    .join("; ");
}

/** Every security header a server of the built app should send. */
export function securityHeaders(options: CspOptions): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy(options, true),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
  };
}

/** The same headers in the `_headers` format of Netlify and Cloudflare Pages. */
export function headersFile(options: CspOptions): string {
  const lines = Object.entries(securityHeaders(options)).map(([k, v]) => `  ${k}: ${v}`);
  return `/*\n${lines.join("\n")}\n`;
}
