import type { Site, Webhook } from '@moments/shared';
import { WebhookCreateSchema } from '@moments/shared';
import { useState } from 'preact/hooks';
import { api, describeError } from '../../api.js';
import { ScrollBox } from '../../components/scroll-box.js';
import { STACK, StackHead } from '../../components/stack-table.js';
import { Empty, Loaded } from '../../components/states.js';
import { fmtDateTime } from '../../format.js';
import { useLoad } from '../../state.js';

const EVENTS = [
  ['response.created', 'a response arrives'],
  ['response.updated', 'a partial response gains answers'],
  ['followup.opened', 'a follow-up opens'],
  ['followup.resolved', 'a follow-up is resolved'],
  ['digest.weekly', 'the weekly digest (Mondays)'],
] as const;

/** Every attempt to deliver to one webhook: status, attempts, the receiver's answer, the next retry. */
function Deliveries({ hook }: { hook: Webhook }) {
  const load = useLoad(() => api.listDeliveries(hook.id), [hook.id]);
  return (
    <Loaded load={load}>
      {({ deliveries }) =>
        deliveries.length ? (
          <ScrollBox label={`Deliveries to ${hook.url}`}>
            <table class="table stack" {...STACK.table}>
              <caption>Deliveries, newest first</caption>
              <StackHead columns={['Event', 'Status', 'Attempts', 'Last answer', 'Next try']} />
              <tbody {...STACK.rowgroup}>
                {deliveries.map((d) => (
                  <tr {...STACK.row} key={d.id}>
                    <td {...STACK.cell} data-label="Event">
                      {d.event} <span class="muted small">{fmtDateTime(d.createdAt)}</span>
                    </td>
                    <td {...STACK.cell} data-label="Status">
                      <span
                        class={`pill ${d.status === 'delivered' ? 'positive' : d.status === 'failed' ? 'negative' : 'watch'}`}
                      >
                        {d.status}
                      </span>
                    </td>
                    <td {...STACK.cell} data-label="Attempts">
                      {d.attempts}
                    </td>
                    <td {...STACK.cell} data-label="Last answer">
                      {d.lastStatus ? `HTTP ${d.lastStatus}` : (d.lastError ?? '–')}
                    </td>
                    <td {...STACK.cell} data-label="Next try">
                      {d.nextAttemptAt ? fmtDateTime(d.nextAttemptAt) : '–'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollBox>
        ) : (
          <p class="muted small">Nothing sent yet.</p>
        )
      }
    </Loaded>
  );
}

/** Webhooks: add one (URL, events, secret, Slack format), remove one, read its delivery log. */
export function Webhooks({ site }: { site: Site }) {
  const hooks = useLoad(() => api.listWebhooks(site.id), [site.id]);
  const [url, setUrl] = useState('');
  const [secret, setSecret] = useState('');
  const [events, setEvents] = useState<string[]>(['followup.opened']);
  const [slack, setSlack] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string>();
  async function add(e: Event) {
    e.preventDefault();
    const check = WebhookCreateSchema.safeParse({ url, secret, events, format: slack ? 'slack' : 'json' });
    if (!check.success) {
      const byField: Record<string, string> = {};
      for (const i of check.error.issues)
        byField[String(i.path[0])] ??= PLAIN[String(i.path[0])] ?? i.message;
      setErrors(byField);
      return;
    }
    try {
      await api.createWebhook(site.id, check.data);
      setErrors({});
      setUrl('');
      setSecret('');
      setMessage('Webhook added.');
      hooks.reload();
    } catch (err) {
      setErrors({ url: describeError(err) });
    }
  }
  return (
    <div class="card">
      <h2>Webhooks</h2>
      <Loaded load={hooks}>
        {({ webhooks }) =>
          webhooks.length ? (
            <ul class="plain">
              {webhooks.map((h) => (
                <li key={h.id}>
                  <strong>{h.url}</strong>{' '}
                  <span class="muted small">
                    {h.events.join(', ')} · {h.format}
                  </span>{' '}
                  <button
                    type="button"
                    class="danger"
                    onClick={() =>
                      api.deleteWebhook(h.id).then(hooks.reload, (err) => setMessage(describeError(err)))
                    }
                  >
                    Remove
                  </button>
                  <details>
                    <summary>Delivery log</summary>
                    <Deliveries hook={h} />
                  </details>
                </li>
              ))}
            </ul>
          ) : (
            <Empty>No webhook yet.</Empty>
          )
        }
      </Loaded>
      <form class="form-grid" onSubmit={add} noValidate>
        <label for="wh-url">URL</label>
        <div>
          <input
            id="wh-url"
            type="url"
            value={url}
            aria-invalid={errors.url ? 'true' : undefined}
            aria-describedby={errors.url ? 'wh-url-error' : undefined}
            onInput={(e) => setUrl(e.currentTarget.value)}
            placeholder="https://hooks.example.com/moments"
          />
          {errors.url && (
            <p id="wh-url-error" class="error-text small">
              {errors.url}
            </p>
          )}
        </div>
        <label for="wh-secret">Signing secret</label>
        <div>
          <input
            id="wh-secret"
            value={secret}
            required
            minLength={16}
            aria-invalid={errors.secret ? 'true' : undefined}
            aria-describedby={errors.secret ? 'wh-secret-error wh-secret-hint' : 'wh-secret-hint'}
            onInput={(e) => setSecret(e.currentTarget.value)}
          />
          <p id="wh-secret-hint" class="muted small">
            Required, 16 characters or more: each delivery is signed with it (X-Moments-Signature).
          </p>
          {errors.secret && (
            <p id="wh-secret-error" class="error-text small">
              {errors.secret}
            </p>
          )}
        </div>
        <span>Events</span>
        <fieldset class="checks">
          <legend class="sr-only">Events</legend>
          {EVENTS.map(([ev, label]) => (
            <label key={ev}>
              <input
                type="checkbox"
                checked={events.includes(ev)}
                onChange={(e) =>
                  setEvents(e.currentTarget.checked ? [...events, ev] : events.filter((x) => x !== ev))
                }
              />{' '}
              {label}
            </label>
          ))}
          {errors.events && <p class="error-text small">{errors.events}</p>}
        </fieldset>
        <span>Format</span>
        <label>
          <input type="checkbox" checked={slack} onChange={(e) => setSlack(e.currentTarget.checked)} /> Slack
          message (<code>{'{"text": …}'}</code>)
        </label>
        <div />
        <div class="actions">
          <button type="submit">Add webhook</button>
          {message && <span role="status">{message}</span>}
        </div>
      </form>
    </div>
  );
}

/** The schema's messages as a person reads them. */
const PLAIN: Record<string, string> = {
  url: 'Give the full address it should call, starting with https://.',
  secret: 'Use a secret of at least 16 characters: the receiver checks each call with it.',
  events: 'Pick at least one event.',
};
