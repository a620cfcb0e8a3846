import { readFileSync } from "node:fs";
import { Serializer } from "survey-core";
import { describe, expect, it } from "vitest";
import { completeAt, hoverAt } from "../../src/survey/designer/completion.ts";

/** Completion at the `|` of a document. */
const at = (doc: string) => {
  const offset = doc.indexOf("|");
  const text = doc.replace("|", "");
  return { text, result: completeAt(text, offset) };
};
const labels = (doc: string) => at(doc).result?.items.map((i) => i.label) ?? [];

describe("schema completion", () => {
  it("uses the JSON Schema survey-core ships (generated from the same metadata)", () => {
    const shipped = JSON.parse(readFileSync("node_modules/survey-core/surveyjs_definition.json", "utf8"));
    expect(Serializer.generateSchema()).toEqual(shipped);
  });

  it("offers the properties of the element's own type, not those already written", () => {
    const radio = labels(`{"pages":[{"name":"p","elements":[{"type":"radiogroup","name":"q","|"}]}]}`);
    expect(radio).toEqual(expect.arrayContaining(["choices", "showOtherItem", "visibleIf", "title", "isRequired"]));
    expect(radio).not.toContain("name");
    expect(radio).not.toContain("inputType");
    const text = labels(`{"pages":[{"name":"p","elements":[{"type":"text","name":"q","|"}]}]}`);
    expect(text).toContain("inputType");
    expect(text).not.toContain("choices");
    expect(labels(`{"id":"x","|"}`)).toEqual(expect.arrayContaining(["version", "languages", "pages", "title", "triggers"]));
  });

  it("inserts a key with a value template and puts the cursor in it", () => {
    const { text, result } = at(`{"pages":[{"name":"p","elements":[{"type":"text","name":"q",|}]}]}`);
    const item = result!.items.find((i) => i.label === "isRequired")!;
    expect(item.insert).toBe('"isRequired": true');
    const applied = text.slice(0, result!.from) + item.insert + text.slice(result!.to);
    expect(JSON.parse(applied).pages[0].elements[0].isRequired).toBe(true);
    const input = result!.items.find((i) => i.label === "inputType")!;
    expect(input.insert).toBe('"inputType": "color"');
    expect(input.cursor).toBe(input.insert.length - 1);
  });

  it("offers values: element types, enums, booleans", () => {
    expect(labels(`{"pages":[{"name":"p","elements":[{"type":"te|"}]}]}`)).toEqual(expect.arrayContaining(["text", "radiogroup", "paneldynamic", "panel"]));
    expect(labels(`{"pages":[{"name":"p","elements":[{"type":"text","inputType":"|"}]}]}`)).toEqual(expect.arrayContaining(["number", "email", "date"]));
    expect(labels(`{"pages":[{"name":"p","elements":[{"type":"text","isRequired": |}]}]}`)).toEqual(["true", "false"]);
    expect(labels(`{"pages":[{"name":"p","elements":[{"type":"text","name":"q","validators":[{"type":"numeric","|"}]}]}]}`)).toEqual(expect.arrayContaining(["minValue", "maxValue", "text"]));
  });

  it("offers question names after { in an expression", () => {
    const { result } = at(`{"pages":[{"name":"p","elements":[{"type":"text","name":"age"},{"type":"text","name":"b","visibleIf":"{a|"}]}]}`);
    expect(result!.items.map((i) => i.label)).toEqual(["age", "b"]);
    expect(result!.items[0]!.insert).toBe("age}");
  });

  it("offers whole new elements inside an elements array", () => {
    const { text, result } = at(`{"languages":["en"],"pages":[{"name":"p","elements":[\n      |\n]}]}`);
    const item = result!.items.find((i) => i.label === "radiogroup")!;
    const el = JSON.parse(item.insert);
    expect(el).toMatchObject({ type: "radiogroup", name: "question1", choices: [{ value: "item1" }, { value: "item2" }, { value: "item3" }] });
    expect(JSON.parse(text.slice(0, result!.from) + item.insert + text.slice(result!.to)).pages[0].elements).toHaveLength(1);
  });

  it("explains the property under the cursor", () => {
    const doc = `{"pages":[{"name":"p","elements":[{"type":"text","inputType":"number"}]}]}`;
    const h = hoverAt(doc, doc.indexOf("inputType") + 2);
    expect(h).toMatchObject({ className: "text", property: { name: "inputType", kind: "enum", defaultValue: "text" } });
    expect(hoverAt(doc, doc.indexOf("number") + 1)).toBeUndefined();
  });
});

describe("schema completion in a new element", () => {
  it("offers `type` first when an element has none yet", () => {
    expect(labels(`{"pages":[{"name":"p","elements":[{"|"}]}]}`)).toEqual(["type"]);
    expect(at(`{"pages":[{"name":"p","elements":[{|}]}]}`).result!.items[0]!.insert).toBe('"type": "boolean"');
  });
});

describe("schema completion before another property", () => {
  it("adds the comma the next property needs", () => {
    const { text, result } = at(`{"pages":[{"name":"p","elements":[{"type":"text","name":"q1",\n"isReq|"\n"title":"F"}]}]}`);
    const item = result!.items.find((i) => i.label === "isRequired")!;
    expect(JSON.parse(text.slice(0, result!.from) + item.insert + text.slice(result!.to)).pages[0].elements[0]).toEqual({ type: "text", name: "q1", isRequired: true, title: "F" });
  });
});
