import { expect, test, type Page } from "@playwright/test";

// The Content-Security-Policy in force, read from the served page: the header the server sends
// and the <meta> of index.html, and what the browser then refuses. This build allows no other
// origin (SURVEY_STUDIO_ALLOWED_ORIGINS unset); leaks-fixtures.spec.ts checks a build that allows one.

function directives(policy: string): Map<string, string> {
  return new Map(
    policy
      .split(";")
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => {
        const [name, ...values] = d.split(/\s+/);
        return [name ?? "", values.join(" ")];
      }),
  );
}

/** Tries to load a picture from `url` in the page; resolves with what happened. */
async function tryImage(page: Page, url: string): Promise<string> {
  return page.evaluate(
    (src) =>
      new Promise<string>((resolve) => {
        const seen = (e: SecurityPolicyViolationEvent) => resolve(`refused by ${e.effectiveDirective}`);
        document.addEventListener("securitypolicyviolation", seen, { once: true });
        const img = new Image();
        img.onload = () => resolve("loaded");
        img.onerror = () => setTimeout(() => resolve("failed"), 200);
        img.src = src;
      }),
    url,
  );
}

test("the served page carries the policy as a header and in its <meta>: media from this origin, data: and blob: only", async ({ page, baseURL }) => {
  const response = await page.goto("/");
  const header = response?.headers()["content-security-policy"];
  expect(header, "the server sends the policy as a header").toBeTruthy();
  const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
  expect(meta).toBeTruthy();
  // The <meta> is the first thing in <head>, before any script or stylesheet.
  expect(await page.evaluate(() => document.head.firstElementChild?.getAttribute("http-equiv"))).toBe("Content-Security-Policy");

  for (const policy of [header!, meta!]) {
    const d = directives(policy);
    expect(d.get("img-src")).toBe("'self' data: blob:");
    expect(d.get("media-src")).toBe("'self' data: blob:");
    expect(d.get("connect-src")).toBe("'self'");
    expect(d.get("script-src")).toBe("'self'");
    expect(d.get("object-src")).toBe("'none'");
    expect(d.get("base-uri")).toBe("'none'");
    expect(d.get("form-action")).toBe("'none'");
    expect(policy).not.toMatch(/unsafe-eval|(^|\s)https?:(\s|;|$)|\*/);
  }
  // Only a header can forbid framing.
  expect(directives(header!).get("frame-ancestors")).toBe("'none'");
  expect(response?.headers()["x-content-type-options"]).toBe("nosniff");

  // Static hosts that read `_headers` get the same.
  const file = await (await page.request.get(`${baseURL}/_headers`)).text();
  expect(file).toContain(`Content-Security-Policy: ${header}`);

  // In force: a picture from another origin is refused by img-src; one from this origin loads.
  expect(await tryImage(page, "https://elsewhere.example/px.gif")).toBe("refused by img-src");
  expect(await tryImage(page, "/icon.svg")).toBe("loaded");
});
