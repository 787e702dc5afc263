import type { Trigger } from '@moments/shared';

/** When the survey shows: the tracked moment, a page view, a click, exit intent, scroll or time. */
export function TriggerEditor({ trigger, onChange }: { trigger: Trigger; onChange: (t: Trigger) => void }) {
  const defaults: Record<Trigger['type'], Trigger> = {
    event: { type: 'event' },
    pageview: { type: 'pageview', url: { match: 'contains', value: '/' } },
    click: { type: 'click', selector: 'button' },
    exit_intent: { type: 'exit_intent' },
    scroll: { type: 'scroll', percent: 50 },
    time_on_page: { type: 'time_on_page', seconds: 30 },
  };
  return (
    <>
      <label for="trigger">Show when</label>
      <span class="inline">
        <select
          id="trigger"
          value={trigger.type}
          onChange={(e) => onChange(defaults[e.currentTarget.value as Trigger['type']])}
        >
          <option value="event">the moment is tracked</option>
          <option value="pageview">a page is viewed</option>
          <option value="click">an element is clicked</option>
          <option value="exit_intent">the visitor is about to leave</option>
          <option value="scroll">the page is scrolled</option>
          <option value="time_on_page">time on page passes</option>
        </select>
        {trigger.type === 'pageview' && (
          <>
            <select
              aria-label="URL match"
              value={trigger.url.match}
              onChange={(e) =>
                onChange({ ...trigger, url: { ...trigger.url, match: e.currentTarget.value as 'exact' } })
              }
            >
              <option value="contains">URL contains</option>
              <option value="exact">URL is</option>
              <option value="regex">URL matches regex</option>
            </select>
            <input
              aria-label="URL"
              value={trigger.url.value}
              onInput={(e) => onChange({ ...trigger, url: { ...trigger.url, value: e.currentTarget.value } })}
            />
          </>
        )}
        {trigger.type === 'click' && (
          <input
            aria-label="CSS selector"
            value={trigger.selector}
            onInput={(e) => onChange({ ...trigger, selector: e.currentTarget.value })}
          />
        )}
        {trigger.type === 'scroll' && (
          <input
            aria-label="Percent scrolled"
            type="number"
            min={1}
            max={100}
            value={trigger.percent}
            onInput={(e) => onChange({ ...trigger, percent: Number(e.currentTarget.value) })}
          />
        )}
        {trigger.type === 'time_on_page' && (
          <input
            aria-label="Seconds on page"
            type="number"
            min={1}
            max={3600}
            value={trigger.seconds}
            onInput={(e) => onChange({ ...trigger, seconds: Number(e.currentTarget.value) })}
          />
        )}
      </span>
    </>
  );
}
