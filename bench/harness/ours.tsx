// Our renderer mounted the way FillPage mounts it (session + SurveyView), without the router or IndexedDB.
import { render } from "solid-js/web";
import SurveyView from "../../src/components/SurveyView.tsx";
import { createSurveySession } from "../../src/survey/create-survey-session.ts";
// Resolved by the harness build to the app's survey-core (bench/node_modules holds SurveyJS's 2.x for the peer page).
import { Model, Version } from "survey-core";
import "../../src/styles.css";
import { measureBareModel, measureMount } from "./measure.ts";

const host = document.getElementById("host")!;

window.bench = {
  core: Version,
  render: (def, names, languages) =>
    measureMount(host, names, (modelReady) => {
      const session = createSurveySession({ definition: def, language: "en" });
      modelReady();
      render(() => <SurveyView session={session} languages={languages} />, host);
    }),
  bare: (def) => measureBareModel(() => new Model(def)),
};
