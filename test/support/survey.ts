import type { Page } from 'playwright-core';

/** The survey's shadow root content, as the customer sees it (Playwright pierces open shadow roots). */
export const survey = (page: Page) => page.locator('moments-survey');

/** The element focused inside the survey's shadow root, described briefly. */
export function focusedInSurvey(page: Page) {
  return page.evaluate(() => {
    const host = document.querySelector('moments-survey');
    const el = host?.shadowRoot?.activeElement as HTMLElement | null | undefined;
    if (!el) return null;
    return {
      tag: el.tagName.toLowerCase(),
      role: el.getAttribute('role'),
      text: el.textContent?.trim(),
      checked: el.getAttribute('aria-checked'),
    };
  });
}

/** Presses Tab until focus is inside the survey (at most `max` presses). */
export async function tabIntoSurvey(page: Page, max = 20) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const f = await focusedInSurvey(page);
    if (f) return f;
  }
  throw new Error('Tab never reached the survey');
}

/** Polls until fn returns a truthy value. */
export async function waitFor<T>(
  fn: () => Promise<T | undefined>,
  what: string,
  timeout = 10_000,
): Promise<NonNullable<T>> {
  const until = Date.now() + timeout;
  for (;;) {
    const v = await fn();
    if (v) return v as NonNullable<T>;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
