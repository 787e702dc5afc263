/**
 * Text a customer wrote, made inert in a Slack message: Slack reads `<…>` as a control sequence
 * (`<!channel>`, `<https://x|label>`, `<@U123>`), and asks for exactly `&`, `<`, `>` to be escaped
 * as entities (https://api.slack.com/reference/surfaces/formatting#escaping).
 */
export function escapeSlackText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Text a customer wrote, made inert in Markdown that may be shown by Slack or rendered to HTML:
 * the Slack escapes (which also keep raw HTML out), and a backslash before the punctuation that
 * starts links, images, emphasis, code and headings.
 */
export function escapeMarkdownText(s: string): string {
  return escapeSlackText(s).replace(/[\\`*_[\]()#~|!]/g, '\\$&');
}
