export * from './freshdesk.js';
export * from './generic.js';
export * from './hubspot.js';
export * from './intercom.js';
export * from './salesforce.js';
export { AGENT, type Customer, type Fixture, PAINT_MS, SUPPORT_EMAIL } from './shell.js';
export * from './zendesk.js';
