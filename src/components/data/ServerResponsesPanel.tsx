import { A } from "@solidjs/router";
import { createSignal, Match, onMount, Show, Switch } from "solid-js";
import { sv } from "../../i18n/messages-server.ts";
import { remoteFailure } from "../../remote/failure.ts";
import { responsePage } from "../../remote/server-data.ts";
import type { ServerResponse } from "../../schema/submission.ts";
import { serverAccount } from "../account/server-account.ts";
import ResponsesTable from "./ResponsesTable.tsx";

const PAGE = 100;

/**
 * The responses devices delivered to the collection server, beside the ones on this device: read a
 * page at a time (oldest first, as the server lists them). Hidden when this deploy has no server;
 * one line with a way to sign in when nobody is.
 */
export default function ServerResponsesPanel(props: { surveyId: string; localIds: ReadonlySet<string> }) {
  const account = serverAccount();
  const readable = () => {
    const role = account.roleIn(props.surveyId);
    return role === "admin" || role === "analyst";
  };
  return (
    <Show when={account.present()}>
      <section class="panel-section server-responses" aria-labelledby="server-responses-title">
        <h2 id="server-responses-title">{sv("serverResponsesTitle")}</h2>
        <Switch>
          <Match when={!account.session()}>
            <p>
              {sv("serverSignIn")} <A href={`/account?return=${encodeURIComponent(`/surveys/${props.surveyId}/data`)}`}>{sv("signInLink")}</A>
            </p>
          </Match>
          <Match when={!readable()}>
            <p>{sv("serverForbidden")}</p>
          </Match>
          <Match when={true}>
            <ServerResponses surveyId={props.surveyId} localIds={props.localIds} />
          </Match>
        </Switch>
      </section>
    </Show>
  );
}

function ServerResponses(props: { surveyId: string; localIds: ReadonlySet<string> }) {
  const account = serverAccount();
  const [items, setItems] = createSignal<ServerResponse[]>([]);
  const [total, setTotal] = createSignal<number>();
  const [next, setNext] = createSignal<string | null>(null);
  const [loading, setLoading] = createSignal(false);
  const [error, setError] = createSignal("");

  const load = async (after: string | null) => {
    setLoading(true);
    setError("");
    try {
      const page = await responsePage(props.surveyId, { limit: PAGE, after }, account.credentials());
      setItems((list) => (after ? [...list, ...page.items] : page.items));
      setTotal(page.total);
      setNext(page.next);
    } catch (e) {
      const f = remoteFailure(e);
      if (f.code === "unauthenticated") account.sessionLost();
      setError(f.code === "not-found" ? sv("serverNotPublished") : f.code === "network" ? sv("unreachable") : f.code === "forbidden" ? sv("serverForbidden") : sv("serverSaid", { detail: f.detail }));
    } finally {
      setLoading(false);
    }
  };
  onMount(() => void load(null));

  return (
    <>
      <p role="status" class="counts">
        {loading() && total() === undefined ? sv("serverLoading") : total() !== undefined ? sv("serverCount", { shown: items().length, total: total()! }) : ""}
      </p>
      <Show when={error()}>
        <p class="notice">{error()}</p>
      </Show>
      <Show when={total() !== undefined}>
        <Show when={items().length > 0} fallback={<p>{sv("serverNone")}</p>}>
          <ResponsesTable rows={items()} label={sv("serverResponsesTitle")} canOpen={(id) => props.localIds.has(id)} />
        </Show>
      </Show>
      <Show when={next()}>
        {(after) => (
          <p>
            <button type="button" class="button secondary" disabled={loading()} onClick={() => void load(after())}>
              {sv("loadMore")}
            </button>
          </p>
        )}
      </Show>
    </>
  );
}
