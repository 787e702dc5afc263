import type { ComponentChildren } from 'preact';

/**
 * A wide table's own scrolling box, so the page never gets wider than a phone. It takes focus
 * (a named region) so a keyboard can scroll it too.
 */
export function ScrollBox({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1)
    <section class="table-scroll" tabIndex={0} aria-label={label}>
      {children}
    </section>
  );
}
