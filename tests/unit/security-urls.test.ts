import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { contentSecurityPolicy, headersFile } from "../../src/security/csp.ts";
import { defuseDefinition, definitionUrlFindings } from "../../src/security/definition-urls.ts";
import { filterSrcset, judgeTemplate, judgeUrl, parseAllowedOrigins, type UrlPolicy } from "../../src/security/url-policy.ts";
import { parseSurveyFile, surveyFileToDefinition } from "../../src/schema/survey-file.ts";
import { createSurveySession } from "../../src/survey/create-survey-session.ts";
import { definitionProblems } from "../../src/survey/check-definition.ts";
import { createLiveModel, setUrlPolicy } from "../../src/survey/harden.ts";
import { lintSurveyText } from "../../src/survey/lint.ts";

const APP = "https://surveys.example.org";
const policy: UrlPolicy = { origin: APP, allowed: ["https://images.allowed.example"] };
const LEAKY_TEXT = readFileSync("tests/fixtures/surveys-extra/leaky-definition.json", "utf8");

afterEach(() => {
  setUrlPolicy(undefined);
  vi.restoreAllMocks();
});

describe("addresses are judged by origin, as the browser parses them", () => {
  it.each([
    ["/img/a.png", "load", true],
    ["img/a.png", "load", true],
    ["./a.png?x=1", "load", true],
    [`${APP}/a.png`, "load", true],
    ["https://images.allowed.example/a.png", "load", true],
    ["HTTPS://IMAGES.ALLOWED.EXAMPLE/a.png", "load", true],
    ["data:image/png;base64,AAAA", "load", true],
    ["blob:https://surveys.example.org/1234", "load", true],
    ["https://elsewhere.example/a.png", "load", false],
    ["//elsewhere.example/a.png", "load", false],
    ["/\\elsewhere.example/a.png", "load", false],
    ["\\\\elsewhere.example/a.png", "load", false],
    ["https:elsewhere.example/a.png", "load", true], // a path on this origin (https: with no slashes is relative to a same-scheme base)
    [" \n https://elsewhere.example/a.png", "load", false],
    ["https://surveys.example.org@elsewhere.example/", "load", false],
    ["https://surveys.example.org.elsewhere.example/", "load", false],
    ["http://surveys.example.org/a.png", "load", false],
    ["https://surveys.example.org:8443/a.png", "load", false],
    ["java\tscript:alert(1)", "navigate", false],
    ["javascript:alert(1)", "navigate", false],
    ["\u0000javascript:alert(1)", "navigate", false],
    ["data:text/html,<script>alert(1)</script>", "navigate", false],
    ["data:image/png;base64,AAAA", "navigate", false],
    ["vbscript:x", "load", false],
    ["file:///etc/passwd", "load", false],
    ["https://elsewhere.example/collect", "navigate", false],
    ["/thanks", "navigate", true],
    ["https://elsewhere.example/choices", "fetch", false],
    ["https://images.allowed.example/choices", "fetch", true],
  ] as const)("%j for %s: %s", (url, use, ok) => {
    expect(judgeUrl(url, use, policy).ok).toBe(ok);
  });

  it("an address with answers in it is allowed only when the site before the first placeholder is fixed and allowed", () => {
    expect(judgeTemplate("/flags/{country}.png", "load", policy).ok).toBe(true);
    expect(judgeTemplate("https://images.allowed.example/{who}.png", "load", policy).ok).toBe(true);
    expect(judgeTemplate("https://images.allowed.example?x={who}", "load", policy).ok).toBe(true);
    for (const t of ["{site}/a.png", "/{x}", "https://{host}/a", "https://images.allowed.example{x}", "//{x}", "/\\{x}", "https:/{x}"]) {
      expect(judgeTemplate(t, "load", policy)).toMatchObject({ ok: false, reason: "answer-origin" });
    }
    expect(judgeTemplate("https://elsewhere.example/p?s={secret}", "load", policy)).toMatchObject({ ok: false, reason: "other-origin", origin: "https://elsewhere.example" });
  });

  it("srcset keeps only allowed candidates, commas inside addresses included", () => {
    expect(filterSrcset("https://elsewhere.example/a.gif?s=1 1x, /b.png 2x", policy)).toBe("/b.png 2x");
    expect(filterSrcset("/a,b.png 1x,https://elsewhere.example/c.png 2x", policy)).toBe("/a,b.png 1x");
    expect(filterSrcset("https://elsewhere.example/a.gif", policy)).toBe("");
    expect(filterSrcset("data:image/png;base64,AA== 100w, https://images.allowed.example/x.png 200w", policy)).toBe("data:image/png;base64,AA== 100w, https://images.allowed.example/x.png 200w");
  });

  it("the deployment's allow-list accepts origins only", () => {
    expect(parseAllowedOrigins("https://a.example, https://b.example:8443/ http://c.example")).toEqual({ origins: ["https://a.example", "https://b.example:8443", "http://c.example"], problems: [] });
    expect(parseAllowedOrigins(undefined)).toEqual({ origins: [], problems: [] });
    for (const bad of ["https://a.example/path", "*.example.org", "https://*.example.org", "ftp://a.example", "a.example", "https://u@a.example"]) {
      expect(parseAllowedOrigins(bad).problems, bad).toHaveLength(1);
    }
  });

  it("the Content-Security-Policy loads media only from this origin, data:, blob: and the allowed origins", () => {
    const csp = contentSecurityPolicy({ allowedOrigins: ["https://images.allowed.example"] });
    expect(csp).toContain("img-src 'self' data: blob: https://images.allowed.example;");
    expect(csp).toContain("media-src 'self' data: blob: https://images.allowed.example;");
    expect(csp).toContain("connect-src 'self' https://images.allowed.example;");
    expect(csp).not.toMatch(/https:(?!\/\/)/);
    expect(csp).not.toContain("frame-ancestors");
    expect(contentSecurityPolicy({ allowedOrigins: [] }, true)).toContain("img-src 'self' data: blob:; media-src 'self' data: blob:;");
    expect(headersFile({ allowedOrigins: [] })).toMatch(/^\/\*\n {2}Content-Security-Policy: default-src 'self'.*frame-ancestors 'none'\n {2}X-Content-Type-Options: nosniff\n/);
  });
});

describe("a definition's addresses", () => {
  const parsed = parseSurveyFile(LEAKY_TEXT, "leaky-definition.json");
  if (!parsed.ok) throw new Error("fixture does not parse");
  const definition = surveyFileToDefinition(parsed.file) as Record<string, unknown>;

  it("every way to leak is found, and what the model would load is removed from the copy survey-core gets", () => {
    const findings = definitionUrlFindings(definition, policy);
    const removed = findings.filter((f) => f.removed).map((f) => f.path.join("."));
    expect(removed.sort()).toEqual(
      [
        "cookieName",
        "navigateToUrl",
        "navigateToUrlOnCondition.0",
        "navigateToUrlOnCondition.1",
        "logo",
        "backgroundImage",
        "pages.1.elements.1.imageLink",
        "pages.1.elements.2.imageLink",
        "pages.1.elements.3.imageLink",
        "pages.1.elements.6.choicesByUrl",
        "pages.1.elements.8.choices.0.imageLink",
        "pages.1.elements.9.imageLink",
      ].sort(),
    );
    const html = findings.filter((f) => f.path.join(".") === "pages.1.elements.0.html").map((f) => f.message);
    for (const what of ["<img src>", "<img srcset>", "<source srcset>", "<video poster>", "<video src>", "<source src>", "<track src>", "<audio src>", "<table background>", "<td background>", "<div style>", "<a href>", "<a ping>"]) {
      expect(html.some((m) => m.startsWith(what)), what).toBe(true);
    }
    // The allowed origin is not reported.
    expect(findings.some((f) => f.message.includes('"https://images.allowed.example'))).toBe(false);

    const safe = defuseDefinition(definition, policy) as Record<string, unknown>;
    const text = JSON.stringify(safe);
    expect(text).not.toMatch(/cookieName|"navigateToUrl"|"logo"|backgroundImage|collect\?|protocol-relative\?|javascript/);
    expect(safe["navigateToUrlOnCondition"]).toEqual([]);
    expect(text).not.toMatch(/elsewhere\.example\/(image|movie|choice|choices|map)/);
    expect(text).toContain("https://images.allowed.example/picture.png?who={who}");
    expect(text).toContain("https://images.allowed.example/choices?who={who}");
    // The original is untouched.
    expect(JSON.stringify(definition)).toContain("cookieName");
  });

  it("the linter warns on each (and the same file is not an error)", () => {
    setUrlPolicy(policy);
    const problems = lintSurveyText(LEAKY_TEXT, "leaky-definition.json").filter((p) => p.source === "studio" && !p.message.includes("cannot show"));
    expect(problems.every((p) => p.severity === "warning")).toBe(true);
    expect(problems.map((p) => p.path)).toEqual(expect.arrayContaining(["cookieName", "navigateToUrl", "navigateToUrlOnCondition[0]", "logo", "pages[1].elements[6].choicesByUrl", "pages[1].elements[1].imageLink", "pages[1].elements[0].html"]));
    expect(problems.find((p) => p.path === "navigateToUrlOnCondition[0]")?.message).toContain('"javascript:" addresses are never allowed');
    expect(problems.find((p) => p.path === "pages[1].elements[2].imageLink")?.message).toContain("depends on an answer");
  });

  it("a respondent's model shows no image from elsewhere, even when answers would build its address", () => {
    setUrlPolicy(policy);
    const model = createLiveModel({
      logo: "https://elsewhere.example/logo.png",
      pages: [
        {
          elements: [
            { type: "text", name: "site", defaultValue: "https://elsewhere.example" },
            { type: "image", name: "a", imageLink: "/img/{site}.png" },
            { type: "image", name: "b", imageLink: "https://images.allowed.example/{site}.png" },
            { type: "imagepicker", name: "c", choices: [{ value: "x", imageLink: "https://elsewhere.example/x.png" }, { value: "y", imageLink: "/y.png" }] },
          ],
        },
      ],
    });
    const image = (name: string) => (model.getQuestionByName(name) as unknown as { locImageLink: { renderedHtml: string } }).locImageLink.renderedHtml;
    expect(image("a")).toBe("/img/https://elsewhere.example.png");
    expect(image("b")).toBe("https://images.allowed.example/https://elsewhere.example.png");
    const choices = (model.getQuestionByName("c") as unknown as { choices: { imageLink: string; locImageLink: { renderedHtml: string } }[] }).choices;
    expect(choices.map((c) => c.locImageLink.renderedHtml)).toEqual(["", "/y.png"]);
    expect(choices.map((c) => c.imageLink)).toEqual(["", "/y.png"]);
    expect((model as unknown as { locLogo: { renderedHtml: string } }).locLogo.renderedHtml).toBe("");
    // Even set after loading (as a designer tool could), the model reads it as "".
    model.getQuestionByName("a").fromJSON({ imageLink: "//elsewhere.example/{site}" });
    expect(image("a")).toBe("");
  });

  it("checking or listing a definition requests no choices; a respondent's model only from allowed origins", async () => {
    setUrlPolicy(policy);
    const fetchSpy = vi.spyOn(globalThis, "fetch").mockImplementation(async (_url, init) => {
      if (init?.signal?.aborted) throw new DOMException("aborted", "AbortError");
      return new Response('["north"]', { status: 200 });
    });
    const json = {
      pages: [
        {
          elements: [
            { type: "text", name: "who", defaultValue: "amina" },
            { type: "dropdown", name: "allowed", choicesByUrl: { url: "https://images.allowed.example/c?w={who}" } },
            { type: "dropdown", name: "same", choicesByUrl: { url: "/c?w={who}" } },
            { type: "dropdown", name: "other", choicesByUrl: { url: "https://elsewhere.example/c?w={who}" } },
          ],
        },
      ],
    };
    const file = { id: "remote-lists", version: 1, languages: ["en"], title: "Remote lists", ...json };
    definitionProblems(file as never, JSON.stringify(file), "remote-lists.json");
    lintSurveyText(JSON.stringify(file), "remote-lists.json");
    await new Promise((r) => setTimeout(r, 20));
    // (In Node survey-core uses fetch; a refused request is given an aborted signal, so nothing is sent.)
    const sent = () => fetchSpy.mock.calls.filter((c) => !(c[1] as RequestInit | undefined)?.signal?.aborted).map((c) => String(c[0]));
    expect(sent()).toEqual([]);

    createLiveModel(json);
    await new Promise((r) => setTimeout(r, 20));
    const urls = sent();
    expect(urls.sort()).toEqual(["/c?w=amina", "https://images.allowed.example/c?w=amina"]);
  });

  it("survey-core never navigates: the session offers an allowed completion address, never in the preview", () => {
    setUrlPolicy(policy);
    const make = (navigateToUrl: string, mode?: "preview") =>
      createSurveySession({ definition: { navigateToUrl, pages: [{ elements: [{ type: "text", name: "who" }] }] }, data: { who: "amina" }, ...(mode ? { mode } : {}) });
    const allowed = make(`${APP}/thanks?who={who}`);
    expect(allowed.completionUrl()).toBeUndefined();
    expect(allowed.complete().ok).toBe(true);
    expect(allowed.completionUrl()).toBe(`${APP}/thanks?who=amina`);
    const preview = make(`${APP}/thanks?who={who}`, "preview");
    preview.complete();
    expect(preview.completionUrl()).toBeUndefined();
    for (const bad of ["https://elsewhere.example/c?who={who}", "java\tscript:alert('{who}')", "/{who}"]) {
      const s = make(bad);
      s.complete();
      expect(s.completionUrl(), bad).toBeUndefined();
    }
    // survey-core's own check lets a tab through; with the address built from an answer at run time too.
    const s = createSurveySession({ definition: { navigateToUrl: "/ok", pages: [{ elements: [{ type: "text", name: "who" }] }] } });
    s.model.navigateToUrl = "{who}";
    s.model.setValue("who", "java\tscript:alert(1)");
    s.complete();
    expect(s.completionUrl()).toBeUndefined();
  });

  it("cookieName is ignored", () => {
    const model = createLiveModel({ cookieName: "done", pages: [{ elements: [{ type: "text", name: "a" }] }] });
    expect((model as unknown as { cookieName?: string }).cookieName).toBeFalsy();
    const raw = createLiveModel({ pages: [{ elements: [{ type: "text", name: "a" }] }] });
    (raw as unknown as { cookieName: string }).cookieName = "set-later";
    expect(raw.hasCookie).toBe(false);
    expect(() => raw.doComplete()).not.toThrow();
  });
});
