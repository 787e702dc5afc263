import { useState } from 'preact/hooks';
import { describeError, signIn } from '../api.js';

export function SignIn({ onSignedIn }: { onSignedIn: () => void }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  return (
    <main class="signin">
      <form
        class="card"
        onSubmit={async (e) => {
          e.preventDefault();
          if (busy) return;
          setBusy(true);
          try {
            await signIn(token);
            onSignedIn();
          } catch (err) {
            setError(describeError(err));
          } finally {
            setBusy(false);
          }
        }}
      >
        <h1>Moments</h1>
        <p>
          Sign in with the admin token the server printed when it first started (or{' '}
          <code>MOMENTS_ADMIN_TOKEN</code>).
        </p>
        <label for="admin-token">Admin token</label>
        <input
          id="admin-token"
          type="password"
          autoComplete="current-password"
          required
          value={token}
          onInput={(e) => setToken(e.currentTarget.value)}
          aria-describedby={error ? 'signin-error' : undefined}
        />
        {/* aria-disabled, not disabled: a disabled button drops the keyboard's focus to the page's start. */}
        <button type="submit" class="primary" aria-disabled={busy}>
          Sign in
        </button>
        {error && (
          <p id="signin-error" role="alert" class="error-text">
            {error}
          </p>
        )}
      </form>
    </main>
  );
}
