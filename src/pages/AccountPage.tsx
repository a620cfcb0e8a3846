import { useNavigate, useSearchParams } from "@solidjs/router";
import { createSignal, For, Match, Show, Switch } from "solid-js";
import { formatDateTime } from "../i18n/i18n.ts";
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
              <Show when={s.roles.length > 0} fallback={<p>{sv("noRoles")}</p>}>
                <ul class="role-list">
                  <For each={s.roles}>
                    {(r) => (
                      <li>
                        <span dir="ltr">{r.surveyId}</span> — {roleName(r.role)}
                      </li>
                    )}
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
