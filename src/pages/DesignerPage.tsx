import { useParams } from "@solidjs/router";
import { createResource, Match, Show, Switch } from "solid-js";
import { dt } from "../i18n/messages-designer.ts";
import DefinitionList from "../components/designer/DefinitionList.tsx";
import DesignerWorkspace from "../components/designer/DesignerWorkspace.tsx";
import { loadWorkspace } from "../components/designer/designer-data.ts";
import "../designer.css";

/** The survey designer (a lazy route: CodeMirror, the linter and the schema load only here). */
export default function DesignerPage() {
  const params = useParams<{ surveyId?: string }>();
  return (
    <Show when={params.surveyId} keyed fallback={<DefinitionList />}>
      {(id) => <SurveyDesigner surveyId={id} />}
    </Show>
  );
}

function SurveyDesigner(props: { surveyId: string }) {
  const [start] = createResource(() => props.surveyId, (id) => loadWorkspace(id));
  return (
    <Switch>
      <Match when={start.error}>
        <p role="alert">{String(start.error)}</p>
      </Match>
      <Match when={start.loading}>
        <p>{dt("loading")}</p>
      </Match>
      <Match when={start()} keyed>
        {(s) => (
          <DesignerWorkspace
            surveyId={props.surveyId}
            initialText={s.text}
            baseVersion={s.baseVersion}
            {...(s.fromDraft && s.draftUpdatedAt && wasBeforeThisPageLoad(s.draftUpdatedAt) ? { restoredDraftAt: s.draftUpdatedAt } : {})}
          />
        )}
      </Match>
      <Match when={true}>
        <p role="alert">{dt("definitionNotFound")}</p>
      </Match>
    </Switch>
  );
}

/** A draft written before this page was loaded is work restored after a reload or a crash. */
function wasBeforeThisPageLoad(iso: string): boolean {
  return Date.parse(iso) < performance.timeOrigin;
}
