import { createResource, createSignal, For, Match, Show, Switch } from "solid-js";
import "../../server.css";
import { formatDateTime } from "../../i18n/i18n.ts";
import { sv } from "../../i18n/messages-server.ts";
import { createLink, listLinks, revokeLink } from "../../remote/publish.ts";
import { remoteFailure } from "../../remote/failure.ts";
import type { CollectionLink } from "../../schema/server-api.ts";
import { serverAccount } from "../account/server-account.ts";

/** The state of a link now: working, expired or revoked. */
export function linkState(link: CollectionLink, now = Date.now()): "active" | "expired" | "revoked" {
  if (link.revokedAt) return "revoked";
  return Date.parse(link.expiresAt) <= now ? "expired" : "active";
}

/**
 * A survey's collection links: create one (label, how many days it works) and see its address
 * once, with Copy; list them with their state; revoke one. For the survey's administrators.
 */
export default function CollectionLinks(props: { surveyId: string; published: boolean }) {
  const account = serverAccount();
  const admin = () => account.roleIn(props.surveyId) === "admin";
  const [label, setLabel] = createSignal("");
  const [days, setDays] = createSignal(30);
  const [busy, setBusy] = createSignal(false);
  const [created, setCreated] = createSignal<{ label: string; url: string }>();
  const [copyState, setCopyState] = createSignal<"" | "copied" | "failed">("");
  const [confirming, setConfirming] = createSignal<string>();
  const [message, setMessage] = createSignal("");

  const explain = (e: unknown) => {
    const f = remoteFailure(e);
    if (f.code === "unauthenticated") account.sessionLost();
    return f.code === "network" || f.code === "no-server" ? sv("unreachable") : f.code === "forbidden" ? sv("linksForbidden") : sv("serverSaid", { detail: f.detail });
  };

  const [links, { mutate, refetch }] = createResource(
    () => (props.published && admin() ? props.surveyId : undefined),
    (id) =>
      listLinks(id, account.credentials()).catch((e: unknown) => {
        setMessage(explain(e));
        return [];
      }),
  );

  const create = async (e: SubmitEvent) => {
    e.preventDefault();
    setBusy(true);
    setMessage("");
    setCopyState("");
    try {
      const made = await createLink(props.surveyId, { label: label().trim(), expiresInDays: days() }, account.credentials());
      setCreated({ label: made.link.label, url: made.url });
      setLabel("");
      mutate((list) => [made.link, ...(list ?? [])]);
    } catch (err) {
      setMessage(explain(err));
    } finally {
      setBusy(false);
    }
  };

  const copy = async (url: string) => {
    try {
      await navigator.clipboard.writeText(url);
      setCopyState("copied");
    } catch {
      setCopyState("failed");
    }
  };

  const revoke = async (link: CollectionLink) => {
    setConfirming(undefined);
    try {
      const after = await revokeLink(props.surveyId, link.id, account.credentials());
      mutate((list) => (list ?? []).map((l) => (l.id === after.id ? after : l)));
      setMessage(sv("revoked", { label: link.label }));
    } catch (err) {
      setMessage(explain(err));
      void refetch();
    }
  };

  const stateText = (l: CollectionLink) => {
    switch (linkState(l)) {
      case "revoked":
        return sv("linkRevoked", { date: formatDateTime(l.revokedAt!) });
      case "expired":
        return sv("linkExpired", { date: formatDateTime(l.expiresAt) });
      default:
        return sv("linkActive", { date: formatDateTime(l.expiresAt) });
    }
  };

  return (
    <section class="links-section" aria-labelledby="links-title">
      <h3 id="links-title">{sv("linksTitle")}</h3>
      <p class="hint">{sv("linksIntro")}</p>
      <Switch>
        <Match when={!props.published}>
          <p>{sv("linksNeedPublish")}</p>
        </Match>
        <Match when={!admin()}>
          <p>{sv("linksForbidden")}</p>
        </Match>
        <Match when={true}>
          <form class="link-form" onSubmit={(e) => void create(e)}>
            <label>
              {sv("linkLabel")}
              <input class="input" name="label" required maxLength={200} dir="auto" value={label()} onInput={(e) => setLabel(e.currentTarget.value)} />
            </label>
            <label>
              {sv("linkDays")}
              <input class="input days" name="days" type="number" min="1" max="366" required value={days()} onInput={(e) => setDays(Number(e.currentTarget.value))} />
            </label>
            <button type="submit" class="button primary" disabled={busy()}>
              {busy() ? sv("creatingLink") : sv("createLink")}
            </button>
          </form>
          <Show when={created()} keyed>
            {(c) => (
              <div class="notice link-created">
                <p>{sv("linkCreated", { label: c.label })}</p>
                <div class="copy-row">
                  <input class="input" readOnly dir="ltr" aria-label={sv("linkAddress", { label: c.label })} value={c.url} onFocus={(e) => e.currentTarget.select()} />
                  <button type="button" class="button small" onClick={() => void copy(c.url)}>
                    {sv("copy")}
                  </button>
                </div>
                <p role="status" class="hint">
                  {copyState() === "copied" ? sv("copied") : copyState() === "failed" ? sv("copyFailed") : ""}
                </p>
              </div>
            )}
          </Show>
          <p role="status">{message()}</p>
          <Show when={!links.loading} fallback={<p>{sv("checking")}</p>}>
            <Show when={(links() ?? []).length > 0} fallback={<p>{sv("noLinks")}</p>}>
              <table class="links-table">
                <thead>
                  <tr>
                    <th scope="col">{sv("linkColumn")}</th>
                    <th scope="col">{sv("createdColumn")}</th>
                    <th scope="col">{sv("statusColumn")}</th>
                    <th scope="col">
                      <span class="visually-hidden">{sv("revoke")}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  <For each={links()}>
                    {(l) => (
                      <tr data-state={linkState(l)}>
                        <td dir="auto">{l.label}</td>
                        <td>{formatDateTime(l.createdAt)}</td>
                        <td>{stateText(l)}</td>
                        <td>
                          <Show when={linkState(l) === "active"}>
                            <Show
                              when={confirming() === l.id}
                              fallback={
                                <button type="button" class="button small danger" onClick={() => setConfirming(l.id)}>
                                  {sv("revoke")}
                                </button>
                              }
                            >
                              <div class="confirm-revoke" role="group" aria-label={sv("revoke")}>
                                <p>{sv("revokeConfirm", { label: l.label })}</p>
                                <button type="button" class="button small danger" onClick={() => void revoke(l)}>
                                  {sv("revokeYes")}
                                </button>{" "}
                                <button type="button" class="button small secondary" onClick={() => setConfirming(undefined)}>
                                  {sv("cancel")}
                                </button>
                              </div>
                            </Show>
                          </Show>
                        </td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </Show>
          </Show>
        </Match>
      </Switch>
    </section>
  );
}
