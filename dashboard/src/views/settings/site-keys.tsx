import type { Site } from '@moments/shared';
import { useState } from 'preact/hooks';
import { api, describeError } from '../../api.js';
import { fmtDateTime } from '../../format.js';
import { useDashboard } from '../../state.js';

/**
 * The site's public key, and rotation of the key and the secret. A new secret is shown once; the
 * old key and secret keep working for the server's grace period so pages and back ends can move.
 */
export function SiteKeys({ site }: { site: Site }) {
  const { reloadSites } = useDashboard();
  const [message, setMessage] = useState<{ ok: boolean; text: string; secret?: string }>();
  async function rotate(which: 'secret' | 'key') {
    const what = which === 'secret' ? 'secret' : 'public key';
    if (!confirm(`Make a new ${what} for ${site.name}? The old one keeps working for a grace period only.`))
      return;
    try {
      if (which === 'secret') {
        const r = await api.rotateSiteSecret(site.id);
        setMessage({
          ok: true,
          text: `New secret below, shown only now. The old one verifies until ${fmtDateTime(r.previousSecretValidUntil)}.`,
          secret: r.secret,
        });
      } else {
        const r = await api.rotateSiteKey(site.id);
        await reloadSites();
        setMessage({
          ok: true,
          text: `New public key ${r.publicKey}: update the snippet on your pages. The old one serves until ${fmtDateTime(r.previousPublicKeyValidUntil)}.`,
        });
      }
    } catch (err) {
      setMessage({ ok: false, text: describeError(err) });
    }
  }
  return (
    <div class="card">
      <h2>Keys</h2>
      <p>
        Public key (in the snippet): <code class="token">{site.publicKey}</code>
      </p>
      <p class="muted small">
        The secret signs customer identities on your server. It is shown once, when made; the server gives it
        out nowhere else.
      </p>
      <div class="actions">
        <button type="button" onClick={() => rotate('secret')}>
          Make a new secret
        </button>
        <button type="button" onClick={() => rotate('key')}>
          Make a new public key
        </button>
      </div>
      {message && (
        <div role="status" class={message.ok ? '' : 'error-text'}>
          <p>{message.text}</p>
          {message.secret && (
            <code class="token" data-testid="rotated-secret">
              {message.secret}
            </code>
          )}
        </div>
      )}
    </div>
  );
}
