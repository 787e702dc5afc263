/**
 * The parts every fixture help desk shares: the people, the host page's own script and hostile
 * CSS (which the overlay must leave alone), and the shape a fixture takes so that the same markup
 * and script run in a real browser (served over HTTPS on the app's host name) and in a unit
 * test's DOM (happy-dom: body set, then the script run).
 */
export type Customer = { id: string; email: string; name: string };

/** A fixture page: what the server sends, and the same parts for a DOM without a server. */
export type Fixture = {
  /** Path on the app's host, e.g. `/agent/tickets/2`. */
  path: string;
  html: string;
  head: string;
  body: string;
  /** Runs as the app's own code: builds shadow roots, paints late, navigates without a reload. */
  script: string;
  /** The help desk's same-origin JSON API, path (with query) → body. */
  api: Record<string, unknown>;
};

/** The signed-in agent of every fixture app, and the company's support address. */
export const AGENT = { name: 'Sam Agent', email: 'sam.agent@acme-corp.example' };
export const SUPPORT_EMAIL = 'support@acme-corp.example';

/** Host page furniture: its own script (a click counter) and hostile CSS aimed at everything. */
const HOST_HEAD = `<style>
    body { font: 14px/1.4 Georgia, serif; margin: 0; }
    #layout-probe { width: 300px; padding: 10px; }
    button, span, div { letter-spacing: 0.5px; }
    * { color: #123456 !important; }
    button { display: none !important; }
    button.host-button { display: inline-block !important; }
  </style>`;
const HOST_BODY = `<div id="layout-probe">Host layout probe</div>
    <button type="button" class="host-button" id="host-counter">Clicked 0</button>`;
const HOST_SCRIPT = `
      var n = 0;
      document.getElementById('host-counter').addEventListener('click', function () {
        n++; this.textContent = 'Clicked ' + n;
      });
      window.hostErrors = [];
      window.addEventListener('error', function (e) { window.hostErrors.push(String(e.message)); });`;

/** Late paint: how long a fixture app shows its skeleton before the record (ms). */
export const PAINT_MS = 250;

export function fixture(o: {
  title: string;
  path: string;
  head?: string;
  body: string;
  script?: string;
  data?: unknown;
  api?: Record<string, unknown>;
}): Fixture {
  const head = `${HOST_HEAD}${o.head ?? ''}`;
  const body = `${HOST_BODY}\n${o.body}`;
  // Data goes in as JSON the script reads (`DATA`), never spliced into code.
  const script = `var DATA = ${JSON.stringify(o.data ?? {}).replace(/</g, '\\u003c')}; var PAINT_MS = ${PAINT_MS};\n${HOST_SCRIPT}\n${o.script ?? ''}`;
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${o.title}</title>${head}</head>
<body>${body}
<script>${script}</script>
</body></html>`;
  return { path: o.path, html, head, body, script, api: o.api ?? {} };
}

/** Escapes text for the fixtures' markup (names are data, not markup). */
export const esc = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
