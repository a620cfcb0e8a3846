import { describe, expect, it } from "vitest";
import { findImportCircles, importsOf } from "../../scripts/check-import-circles.ts";

const tree = (files: Record<string, string>) => new Map(Object.entries(files).map(([k, v]) => [`/p/${k}`, v]));

describe("the import-circle check (npm run lint)", () => {
  it("reads static, type-only, re-exported and dynamic imports of files, not packages or virtual modules", () => {
    const text = `import a from "./a.ts";\nimport type { B } from "../b.ts";\nexport { c } from "./c.tsx";\nconst d = () => import("./d.ts");\nimport x from "solid-js";\nimport files from "virtual:survey-files";\nimport w from "./w.ts?worker";`;
    expect(importsOf(text)).toEqual(["./a.ts", "../b.ts", "./c.tsx", "./d.ts", "./w.ts"]);
  });

  it("finds each circle as one loop of files", () => {
    const circles = findImportCircles(
      tree({
        "a.ts": `import type { B } from "./b.ts";`,
        "b.ts": `export { a } from "./a.ts";`,
        "c.tsx": `const d = () => import("./sub/d.ts");`,
        "sub/d.ts": `import { e } from "../e";`,
        "e.ts": `import c from "./c.tsx";`,
        "f.ts": `import { a } from "./a.ts"; import x from "dexie";`,
        "g.ts": `import { g } from "./g.ts";`,
      }),
    );
    expect(circles.map((c) => c.map((f) => f.slice(3)))).toEqual(
      expect.arrayContaining([
        ["a.ts", "b.ts", "a.ts"],
        ["c.tsx", "sub/d.ts", "e.ts", "c.tsx"],
        ["g.ts", "g.ts"],
      ]),
    );
    expect(circles).toHaveLength(3);
  });

  it("passes a tree whose imports only go one way", () => {
    expect(findImportCircles(tree({ "a.ts": `import "./b.ts"; import "./c.ts";`, "b.ts": `import "./c.ts";`, "c.ts": "export const c = 1;" }))).toEqual([]);
  });
});
