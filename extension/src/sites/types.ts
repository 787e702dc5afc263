import type { CustomerKey } from '../protocol.js';

/** A customer named on the page, and the element the badge goes beside. */
export type Found = { key: CustomerKey; anchor: Element };

/** What an adapter may use: the page, and GETs of the help desk's own JSON API with the agent's session. */
export type PageContext = {
  doc: Document;
  url: URL;
  /** A same-origin GET (the agent's cookies go with it); undefined when it fails or is not JSON. */
  getJson: (path: string) => Promise<unknown>;
  /** Whether an address is the agent's or the company's: an adapter picking one record skips those. */
  excludes: (email: string) => boolean;
};

/** The page as a caller gives it; the exclusions are worked out from it. */
export type PageInput = Omit<PageContext, 'excludes'>;

/**
 * How one help desk names its customers: data (its hosts, where customers appear, the selectors
 * evidence shows) plus a small function that reads them. Separate from the overlay, which only
 * gets `Found`s. Every adapter returns only the record in front of the agent: mounted but hidden
 * tabs and records find nothing.
 */
export interface SiteAdapter {
  id: string;
  name: string;
  /** Match patterns of its pages: asked for as optional host permissions, and where the script runs. */
  matches: string[];
  /** The vendor's own mail domains (its support addresses are never a customer). */
  vendorDomains: string[];
  /** Whether a page of those hosts is one this adapter reads. */
  handles: (url: URL) => boolean;
  /** Finds the customers on the page (a ticket's requester, a contact, every row of a list). */
  find: (ctx: PageContext) => Promise<Found[]>;
  /** The signed-in agent's own addresses, from the app's API or chrome. */
  agentEmails?: (ctx: PageContext) => Promise<string[]>;
}
