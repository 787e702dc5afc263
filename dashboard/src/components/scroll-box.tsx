import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';

/**
 * A wide table's own scrolling box, so the page never gets wider than a phone. While its table is
 * wider than it, it takes focus (a named region) so a keyboard can scroll it too; when the table
 * fits (a phone shows it stacked), it is no Tab stop: one that scrolls nothing only slows a keyboard.
 */
export function ScrollBox({ label, children }: { label: string; children: ComponentChildren }) {
  const box = useRef<HTMLElement>(null);
  const [scrolls, setScrolls] = useState(true);
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const check = () => setScrolls(el.scrollWidth > el.clientWidth + 1);
    check();
    const ro = new ResizeObserver(check);
    ro.observe(el);
    for (const child of el.children) ro.observe(child);
    return () => ro.disconnect();
  }, []);
  // A scrolling region must be reachable by keyboard (WCAG 2.1.1).
  return (
    <section class="table-scroll" ref={box} tabIndex={scrolls ? 0 : undefined} aria-label={label}>
      {children}
    </section>
  );
}
