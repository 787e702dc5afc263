import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { checkConnection } from '../background/api.js';
import { originToPattern, type Settings, settingsItem } from '../settings.js';
import { ADAPTERS } from '../sites/index.js';

type Note = { ok: boolean; text: string };

/**
 * Asks for host permissions; true when held. Must be called synchronously in the click or submit
 * handler, before any `await`: Firefox grants `permissions.request` only while it is handling the
 * user's input, and an await ends that. A host already held resolves true without a prompt.
 */
function requestOrigins(origins: string[]): Promise<boolean> {
  try {
    return browser.permissions.request({ origins }).catch(() => false);
  } catch {
    return Promise.resolve(false);
  }
}

export function OptionsPage() {
  const [s, setS] = useState<Settings>();
  const [server, setServer] = useState('');
  const [token, setToken] = useState('');
  const [conn, setConn] = useState<Note>();
  const [siteNote, setSiteNote] = useState<Note>();
  const [exclNote, setExclNote] = useState<Note>();
  const [origin, setOrigin] = useState('');
  const [selectors, setSelectors] = useState('');
  const [agentEmails, setAgentEmails] = useState('');
  const [companyDomains, setCompanyDomains] = useState('');

  useEffect(() => {
    void settingsItem.getValue().then((v) => {
      setS(v);
      setServer(v.serverUrl);
      setToken(v.token);
      setSelectors(v.selectors.join('\n'));
      setAgentEmails((v.agentEmails ?? []).join('\n'));
      setCompanyDomains((v.companyDomains ?? []).join('\n'));
    });
  }, []);
  if (!s) return <p>Loading…</p>;

  // From what is stored now, not this render's copy: two quick changes must not undo each other.
  const save = async (patch: Partial<Settings>) => {
    const next = { ...(await settingsItem.getValue()), ...patch };
    await settingsItem.setValue(next);
    setS(next);
  };

  async function saveConnection(e: Event) {
    e.preventDefault();
    let url: URL;
    try {
      url = new URL(server.trim());
      if (!/^https?:$/.test(url.protocol)) throw new Error();
    } catch {
      setConn({ ok: false, text: 'Enter the server address, such as https://moments.example.com' });
      return;
    }
    const base = url.origin;
    // The worker talks to the server from the extension's origin: it needs this host, asked now.
    const allowed = await requestOrigins([originToPattern(base)]);
    if (!allowed) {
      setConn({ ok: false, text: `Moments needs permission to reach ${base}. Save again and allow it.` });
      return;
    }
    setConn({ ok: true, text: 'Checking…' });
    const check = await checkConnection(base, token.trim());
    setConn({ ok: check.ok, text: check.message });
    if (check.ok) await save({ serverUrl: base, token: token.trim() });
  }

  async function toggleSite(id: string, on: boolean, matches: string[]) {
    if (on) {
      const granted = await requestOrigins(matches);
      if (!granted) {
        setSiteNote({ ok: false, text: 'The browser did not allow it: the badge stays off there.' });
        return;
      }
      const { enabledSites } = await settingsItem.getValue();
      await save({ enabledSites: [...new Set([...enabledSites, id])] });
      setSiteNote({ ok: true, text: 'On. Reload open pages of that CRM if no badge shows.' });
    } else {
      const { enabledSites } = await settingsItem.getValue();
      await save({ enabledSites: enabledSites.filter((x) => x !== id) });
      await browser.permissions.remove({ origins: matches }).catch(() => false);
      setSiteNote({ ok: true, text: 'Off.' });
    }
  }

  async function addOrigin(e: Event) {
    e.preventDefault();
    let pattern: string;
    let clean: string;
    try {
      const u = new URL(origin.trim());
      clean = u.origin;
      pattern = originToPattern(clean);
    } catch {
      setSiteNote({ ok: false, text: 'Enter an origin such as https://crm.example.com' });
      return;
    }
    if (!(await requestOrigins([pattern]))) {
      setSiteNote({ ok: false, text: `The browser did not allow ${clean}.` });
      return;
    }
    const { customOrigins } = await settingsItem.getValue();
    await save({ customOrigins: [...new Set([...customOrigins, clean])] });
    setOrigin('');
    setSiteNote({ ok: true, text: `${clean} is on: emails on its pages get a badge.` });
  }

  return (
    <main>
      <h1>Moments</h1>
      <p class="lead">See each customer's scores, value and open follow-ups beside the ticket, live.</p>
      <form onSubmit={saveConnection} class="card">
        <h2>Server</h2>
        <label for="server">Moments server</label>
        <input
          id="server"
          type="url"
          required
          placeholder="https://moments.example.com"
          value={server}
          // The last check was of what was there before: it goes once either field changes.
          onInput={(e) => {
            setServer(e.currentTarget.value);
            setConn(undefined);
          }}
        />
        <label for="token">Agent token</label>
        <input
          id="token"
          type="password"
          required
          placeholder="mat_…"
          value={token}
          onInput={(e) => {
            setToken(e.currentTarget.value);
            setConn(undefined);
          }}
        />
        <p class="hint">Ask your Moments admin for an agent token (Dashboard → Settings → Agent tokens).</p>
        <button type="submit">Save and check</button>
        {conn && (
          <p role="status" class={conn.ok ? 'ok' : 'error'}>
            {conn.text}
          </p>
        )}
      </form>
      <section class="card">
        <h2>Where to show scores</h2>
        <p class="hint">Moments asks the browser for each CRM's pages only when you turn it on.</p>
        {ADAPTERS.map((a) => (
          <label class="check" key={a.id}>
            <input
              type="checkbox"
              checked={s.enabledSites.includes(a.id)}
              onChange={(e) => toggleSite(a.id, e.currentTarget.checked, a.matches)}
            />
            {a.name} <span class="hint">{a.matches.map((m) => m.replace('https://', '')).join(', ')}</span>
          </label>
        ))}
        <h3>Other pages</h3>
        <ul>
          {s.customOrigins.map((o) => (
            <li key={o}>
              {o}{' '}
              <button
                type="button"
                onClick={async () => {
                  await save({ customOrigins: s.customOrigins.filter((x) => x !== o) });
                  await browser.permissions.remove({ origins: [originToPattern(o)] }).catch(() => false);
                }}
              >
                Remove {o}
              </button>
            </li>
          ))}
        </ul>
        <form onSubmit={addOrigin} class="inline">
          <label for="origin">Add a page origin</label>
          <input
            id="origin"
            placeholder="https://crm.example.com"
            value={origin}
            onInput={(e) => setOrigin(e.currentTarget.value)}
          />
          <button type="submit">Add</button>
        </form>
        <label for="selectors">CSS selectors naming a customer (one a line; optional)</label>
        <textarea
          id="selectors"
          value={selectors}
          onInput={(e) => setSelectors(e.currentTarget.value)}
          placeholder=".customer-email"
        />
        <button
          type="button"
          onClick={async () => {
            await save({
              selectors: selectors
                .split('\n')
                .map((x) => x.trim())
                .filter(Boolean),
            });
            setSiteNote({ ok: true, text: 'Selectors saved: reload the page to use them.' });
          }}
        >
          Save selectors
        </button>
        {siteNote && (
          <p role="status" class={siteNote.ok ? 'ok' : 'error'}>
            {siteNote.text}
          </p>
        )}
      </section>
      <section class="card">
        <h2>Never a customer</h2>
        <p class="hint">
          Your own addresses and your company's domains get no badge and are never looked up. Moments also
          skips the address in the help desk's user menu, the help desk's own support domains, and the domains
          of your sites' allowed origins (from the server, for this token).
        </p>
        <label for="agent-emails">Your email addresses (one a line)</label>
        <textarea
          id="agent-emails"
          value={agentEmails}
          onInput={(e) => setAgentEmails(e.currentTarget.value)}
          placeholder="you@yourcompany.com"
        />
        <label for="company-domains">Your company's email domains (one a line)</label>
        <textarea
          id="company-domains"
          value={companyDomains}
          onInput={(e) => setCompanyDomains(e.currentTarget.value)}
          placeholder="yourcompany.com"
        />
        <button
          type="button"
          onClick={async () => {
            const lines = (v: string) =>
              v
                .split('\n')
                .map((x) => x.trim().toLowerCase().replace(/^@/, ''))
                .filter(Boolean);
            await save({ agentEmails: lines(agentEmails), companyDomains: lines(companyDomains) });
            setExclNote({ ok: true, text: 'Saved: reload open pages to apply.' });
          }}
        >
          Save addresses and domains
        </button>
        {exclNote && (
          <p role="status" class={exclNote.ok ? 'ok' : 'error'}>
            {exclNote.text}
          </p>
        )}
      </section>
    </main>
  );
}
