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

/** A stored response as the admin export (NDJSON) gives it. */
export type ExportedResponse = {
  id: string;
  surveyId: string;
  answers: { questionId: string; value: unknown }[];
  complete?: boolean;
  context?: { url?: string };
};

/** Every response of a site, through the admin export. */
export async function exportResponses(serverUrl: string, siteId: string, adminToken: string) {
  const res = await fetch(`${serverUrl}/v1/sites/${siteId}/responses`, {
    headers: { authorization: `Bearer ${adminToken}` },
  });
  return (await res.text())
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as ExportedResponse);
}

/** Opens a page of the shop and waits until the widget's loader has replaced the stub. */
export async function openWithWidget(page: Page, url: string) {
  await page.goto(url);
  await page.waitForFunction(
    () => (window as unknown as { moments?: { loaded?: number } }).moments?.loaded === 1,
  );
}
