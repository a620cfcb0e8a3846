import { createEffect, createMemo, createResource, createSignal, For, Match, on, Show, Switch } from "solid-js";
import "../../server.css";
import { dt } from "../../i18n/messages-designer.ts";
import { sv } from "../../i18n/messages-server.ts";
import { checkVersion, publishedVersions, publishVersion, refusedReport } from "../../remote/publish.ts";
import { remoteFailure, type RemoteFailure } from "../../remote/failure.ts";
import type { BreakingChangeReport, PublishReport } from "../../schema/server-api.ts";
import CollectionLinks from "./CollectionLinks.tsx";
import SignInForm from "../account/SignInForm.tsx";
import { serverAccount } from "../account/server-account.ts";

/** A version saved on this device, as the designer lists them. */
export interface SavedVersion {
  version: number;
  text: string;
}

type Step =
  | { kind: "idle" }
  | { kind: "busy"; what: "check" | "publish" }
  | { kind: "checked"; report: PublishReport }
  | { kind: "published"; report: PublishReport }
  | { kind: "refused"; message: string; report?: PublishReport };

/**
 * Publishing a saved version on the collection server: the server's check first (its lint and the
 * changes that break responses it already holds, with how many), then the publish itself; and the
 * survey's collection links. Opened from the designer when a server answered.
 */
export default function PublishDialog(props: { surveyId: string; versions: readonly SavedVersion[]; open: boolean; onClose: () => void }) {
  let dialog: HTMLDialogElement | undefined;
  const account = serverAccount();
  createEffect(() => {
    if (!dialog) return;
    if (props.open && !dialog.open) dialog.showModal();
    if (!props.open && dialog.open) dialog.close();
  });

  const newest = () => props.versions.reduce((m, v) => Math.max(m, v.version), 0);
  const [chosen, setChosen] = createSignal<number>();
  const version = () => chosen() ?? newest();
  const text = () => props.versions.find((v) => v.version === version())?.text;
  const [step, setStep] = createSignal<Step>({ kind: "idle" });
  // Another version chosen, or the dialog opened again: the last report is about something else.
  createEffect(on(version, () => setStep({ kind: "idle" }), { defer: true }));
  // Opened again: the newest saved version is offered (one saved meanwhile included).
  createEffect(
    on(
      () => props.open,
      (open) => {
        if (!open) return;
        setChosen(undefined);
        setStep({ kind: "idle" });
      },
      { defer: true },
    ),
  );

  const signedIn = () => Boolean(account.session());
  const [onServer, { refetch }] = createResource(
    () => (props.open && signedIn() ? props.surveyId : undefined),
    (id) =>
      publishedVersions(id, account.credentials()).catch((e: unknown) => {
        setStep({ kind: "refused", message: failed(remoteFailure(e)) });
        return [];
      }),
  );
  const latestOnServer = createMemo(() => (onServer() ?? []).reduce((m, v) => Math.max(m, v.version), 0));

  const failed = (f: RemoteFailure): string => {
    if (f.code === "unauthenticated") account.sessionLost();
    return f.code === "network" || f.code === "no-server" ? sv("unreachable") : f.code === "unauthenticated" ? sv("sessionEnded") : sv("serverSaid", { detail: f.detail });
  };

  const check = async () => {
    const t = text();
    if (!t) return;
    setStep({ kind: "busy", what: "check" });
    try {
      setStep({ kind: "checked", report: await checkVersion(props.surveyId, version(), t, account.credentials()) });
    } catch (e) {
      const f = remoteFailure(e);
      setStep({ kind: "refused", message: f.code === "forbidden" ? sv("forbiddenPublish") : failed(f) });
    }
  };

  const publish = async () => {
    const t = text();
    if (!t) return;
    const v = version();
    setStep({ kind: "busy", what: "publish" });
    try {
      setStep({ kind: "published", report: await publishVersion(props.surveyId, v, t, account.credentials()) });
      void refetch();
    } catch (e) {
      const f = remoteFailure(e);
      if (f.code === "version-conflict") {
        await refetch();
        setStep({ kind: "refused", message: sv("versionConflict", { version: v, latest: latestOnServer() }) });
      } else if (f.code === "lint-errors") {
        const report = refusedReport(e);
        const errors = report ? report.problems.filter((p) => p.severity === "error").length : 1;
        setStep({ kind: "refused", message: sv("lintRefused", { version: v, count: errors }), ...(report ? { report } : {}) });
      } else setStep({ kind: "refused", message: f.code === "forbidden" ? sv("forbiddenPublish") : failed(f) });
    }
  };

  const report = () => {
    const s = step();
    return s.kind === "checked" || s.kind === "published" ? s.report : s.kind === "refused" ? s.report : undefined;
  };
  const errors = () => report()?.problems.filter((p) => p.severity === "error").length ?? 0;

  return (
    <dialog ref={dialog} class="dialog publish-dialog" aria-labelledby="publish-title" onCancel={(e) => (e.preventDefault(), props.onClose())}>
      <div class="dialog-head">
        <h2 id="publish-title">{sv("publishTitle")}</h2>
        <button type="button" class="button small secondary" onClick={() => props.onClose()}>
          {sv("close")}
        </button>
      </div>
      <Show when={props.open}>
        <Switch>
          <Match when={!account.present()}>
            <p class="notice">{account.state().kind === "none" ? sv("noServer") : sv("unreachable")}</p>
          </Match>
          <Match when={!signedIn()}>
            <SignInForm />
          </Match>
          <Match when={true}>
            <div class="publish-section">
              <p class="hint">{sv("publishIntro")}</p>
              <p>
                <Show when={!onServer.loading} fallback={sv("checking")}>
                  {(onServer() ?? []).length > 0 ? sv("onServer", { versions: (onServer() ?? []).map((v) => String(v.version)).join(", ") }) : sv("notOnServer")}
                </Show>
              </p>
              <Show when={props.versions.length > 0} fallback={<p class="notice">{sv("noSavedVersion")}</p>}>
                <div class="publish-choose">
                  <label>
                    {sv("versionToPublish")}
                    <select class="input" value={String(version())} onChange={(e) => setChosen(Number(e.currentTarget.value))}>
                      <For each={[...props.versions].sort((a, b) => b.version - a.version)}>{(v) => <option value={String(v.version)}>{sv("versionOption", { version: v.version })}</option>}</For>
                    </select>
                  </label>
                  <button type="button" class="button secondary" disabled={step().kind === "busy"} onClick={() => void check()}>
                    {sv("check")}
                  </button>
                  <button type="button" class="button primary" disabled={step().kind === "busy" || errors() > 0} onClick={() => void publish()}>
                    {sv("publish", { version: version() })}
                  </button>
                </div>
              </Show>
              <div role="status" aria-live="polite" class="publish-status">
                <Switch>
                  <Match when={step().kind === "busy"}>
                    <p>{(step() as { what: string }).what === "publish" ? sv("publishing") : sv("checking")}</p>
                  </Match>
                  <Match when={step().kind === "published" && (step() as Extract<Step, { kind: "published" }>).report} keyed>
                    {(r) => <p class="notice success">{r.outcome === "identical" ? sv("identical", { version: r.version }) : sv("published", { version: r.version })}</p>}
                  </Match>
                  <Match when={step().kind === "refused" && (step() as Extract<Step, { kind: "refused" }>)} keyed>
                    {(s) => (
                      <p class="notice problem" role="alert">
                        {s.message}
                      </p>
                    )}
                  </Match>
                </Switch>
              </div>
              <Show when={report()} keyed>
                {(r) => <PublishReportView report={r} />}
              </Show>
            </div>
            <Show when={!onServer.loading}>
              <CollectionLinks surveyId={props.surveyId} published={latestOnServer() > 0} />
            </Show>
          </Match>
        </Switch>
      </Show>
    </dialog>
  );
}

function describeChange(c: BreakingChangeReport): string {
  const name = c.field.replaceAll(".", " › ");
  switch (c.kind) {
    case "removed":
      return dt("changeRemoved", { name });
    case "renamed":
      return dt("changeRenamed", { name, to: (c.to ?? "").replaceAll(".", " › ") });
    case "choicesRemoved":
      return dt("changeChoices", { name, values: (c.values ?? []).join(", ") });
    case "typeChanged":
      return sv("changeType", { name });
  }
}

/** The server's PublishReport: lint problems (errors block publishing) and breaking changes with the responses they touch. */
export function PublishReportView(props: { report: PublishReport }) {
  const errors = () => props.report.problems.filter((p) => p.severity === "error").length;
  return (
    <div class="publish-report" data-testid="publish-report">
      <h3>{sv("reportTitle", { version: props.report.version })}</h3>
      <p>{props.report.previousVersion ? sv("comparedWith", { previous: props.report.previousVersion }) : sv("firstOnServer")}</p>
      <Show when={props.report.problems.length > 0} fallback={<p>{sv("noProblems")}</p>}>
        <h4>{sv("problemsTitle", { count: props.report.problems.length })}</h4>
        <Show when={errors() > 0}>
          <p class="form-error">{sv("errorsBlock", { count: errors() })}</p>
        </Show>
        <ul class="report-problems">
          <For each={props.report.problems}>
            {(p) => (
              <li data-severity={p.severity}>
                <strong>{sv(`severity_${p.severity}` as const)}</strong>{" "}
                <Show when={p.path}>
                  <code dir="ltr">{p.path}</code>{" "}
                </Show>
                <span dir="auto">{p.message}</span>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={props.report.previousVersion}>
        <Show when={props.report.breaking.length > 0} fallback={<p class="notice success">{sv("noBreaking")}</p>}>
          <div class="breaking">
            <h4>{sv("breakingTitle", { count: props.report.breaking.length })}</h4>
            <ul>
              <For each={props.report.breaking}>
                {(c) => (
                  <li>
                    <span dir="auto">{describeChange(c)}</span> — <strong>{dt("affectedResponses", { count: c.affectedResponses })}</strong>
                  </li>
                )}
              </For>
            </ul>
          </div>
        </Show>
      </Show>
    </div>
  );
}
