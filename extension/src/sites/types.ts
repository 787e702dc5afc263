import type { CustomerKey } from '../protocol.js';

/** A customer named on the page, and the element the badge goes beside. */
export type Found = { key: CustomerKey; anchor: Element };

/**
 * How one CRM names its customers: data (the hosts it lives on, where customers appear) plus a
 * small function that reads them. Separate from the overlay, which only gets `Found`s.
 */
export interface SiteAdapter {
  id: string;
  name: string;
  /** Match patterns of its pages: asked for as optional host permissions, and where the script runs. */
  matches: string[];
  /** Whether a page of those hosts is one this adapter reads. */
  handles: (url: URL) => boolean;
  /** Finds the customers on the page (a ticket's requester, a contact, every row of a list). */
  find: (doc: Document, url: URL) => Found[];
}
