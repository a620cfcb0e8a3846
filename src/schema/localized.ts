/** A localized string of the envelope in a language ("default" is English), falling back to the default. */
export function localizedText(value: string | Record<string, string>, language: string): string {
  if (typeof value === "string") return value;
  return value[language] ?? value["default"] ?? value["en"] ?? Object.values(value)[0] ?? "";
}
