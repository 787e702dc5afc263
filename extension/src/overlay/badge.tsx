import { answeredAny, riskLabel } from '@moments/shared';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { getState, subscribe } from '../content/store.js';
import { Panel } from './panel.js';
import { getHeadline } from './score.js';

/** The badge beside a customer, and its panel: opened by click or Enter, closed by Escape or ×. */
export function Badge({
  storeKey,
  label,
  refresh,
}: {
  storeKey: string;
  label: string;
  refresh: () => void;
}) {
  const [state, setState] = useState(() => getState(storeKey));
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  useEffect(() => {
    setState(getState(storeKey));
    return subscribe(storeKey, () => setState(getState(storeKey)));
  }, [storeKey]);
  useLayoutEffect(() => {
    // Fixed under the badge, kept on screen: the host page's overflow cannot clip it.
    if (!open || !panel.current || !button.current) return;
    const r = button.current.getBoundingClientRect();
    const p = panel.current;
    p.style.maxHeight = '';
    const [w, h] = [p.offsetWidth, p.offsetHeight];
    const clampX = (x: number) => Math.max(8, Math.min(x, innerWidth - w - 8));
    const clampY = (y: number) => Math.max(8, Math.min(y, innerHeight - h - 8));
    let left: number;
    let top: number;
    if (r.bottom + 6 + h <= innerHeight) [left, top] = [clampX(r.left), r.bottom + 6];
    else if (r.top - 6 - h >= 0) [left, top] = [clampX(r.left), r.top - 6 - h];
    // Too tall for either side: beside the badge, so it never covers it.
    else if (r.right + 8 + w <= innerWidth) [left, top] = [r.right + 8, clampY(r.top - h / 2)];
    else {
      // No room beside it either (a phone): on the side with more room, only as tall as that
      // room (it scrolls inside), so the badge and the customer's name stay in sight.
      const below = innerHeight - r.bottom - 6 - 8;
      const above = r.top - 6 - 8;
      if (Math.max(below, above) >= 160) {
        p.style.maxHeight = `${Math.max(below, above)}px`;
        [left, top] = below >= above ? [clampX(r.left), r.bottom + 6] : [clampX(r.left), 8];
      } else [left, top] = [clampX(r.left - 8 - w), clampY(r.top - h / 2)];
    }
    p.style.left = `${left}px`;
    p.style.top = `${top}px`;
  }, [open, state]);
  // Focus goes to the panel when it opens, never when a live update redraws it: the agent may be
  // typing in it or in the help desk.
  useLayoutEffect(() => {
    if (open) panel.current?.focus();
  }, [open]);
  // Registered as the panel appears (a layout effect: no moment where a click outside is missed).
  useLayoutEffect(() => {
    if (!open) return;
    // One panel at a time, closed by a click outside it or Escape anywhere on the page. Our badge
    // sits in a closed shadow root: from the page, a click inside it shows as one on its host.
    const host = (button.current?.getRootNode() as ShadowRoot | undefined)?.host;
    const onDown = (e: PointerEvent) => {
      if (!host || !e.composedPath().includes(host)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    document.addEventListener('pointerdown', onDown, true);
    document.addEventListener('keydown', onKey, true);
    return () => {
      document.removeEventListener('pointerdown', onDown, true);
      document.removeEventListener('keydown', onKey, true);
    };
  }, [open]);

  const { result } = state;
  let text = '…';
  let tone = 'none';
  let extra = '';
  if (result?.ok) {
    const h = getHeadline(result.lookup);
    text = h.label;
    tone = h.tone;
    // The risk in the dashboard's words; none said for one who never answered (the band says so).
    const { risk, latest } = result.lookup;
    const said = answeredAny(latest) || risk.reasons.includes('churned');
    const words = said
      ? `, ${riskLabel(risk)
          .toLowerCase()
          .replace(/^watch$/, 'to watch')}`
      : '';
    extra = `${h.band}${h.note ? `, ${h.note}` : ''}${words}${result.stale ? ', not refreshed' : ''}`;
  } else if (result) {
    text =
      result.reason === 'unknown'
        ? 'unknown'
        : result.reason === 'unauthorized'
          ? 'token revoked'
          : result.reason === 'unreachable'
            ? 'offline'
            : result.reason === 'throttled'
              ? 'locked out'
              : 'not set up';
    // Unknown is no failure: a customer with no answers yet reads grey, not red.
    tone = result.reason === 'unknown' ? 'none' : 'error';
    extra = result.message;
  }
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  return (
    <>
      <button
        ref={button}
        type="button"
        class={`badge ${tone}${result?.ok && result.stale ? ' stale' : ''}${tone === 'error' ? ' error' : ''}`}
        aria-expanded={open}
        aria-label={`Moments, ${label}: ${text}${extra ? `, ${extra}` : ''}`}
        data-score={text}
        onClick={() => setOpen(!open)}
      >
        <span class="dot" aria-hidden="true" />
        {text}
      </button>
      {open && result && (
        <div
          ref={panel}
          class="panel"
          role="dialog"
          aria-label={`Moments: ${label}`}
          tabIndex={-1}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation();
              close();
            }
          }}
        >
          <button type="button" class="close" aria-label="Close" onClick={close}>
            ×
          </button>
          <Panel result={result} onChanged={refresh} />
        </div>
      )}
    </>
  );
}
