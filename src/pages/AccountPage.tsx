import { A, useNavigate, useSearchParams } from "@solidjs/router";
import { createResource, createSignal, For, Match, Show, Switch } from "solid-js";
import { formatDateTime, uiLanguage } from "../i18n/i18n.ts";
import { textIn } from "../definition/text.ts";
import { publishedSurveys } from "../remote/publish.ts";
import { sessionCredentials } from "../remote/session.ts";
import { sv } from "../i18n/messages-server.ts";
import SignInForm from "../components/account/SignInForm.tsx";
import { serverAccount } from "../components/account/server-account.ts";


/** Where a designer or an analyst signs in to the collection server, sees their roles and signs out. */
export default function AccountPage() {
  const account = serverAccount();
  const navigate = useNavigate();
  const [params] = useSearchParams<{ return?: string }>();
  const [message, setMessage] = createSignal("");
  // Only a path inside this app, never another origin.
  const back = () => {
    const r = params.return;
    return r && r.startsWith("/") && !r.startsWith("//") ? r : undefined;
  };
  const roleName = (role: "admin" | "designer" | "analyst") => sv(`role_${role}`);
  // The surveys published on the server that this account may see, each with a way to its responses.
  const [surveys] = createResource(
    () => account.session(),
    (s) => publishedSurveys(sessionCredentials(s)).catch(() => []),
  );

  const signOut = async () => {
    try {
      await account.signOut();
      setMessage(sv("signedOut"));
    } catch {
      setMessage(sv("unreachable"));
    }
  };

  return (
    <div class="account-page">
      <h1>{sv("serverTitle")}</h1>
      <p role="status">{message()}</p>
      <Switch>
        <Match when={account.state().kind === "unknown"}>
          <p>{sv("checking")}</p>
        </Match>
        <Match when={account.state().kind === "none"}>
          <p class="notice">{sv("noServer")}</p>
        </Match>
        <Match when={account.state().kind === "unreachable"}>
          <p class="notice">{sv("unreachable")}</p>
        </Match>
        <Match when={account.state().kind === "signed-out"}>
          <SignInForm
            onSignedIn={() => {
              setMessage("");
              const to = back();
              if (to) navigate(to);
            }}
          />
        </Match>
        <Match when={account.session()} keyed>
          {(s) => (
            <section aria-labelledby="account-who">
              <h2 id="account-who" dir="auto">
                {sv("signedInAs", { name: s.user.name, email: s.user.email })}
              </h2>
              <p class="hint">{sv("sessionUntil", { time: formatDateTime(s.expiresAt) })}</p>
              <Show when={s.user.serverAdmin}>
                <p>{sv("serverAdmin")}</p>
              </Show>
              <h3>{sv("yourSurveys")}</h3>
              <Show when={(surveys() ?? []).length > 0} fallback={<p>{surveys.loading ? sv("checking") : sv("noRoles")}</p>}>
                <ul class="role-list">
                  <For each={surveys()}>
                    {(survey) => {
                      const role = () => account.roleIn(survey.surveyId);
                      return (
                        <li>
                          <strong dir="auto">{textIn(survey.title, uiLanguage()) ?? survey.surveyId}</strong>
                          <br />
                          <span class="hint">{sv("surveyLine", { id: survey.surveyId, version: survey.latest, role: role() ? roleName(role()!) : "" })}</span>
                          <Show when={role() === "admin" || role() === "analyst"}>
                            {" "}
                            <A href={`/surveys/${survey.surveyId}/data`}>{sv("openData")}</A>
                          </Show>
                        </li>
                      );
                    }}
                  </For>
                </ul>
              </Show>
              <button type="button" class="button secondary" onClick={() => void signOut()}>
                {sv("signOut")}
              </button>
            </section>
          )}
        </Match>
      </Switch>
    </div>
  );
}
