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

/** Where each setting's field is, by its path in the site's schema. */
const FIELD_IDS: Record<string, string> = {
  name: 'st-name',
  allowedOrigins: 'st-origins',
  requireSignedIdentity: 'st-signed',
  'contactPolicy.recontactDays': 'st-recontact',
  'contactPolicy.maxPerMonth': 'st-month',
  'followUpRule.npsMax': 'st-nps',
  'followUpRule.csatMax': 'st-csat',
  'followUpRule.cesMax': 'st-ces',
  'theme.brandColor': 'st-color',
  'theme.position': 'st-pos',
  'theme.mode': 'st-mode',
  minSample: 'st-min-sample',
  'valueSettings.margin': 'st-margin',
  'valueSettings.annualDiscountRate': 'st-discount',
};

export function SettingsView() {
  const { site, reloadSites } = useDashboard();
  const [form, setForm] = useState<Form>(() => structuredClone(site));
  const [origins, setOrigins] = useState(site.allowedOrigins.join('\n'));
  const [result, setResult] = useState<{ ok: boolean; text: string }>();
  // Each refused field's reason in plain words, shown beside it (keyed by the input's id).
  const [errors, setErrors] = useState<Record<string, string>>({});
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
    const next: Record<string, string> = {};
    for (const issue of check.success ? [] : check.error.issues) {
      const path = issue.path.join('.');
      const id = FIELD_IDS[path] ?? FIELD_IDS[String(issue.path[0])];
      if (id) next[id] ??= toPlainIssue(path, issue.message);
    }
    setErrors(next);
    if (!check.success) {
      setResult({ ok: false, text: 'Some settings need a change: see the fields marked below.' });
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
            aria-invalid={!!errors['st-name']}
            aria-describedby={errors['st-name'] ? 'st-name-error' : undefined}
            required
            value={form.name}
            onInput={(e) => set({ name: e.currentTarget.value })}
          />
          {errors['st-name'] && (
            <p class="field-error" id="st-name-error">
              {errors['st-name']}
            </p>
          )}
          <label for="st-origins">Allowed origins, one a line (empty: any, for development)</label>
          <textarea
            id="st-origins"
            aria-invalid={!!errors['st-origins']}
            aria-describedby={errors['st-origins'] ? 'st-origins-error' : undefined}
            value={origins}
            placeholder="https://shop.example.com"
            onInput={(e) => setOrigins(e.currentTarget.value)}
          />
          {errors['st-origins'] && (
            <p class="field-error" id="st-origins-error">
              {errors['st-origins']}
            </p>
          )}
          <div class="check-field">
            <label for="st-signed">Require signed identity</label>
            <input
              id="st-signed"
              aria-invalid={!!errors['st-signed']}
              aria-describedby={errors['st-signed'] ? 'st-signed-error' : undefined}
              type="checkbox"
              checked={form.requireSignedIdentity}
              onChange={(e) => set({ requireSignedIdentity: e.currentTarget.checked })}
            />
          </div>
          {errors['st-signed'] && (
            <p class="field-error" id="st-signed-error">
              {errors['st-signed']}
            </p>
          )}
        </div>
        <fieldset>
          <legend>Contact policy</legend>
          <div class="form-grid">
            <label for="st-recontact">Days between surveys to one customer</label>
            <input
              id="st-recontact"
              aria-invalid={!!errors['st-recontact']}
              aria-describedby={errors['st-recontact'] ? 'st-recontact-error' : undefined}
              type="number"
              min={0}
              max={365}
              value={form.contactPolicy.recontactDays}
              onInput={(e) => set({ contactPolicy: { ...form.contactPolicy, recontactDays: num(e) } })}
            />
            {errors['st-recontact'] && (
              <p class="field-error" id="st-recontact-error">
                {errors['st-recontact']}
              </p>
            )}
            <label for="st-month">Surveys a month at most (0: no cap)</label>
            <input
              id="st-month"
              aria-invalid={!!errors['st-month']}
              aria-describedby={errors['st-month'] ? 'st-month-error' : undefined}
              type="number"
              min={0}
              max={100}
              value={form.contactPolicy.maxPerMonth}
              onInput={(e) => set({ contactPolicy: { ...form.contactPolicy, maxPerMonth: num(e) } })}
            />
            {errors['st-month'] && (
              <p class="field-error" id="st-month-error">
                {errors['st-month']}
              </p>
            )}
          </div>
        </fieldset>
        <fieldset>
          <legend>Open a follow-up when</legend>
          <div class="form-grid">
            <label for="st-nps">NPS is at most</label>
            <input
              id="st-nps"
              aria-invalid={!!errors['st-nps']}
              aria-describedby={errors['st-nps'] ? 'st-nps-error' : undefined}
              type="number"
              min={-1}
              max={10}
              value={form.followUpRule.npsMax}
              onInput={(e) => set({ followUpRule: { ...form.followUpRule, npsMax: num(e) } })}
            />
            {errors['st-nps'] && (
              <p class="field-error" id="st-nps-error">
                {errors['st-nps']}
              </p>
            )}
            <label for="st-csat">CSAT is at most</label>
            <input
              id="st-csat"
              aria-invalid={!!errors['st-csat']}
              aria-describedby={errors['st-csat'] ? 'st-csat-error' : undefined}
              type="number"
              min={0}
              max={5}
              value={form.followUpRule.csatMax}
              onInput={(e) => set({ followUpRule: { ...form.followUpRule, csatMax: num(e) } })}
            />
            {errors['st-csat'] && (
              <p class="field-error" id="st-csat-error">
                {errors['st-csat']}
              </p>
            )}
            <label for="st-ces">CES is at most (1 very difficult … 7 very easy; 0 never)</label>
            <input
              id="st-ces"
              aria-invalid={!!errors['st-ces']}
              aria-describedby={errors['st-ces'] ? 'st-ces-error' : undefined}
              type="number"
              min={0}
              max={7}
              value={form.followUpRule.cesMax}
              onInput={(e) => set({ followUpRule: { ...form.followUpRule, cesMax: num(e) } })}
            />
            {errors['st-ces'] && (
              <p class="field-error" id="st-ces-error">
                {errors['st-ces']}
              </p>
            )}
          </div>
        </fieldset>
        <fieldset>
          <legend>Look of the survey</legend>
          <div class="form-grid">
            <label for="st-color">Brand colour</label>
            <input
              id="st-color"
              aria-invalid={!!errors['st-color']}
              aria-describedby={errors['st-color'] ? 'st-color-error' : undefined}
              type="color"
              value={form.theme.brandColor}
              onInput={(e) => set({ theme: { ...form.theme, brandColor: e.currentTarget.value } })}
            />
            {errors['st-color'] && (
              <p class="field-error" id="st-color-error">
                {errors['st-color']}
              </p>
            )}
            <label for="st-pos">Corner</label>
            <select
              id="st-pos"
              aria-invalid={!!errors['st-pos']}
              aria-describedby={errors['st-pos'] ? 'st-pos-error' : undefined}
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
            {errors['st-pos'] && (
              <p class="field-error" id="st-pos-error">
                {errors['st-pos']}
              </p>
            )}
            <label for="st-mode">Colours</label>
            <select
              id="st-mode"
              aria-invalid={!!errors['st-mode']}
              aria-describedby={errors['st-mode'] ? 'st-mode-error' : undefined}
              value={form.theme.mode}
              onChange={(e) =>
                set({ theme: { ...form.theme, mode: e.currentTarget.value as Form['theme']['mode'] } })
              }
            >
              <option value="auto">follow the visitor's setting</option>
              <option value="light">light</option>
              <option value="dark">dark</option>
            </select>
            {errors['st-mode'] && (
              <p class="field-error" id="st-mode-error">
                {errors['st-mode']}
              </p>
            )}
          </div>
        </fieldset>
        <fieldset>
          <legend>Reports</legend>
          <div class="form-grid">
            <label for="st-min-sample">Fewest answers for a score to be trusted</label>
            <input
              id="st-min-sample"
              aria-invalid={!!errors['st-min-sample']}
              aria-describedby={errors['st-min-sample'] ? 'st-min-sample-error' : undefined}
              type="number"
              min={1}
              max={10000}
              value={form.minSample}
              onInput={(e) => set({ minSample: num(e) })}
            />
            {errors['st-min-sample'] && (
              <p class="field-error" id="st-min-sample-error">
                {errors['st-min-sample']}
              </p>
            )}
          </div>
        </fieldset>
        <fieldset>
          <legend>Customer lifetime value</legend>
          <div class="form-grid">
            <label for="st-margin">Gross margin (%)</label>
            <input
              id="st-margin"
              aria-invalid={!!errors['st-margin']}
              aria-describedby={errors['st-margin'] ? 'st-margin-error' : undefined}
              type="number"
              min={0}
              max={100}
              value={Math.round(form.valueSettings.margin * 100)}
              onInput={(e) => set({ valueSettings: { ...form.valueSettings, margin: num(e) / 100 } })}
            />
            {errors['st-margin'] && (
              <p class="field-error" id="st-margin-error">
                {errors['st-margin']}
              </p>
            )}
            <label for="st-discount">Yearly discount rate (%)</label>
            <input
              id="st-discount"
              aria-invalid={!!errors['st-discount']}
              aria-describedby={errors['st-discount'] ? 'st-discount-error' : undefined}
              type="number"
              min={0}
              max={100}
              value={Math.round(form.valueSettings.annualDiscountRate * 100)}
              onInput={(e) =>
                set({ valueSettings: { ...form.valueSettings, annualDiscountRate: num(e) / 100 } })
              }
            />
            {errors['st-discount'] && (
              <p class="field-error" id="st-discount-error">
                {errors['st-discount']}
              </p>
            )}
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
