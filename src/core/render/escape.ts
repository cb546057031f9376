/**
 * The escaping used by every renderer. Panel HTML passes each interpolated value through
 * `escapeHtml`; hover Markdown passes each through `escapeMarkdown`. Nothing is interpolated
 * raw, so content (or a crafted document word) can never become markup or a command link.
 */

import { isWebUrl } from '../../shared/urls';

export { isWebUrl };

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escapes text for HTML element content and for quoted attribute values alike.
 *
 * @example
 *   escapeHtml('<b title="x">') // => '&lt;b title=&quot;x&quot;&gt;'
 */
export function escapeHtml(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]);
}

/**
 * Escapes text so Markdown shows it literally: every ASCII punctuation character that Markdown
 * or VS Code's hover renderer gives meaning to (emphasis, links, code, HTML, `$(icon)`) is
 * backslash-escaped, and line breaks become spaces so a value cannot start a new block.
 *
 * @example
 *   escapeMarkdown('[x](command:y)') // => '\\[x\\]\\(command:y\\)'
 */
export function escapeMarkdown(value: string | number): string {
  return String(value)
    .replace(/[\r\n]+/g, ' ')
    .replace(/[\\`*_{}[\]()<>#+\-.!|~&$"':=]/g, '\\$&');
}

/**
 * Makes a URL safe inside a Markdown link destination: only http and https pass, and the
 * characters that would end the destination early are percent-encoded.
 *
 * @example
 *   markdownUrl('https://a.example/x (1)') // => 'https://a.example/x%20%281%29'
 *   markdownUrl('javascript:alert(1)')     // => undefined
 */
export function markdownUrl(url: string): string | undefined {
  if (!isWebUrl(url)) return undefined;
  return url.replace(/[\s()<>[\]\\`"']/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/**
 * A `command:` URI with JSON arguments, for trusted Markdown. The arguments are encoded as a
 * whole, so nothing in them can break out of the link destination.
 *
 * @example
 *   commandUri('ext.open', ['qme']) // => 'command:ext.open?%5B%22qme%22%5D'
 */
export function commandUri(command: string, args: unknown[]): string {
  // encodeURIComponent leaves ( ) ' ! * alone; a lone parenthesis would end a Markdown link early.
  const encoded = encodeURIComponent(JSON.stringify(args)).replace(/[()'!*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
  return `command:${command}?${encoded}`;
}
