import { t } from "../app/i18n.ts";

export default function DataPage() {
  return <h1>{t("analysis")}</h1>;
}
