import { describe, expect, it } from 'vitest';
import { watchPage } from './page-watch.js';

const tick = (ms = 40) => new Promise((r) => setTimeout(r, ms));

describe('watchPage', () => {
  it('sees changes inside open shadow roots, attribute flips that hide a record, and URL changes', async () => {
    document.body.innerHTML = '<x-record></x-record><div id="pane"></div>';
    const inner = document.querySelector('x-record')!.attachShadow({ mode: 'open' });
    inner.innerHTML = '<x-field></x-field>';
    const deeper = inner.querySelector('x-field')!.attachShadow({ mode: 'open' });
    let calls = 0;
    const stop = watchPage(document, () => calls++, 10);
    deeper.innerHTML = '<span>late paint</span>';
    await tick();
    expect(calls).toBe(1);
    document.getElementById('pane')!.setAttribute('data-is-active', 'false');
    await tick();
    expect(calls).toBe(2);
    // Our own badge being added is not a change of the page.
    document.body.append(document.createElement('moments-badge'));
    await tick();
    expect(calls).toBe(2);
    history.pushState({}, '', '/agent/tickets/9');
    await tick(300);
    expect(calls).toBe(3);
    stop();
  });
});
