// SurveyJS's own UI (survey-js-ui, Preact inside) on its pinned survey-core, from bench/node_modules.
import { Model, Version } from "survey-core";
import { renderSurvey } from "survey-js-ui";
import "survey-core/survey-core.min.css";
import { measureBareModel, measureMount } from "./measure.ts";

const host = document.getElementById("host")!;

window.bench = {
  core: Version,
  render: (def, names) =>
    measureMount(host, names, (modelReady) => {
      const model = new Model(def);
      modelReady();
      renderSurvey(model, host);
    }),
  bare: (def) => measureBareModel(() => new Model(def)),
};
