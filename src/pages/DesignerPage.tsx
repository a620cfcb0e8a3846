import { t } from "../app/i18n.ts";

export default function DesignerPage() {
  return <h1>{t("designer")}</h1>;
}
