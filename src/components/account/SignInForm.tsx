import { createSignal, Show } from "solid-js";
import "../../server.css";
import { sv } from "../../i18n/messages-server.ts";
import { remoteFailure } from "../../remote/failure.ts";
import { serverAccount } from "./server-account.ts";

let formCount = 0;

/** Email and password against the collection server; on success the app's account state is signed in. */
export default function SignInForm(props: { onSignedIn?: () => void }) {
  const account = serverAccount();
  const id = `sign-in-${++formCount}`;
  const [email, setEmail] = createSignal("");
  const [password, setPassword] = createSignal("");
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal("");

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setBusy(true);
    setError("");
    try {
      await account.signIn(email().trim(), password());
      setPassword("");
      props.onSignedIn?.();
    } catch (err) {
      const f = remoteFailure(err);
      setError(f.code === "sign-in-failed" || f.code === "invalid-body" ? sv("signInFailed") : f.code === "rate-limited" ? sv("rateLimited") : f.code === "network" || f.code === "no-server" ? sv("unreachable") : sv("serverSaid", { detail: f.detail }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="sign-in-form" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{sv("signInTitle")}</h2>
      <Show when={account.notice() === "sessionEnded"}>
        <p class="notice">{sv("sessionEnded")}</p>
      </Show>
      <p class="hint">{sv("signInIntro")}</p>
      <label class="field" for={`${id}-email`}>
        {sv("email")}
      </label>
      <input id={`${id}-email`} class="input" type="email" name="email" autocomplete="username" dir="ltr" required value={email()} onInput={(e) => setEmail(e.currentTarget.value)} />
      <label class="field" for={`${id}-password`}>
        {sv("password")}
      </label>
      <input id={`${id}-password`} class="input" type="password" name="password" autocomplete="current-password" dir="ltr" required value={password()} onInput={(e) => setPassword(e.currentTarget.value)} />
      <p role="alert" class="form-error">
        {error()}
      </p>
      <button type="submit" class="button primary" disabled={busy()}>
        {busy() ? sv("signingIn") : sv("signInLink")}
      </button>
    </form>
  );
}
