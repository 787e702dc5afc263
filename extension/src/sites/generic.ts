import { findBySelectors, findEmailsInText } from './find-emails.js';
import type { Found } from './types.js';

/**
 * Any other page the agent enabled: the selectors they set, or else every email in the page's
 * links and text (one badge beside each).
 */
export function findGeneric(doc: Document, selectors: string[]): Found[] {
  return selectors.length ? findBySelectors(doc, selectors) : findEmailsInText(doc);
}
