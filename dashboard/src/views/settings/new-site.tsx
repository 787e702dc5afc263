import type { SiteCreated } from '@moments/shared';
import { useState } from 'preact/hooks';
import { api, describeError } from '../../api.js';
import { useDashboard } from '../../state.js';

/** A new site: its public key for the snippet, and its secret, shown once. */
export function NewSite() {
  const { reloadSites, setSiteId } = useDashboard();
  const [name, setName] = useState('');
  const [error, setError] = useState<string>();
  const [created, setCreated] = useState<SiteCreated>();
  return (
    <div class="card">
      <h2>Add a site</h2>
      <form
        class="inline"
        onSubmit={async (e) => {
          e.preventDefault();
          if (!name.trim()) return setError('Give the site a name.');
          try {
            setCreated(await api.createSite({ name: name.trim() }));
            setError(undefined);
            setName('');
            await reloadSites();
          } catch (err) {
            setError(describeError(err));
          }
        }}
      >
        <label for="new-site-name">Name of the new site</label>
        <input
          id="new-site-name"
          value={name}
          maxLength={200}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? 'new-site-error' : undefined}
          onInput={(e) => setName(e.currentTarget.value)}
        />
        <button type="submit">Create site</button>
      </form>
      {error && (
        <p id="new-site-error" class="error-text small">
          {error}
        </p>
      )}
      {created && (
        <div role="status" class="callout">
          <p>
            <strong>{created.name}</strong> is ready. Public key (for the snippet):{' '}
            <code class="token">{created.publicKey}</code>
          </p>
          <p>
            Secret (signs customer identities; copy it now, it is shown only once):{' '}
            <code class="token" data-testid="new-site-secret">
              {created.secret}
            </code>
          </p>
          <button type="button" onClick={() => setSiteId(created.id)}>
            Switch to {created.name}
          </button>
        </div>
      )}
    </div>
  );
}
