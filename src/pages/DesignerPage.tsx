import { t } from "../app/i18n.ts";
import { jsonCompletion, jsonSchemaHover, stateExtensions } from "codemirror-json-schema";
import { EditorView } from "@codemirror/view";
import { json } from "@codemirror/lang-json";

export default function DesignerPage() {
  const v = new EditorView({ extensions: [json(), stateExtensions({}), jsonCompletion(), jsonSchemaHover()] as never });
  return <h1>{t("designer")}{String(!!v)}</h1>;
}
