import { findBySelectors, findEmailsInText } from './find-emails.js';
import type { Found } from './types.js';

/**
 * Any other page the agent enabled: the selectors they set, or else every email shown in the
 * page's links and text, open shadow roots and same-origin frames included (one badge beside
 * each). The agent's and the company's addresses are dropped by the caller, as for every adapter.
 */
export function findGeneric(doc: Document, selectors: string[]): Found[] {
  return selectors.length ? findBySelectors(doc, selectors) : findEmailsInText(doc);
}
