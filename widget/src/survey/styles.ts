import type { Theme } from '@moments/shared';

const DARK = '--bg:#1f2937;--fg:#f9fafb;--muted:#d1d5db;--line:#4b5563;--err:#fca5a5';
const LIGHT = '--bg:#fff;--fg:#111827;--muted:#4b5563;--line:#9ca3af;--err:#b91c1c';

/**
 * The survey's whole stylesheet, adopted by its shadow root (no inline <style>: strict CSP holds).
 * `:host` rules are !important so host-page CSS, even !important, cannot move or hide the survey.
 * The host is a block at the end of the page, as tall as the card plus air (`--room`, kept by
 * main.tsx, for a card at the bottom): the card is fixed in its corner, and the page scrolls past
 * it, so its last controls are never left under the card.
 * A scale is one row whatever its length: on a phone under 375 px the card's sides and the gaps
 * narrow so 0–10 still fits at 320 px with its 44 px tall buttons at least 24 px apart (WCAG 2.5.8).
 */
export function buildCss(theme: Theme): string {
  const scheme =
    theme.mode === 'dark'
      ? DARK
      : theme.mode === 'light'
        ? LIGHT
        : `${LIGHT}}@media(prefers-color-scheme:dark){:host{${DARK}}`;
  return `:host{all:initial!important;display:block!important;height:var(--room)!important;--brand:${theme.brandColor};${scheme}}.card{position:fixed;${theme.position.replace(/(\w+)-(\w+)/, '$1:16px;$2:16px')};z-index:2147483000;width:min(400px,calc(100vw - 32px));max-height:calc(100dvh - 32px - var(--kb,0px));overflow:auto;background:var(--bg);color:var(--fg);font:15px/1.4 system-ui,sans-serif;border:1px solid var(--line);border-radius:12px;box-shadow:0 8px 30px #0004;padding:16px;animation:in .2s ease-out}@keyframes in{from{opacity:0}}@media(prefers-reduced-motion:reduce){.card{animation:none}}*{box-sizing:border-box}h2{font-size:16px;margin:0 0 12px;margin-inline-end:32px;font-weight:600}button,textarea,input{font:inherit;color:inherit}button{cursor:pointer}:focus-visible{outline:3px solid var(--brand);outline-offset:2px}.x{position:absolute;top:8px;inset-inline-end:8px;width:44px;height:44px;border:0;background:none;font-size:22px;line-height:1;border-radius:8px}.scale{display:grid;grid-auto-flow:column;grid-auto-columns:1fr;gap:4px}.scale button{min-height:44px;min-width:0;padding:0;border:1px solid var(--line);border-radius:8px;background:none}@media(max-width:374px){.card{padding:12px 8px}.scale{gap:2px}}.scale button[aria-checked=true]{background:var(--brand);border-color:var(--brand);color:#fff}.ends{display:flex;justify-content:space-between;color:var(--muted);font-size:13px;margin-top:6px;gap:8px}.ends :last-child{text-align:end}.opt{display:flex;align-items:center;gap:10px;min-height:44px;padding:4px 0}.opt input{width:22px;height:22px;margin:0;accent-color:var(--brand)}textarea{width:100%;min-height:88px;padding:8px;border:1px solid var(--line);border-radius:8px;background:none;resize:vertical}.nav{display:flex;align-items:center;gap:8px;margin-top:14px}.nav .progress{margin-inline-start:auto;white-space:nowrap}.go{min-height:44px;padding:0 18px;border:0;border-radius:8px;background:var(--brand);color:#fff;font-weight:600}.back{order:-1;min-height:44px;padding:0 10px;border:0;background:none;color:var(--muted);text-decoration:underline}.progress{color:var(--muted);font-size:13px}.err{color:var(--err);font-size:13px;margin:8px 0 0}.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}fieldset{border:0;margin:0;padding:0}`;
}
