import { describe, expect, it } from "vitest";
import { chunkRuleViolations, type ChunkInfo } from "../../scripts/chunk-rules-plugin.ts";

const root = "/app";
const chunks: ChunkInfo[] = [
  { fileName: "index.js", imports: ["shared.js"], moduleIds: ["/app/src/main.tsx", "/app/node_modules/solid-js/dist/solid.js"] },
  { fileName: "DataPage.js", imports: ["shared.js", "catalog.js"], moduleIds: ["/app/src/pages/DataPage.tsx"] },
  { fileName: "catalog.js", imports: ["core.js"], moduleIds: ["/app/src/catalog/catalog.ts"] },
  { fileName: "core.js", imports: [], moduleIds: ["/app/node_modules/survey-core/fesm/survey-core.mjs"] },
  { fileName: "shared.js", imports: [], moduleIds: ["/app/src/i18n/i18n.ts"] },
  // Loaded by a dynamic import only: not in anyone's `imports`.
  { fileName: "FillPage.js", imports: ["core.js"], moduleIds: ["/app/src/pages/FillPage.tsx"] },
];

describe("chunk rules (the build check of what a route loads)", () => {
  it("names the route, the package and the chunk that brings it, through static imports", () => {
    expect(chunkRuleViolations(chunks, [{ module: "src/pages/DataPage.tsx", forbid: ["survey-core", "dexie"] }], root)).toEqual([
      "src/pages/DataPage.tsx loads survey-core (node_modules/survey-core/fesm/survey-core.mjs, in chunk core.js)",
    ]);
  });

  it("passes a route whose static imports stay clear, whatever other routes load", () => {
    expect(chunkRuleViolations(chunks, [{ module: "src/main.tsx", forbid: ["survey-core"] }], root)).toEqual([]);
  });

  it("reports a rule whose module is not in the build", () => {
    expect(chunkRuleViolations(chunks, [{ module: "src/pages/Gone.tsx", forbid: ["survey-core"] }], root)).toEqual([
      "src/pages/Gone.tsx: not in the build (is the rule's path right?)",
    ]);
  });
});
