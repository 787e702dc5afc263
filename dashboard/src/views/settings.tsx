import { type Site, SitePatchSchema, toPlainIssue } from '@moments/shared';
import { useState } from 'preact/hooks';
import { api, describeError } from '../api.js';
import { Loaded } from '../components/states.js';
import { fmtDate } from '../format.js';
import { useDashboard, useLoad } from '../state.js';
import { NewSite } from './settings/new-site.js';
import { SiteKeys } from './settings/site-keys.js';
import { Webhooks } from './settings/webhooks.js';

type Form = Omit<Site, 'id' | 'publicKey' | 'createdAt'>;

function Snippet({ site }: { site: Site }) {
  const [copied, setCopied] = useState(false);
  const code = `<script>window.moments = window.moments || function () { (moments.q = moments.q || []).push(arguments); };</script>
<script async src="${location.origin}/w.js" data-site="${site.publicKey}"></script>`;
  return (
    <div class="card">
      <h2>Install</h2>
      <p>
        Paste this into every page of your site, then call <code>moments('track', 'checkout_completed')</code>{' '}
        at each moment.
      </p>
      <pre class="code" data-testid="snippet">
        {code}
      </pre>
      <button
        type="button"
        onClick={() =>
          navigator.clipboard.writeText(code).then(
            () => setCopied(true),
            () => setCopied(false),
          )
        }
      >
        Copy snippet
      </button>
      <span role="status" class="ok">
        {copied ? ' Copied.' : ''}
      </span>
    </div>
  );
}

function AgentTokens({ site }: { site: Site }) {
  const tokens = useLoad(() => api.listTokens(), []);
  const [name, setName] = useState('');
  const [created, setCreated] = useState<string>();
  const [error, setError] = useState<string>();
  return (
    <div class="card">
      <h2>Agent tokens</h2>
      <p class="muted small">
        For the browser extension: an agent token reads customers' scores and updates follow-ups on this site,
        nothing else.
      </p>
      <Loaded load={tokens}>
        {({ tokens: list }) => (
          <ul class="plain">
            {list
              .filter((t) => t.siteIds.includes(site.id))
              .map((t) => (
                <li key={t.id}>
                  {t.name} <span class="muted">(since {fmtDate(t.createdAt)})</span>{' '}
                  <button
                    type="button"
                    class="danger"
                    onClick={() =>
                      api.revokeToken(t.id).then(tokens.reload, (e) => setError(describeError(e)))
                    }
                  >
                    Revoke {t.name}
                  </button>
                </li>
              ))}
          </ul>
        )}
      </Loaded>
      <form
        class="inline"
        onSubmit={async (e) => {
          e.preventDefault();
          try {
            const t = await api.createAgentToken(name, [site.id]);
            setCreated(t.token);
            setName('');
            setError(undefined);
            tokens.reload();
          } catch (err) {
            setError(describeError(err));
          }
        }}
      >
        <label for="token-name">New token for</label>
        <input
          id="token-name"
          required
          maxLength={200}
          placeholder="Support team"
          value={name}
          onInput={(e) => setName(e.currentTarget.value)}
        />
        <button type="submit">Create token</button>
      </form>
      {created && (
        <p role="status">
          Copy it now, it is shown only once:{' '}
          <code class="token" data-testid="new-token">
            {created}
          </code>
        </p>
      )}
      {error && <p class="error-text">{error}</p>}
    </div>
  );
}

export function SettingsView() {
  const { site, reloadSites } = useDashboard();
  const [form, setForm] = useState<Form>(() => structuredClone(site));
  const [origins, setOrigins] = useState(site.allowedOrigins.join('\n'));
  const [result, setResult] = useState<{ ok: boolean; text: string }>();
  const set = (patch: Partial<Form>) => setForm({ ...form, ...patch });
  const num = (e: Event) => Number((e.currentTarget as HTMLInputElement).value);

  async function save(e: Event) {
    e.preventDefault();
    const body = {
      name: form.name,
      allowedOrigins: origins.split(/\s+/).filter(Boolean),
      requireSignedIdentity: form.requireSignedIdentity,
      contactPolicy: form.contactPolicy,
      followUpRule: form.followUpRule,
      minSample: form.minSample,
      theme: form.theme,
      valueSettings: form.valueSettings,
    };
    const check = SitePatchSchema.safeParse(body);
    if (!check.success) {
      setResult({
        ok: false,
        text: check.error.issues.map((i) => toPlainIssue(i.path.join('.'), i.message)).join('; '),
      });
      return;
    }
    try {
      await api.updateSite(site.id, check.data);
      await reloadSites();
      setResult({ ok: true, text: 'Saved.' });
    } catch (err) {
      setResult({ ok: false, text: describeError(err) });
    }
  }

  return (
    <section aria-labelledby="h-settings">
      <h1 id="h-settings">Settings</h1>
      <Snippet site={site} />
      <form class="card" onSubmit={save}>
        <h2>Site</h2>
        <div class="form-grid">
          <label for="st-name">Name</label>
          <input
            id="st-name"
            required
            value={form.name}
            onInput={(e) => set({ name: e.currentTarget.value })}
          />
          <label for="st-origins">Allowed origins, one a line (empty: any, for development)</label>
          <textarea
            id="st-origins"
            value={origins}
            placeholder="https://shop.example.com"
            onInput={(e) => setOrigins(e.currentTarget.value)}
          />
          <label for="st-signed">Require signed identity</label>
          <input
            id="st-signed"
            type="checkbox"
            checked={form.requireSignedIdentity}
            onChange={(e) => set({ requireSignedIdentity: e.currentTarget.checked })}
          />
        </div>
        <fieldset>
          <legend>Contact policy</legend>
          <div class="form-grid">
            <label for="st-recontact">Days between surveys to one customer</label>
            <input
              id="st-recontact"
              type="number"
              min={0}
              max={365}
              value={form.contactPolicy.recontactDays}
              onInput={(e) => set({ contactPolicy: { ...form.contactPolicy, recontactDays: num(e) } })}
            />
            <label for="st-month">Surveys a month at most (0: no cap)</label>
            <input
              id="st-month"
              type="number"
              min={0}
              max={100}
              value={form.contactPolicy.maxPerMonth}
              onInput={(e) => set({ contactPolicy: { ...form.contactPolicy, maxPerMonth: num(e) } })}
            />
          </div>
        </fieldset>
        <fieldset>
          <legend>Open a follow-up when</legend>
          <div class="form-grid">
            <label for="st-nps">NPS is at most</label>
            <input
              id="st-nps"
              type="number"
              min={-1}
              max={10}
              value={form.followUpRule.npsMax}
              onInput={(e) => set({ followUpRule: { ...form.followUpRule, npsMax: num(e) } })}
            />
            <label for="st-csat">CSAT is at most</label>
            <input
              id="st-csat"
              type="number"
              min={0}
              max={5}
              value={form.followUpRule.csatMax}
              onInput={(e) => set({ followUpRule: { ...form.followUpRule, csatMax: num(e) } })}
            />
            <label for="st-ces">CES is at most (1 very difficult … 7 very easy; 0 never)</label>
            <input
              id="st-ces"
              type="number"
              min={0}
              max={7}
              value={form.followUpRule.cesMax}
              onInput={(e) => set({ followUpRule: { ...form.followUpRule, cesMax: num(e) } })}
            />
          </div>
        </fieldset>
        <fieldset>
          <legend>Look of the survey</legend>
          <div class="form-grid">
            <label for="st-color">Brand colour</label>
            <input
              id="st-color"
              type="color"
              value={form.theme.brandColor}
              onInput={(e) => set({ theme: { ...form.theme, brandColor: e.currentTarget.value } })}
            />
            <label for="st-pos">Corner</label>
            <select
              id="st-pos"
              value={form.theme.position}
              onChange={(e) =>
                set({
                  theme: { ...form.theme, position: e.currentTarget.value as Form['theme']['position'] },
                })
              }
            >
              <option value="bottom-right">bottom right</option>
              <option value="bottom-left">bottom left</option>
              <option value="top-right">top right</option>
              <option value="top-left">top left</option>
            </select>
            <label for="st-mode">Colours</label>
            <select
              id="st-mode"
              value={form.theme.mode}
              onChange={(e) =>
                set({ theme: { ...form.theme, mode: e.currentTarget.value as Form['theme']['mode'] } })
              }
            >
              <option value="auto">follow the visitor's setting</option>
              <option value="light">light</option>
              <option value="dark">dark</option>
            </select>
          </div>
        </fieldset>
        <fieldset>
          <legend>Reports</legend>
          <div class="form-grid">
            <label for="st-min-sample">Fewest answers for a score to be trusted</label>
            <input
              id="st-min-sample"
              type="number"
              min={1}
              max={10000}
              value={form.minSample}
              onInput={(e) => set({ minSample: num(e) })}
            />
          </div>
        </fieldset>
        <fieldset>
          <legend>Customer lifetime value</legend>
          <div class="form-grid">
            <label for="st-margin">Gross margin (%)</label>
            <input
              id="st-margin"
              type="number"
              min={0}
              max={100}
              value={Math.round(form.valueSettings.margin * 100)}
              onInput={(e) => set({ valueSettings: { ...form.valueSettings, margin: num(e) / 100 } })}
            />
            <label for="st-discount">Yearly discount rate (%)</label>
            <input
              id="st-discount"
              type="number"
              min={0}
              max={100}
              value={Math.round(form.valueSettings.annualDiscountRate * 100)}
              onInput={(e) =>
                set({ valueSettings: { ...form.valueSettings, annualDiscountRate: num(e) / 100 } })
              }
            />
          </div>
        </fieldset>
        <div class="actions">
          <button type="submit" class="primary">
            Save settings
          </button>
          {result && (
            <span role="status" class={result.ok ? 'ok' : 'error-text'}>
              {result.text}
            </span>
          )}
        </div>
      </form>
      <AgentTokens site={site} />
      <SiteKeys site={site} />
      <Webhooks site={site} />
      <NewSite />
    </section>
  );
}
