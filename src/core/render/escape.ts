/**
 * The escaping used by every renderer. Panel HTML passes each interpolated value through
 * `escapeHtml`; hover Markdown passes each through `escapeMarkdown`. Nothing is interpolated
 * raw, so content (or a crafted document word) can never become markup or a command link.
 */

import { isWebUrl, webHref } from '../../shared/urls';
import { stripInvisibles } from '../safeText';

export { isWebUrl, webHref };

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
  // Direction overrides and zero-width characters would reorder or hide the text around a value.
  return stripInvisibles(String(value)).replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]);
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
  return stripInvisibles(String(value))
    .replace(/[\r\n\u2028\u2029]+/g, ' ')
    .replace(/[\\`*_{}[\]()<>#+\-.!|~&$"':=]/g, '\\$&');
}

/**
 * Makes a URL safe inside a Markdown link destination: only addresses `checkWebUrl` accepts
 * pass, in their normalised form, and the characters that would end the destination early
 * are percent-encoded.
 *
 * @example
 *   markdownUrl('https://a.example/x (1)') // => 'https://a.example/x%20%281%29'
 *   markdownUrl('javascript:alert(1)')     // => undefined
 */
export function markdownUrl(url: string): string | undefined {
  const href = webHref(url);
  if (href === undefined) return undefined;
  return href.replace(/[\s()<>[\]\\`"']/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
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

/**
 * An external link for the panel, given a normalised `href` and its already-escaped content.
 * It has no `href` attribute on purpose: VS Code's webview host opens every clicked `href`
 * itself, before and regardless of the page's script, so a real `href` would open the page
 * with no confirmation and then again through the extension. The panel script turns a click or
 * Enter on `data-href` into the one validated `openExternal` message.
 *
 * @example
 *   externalLink('https://a.example/', 'A') // => '<a role="link" tabindex="0" data-external="true" data-href="https://a.example/" title="https://a.example/">A</a>'
 */
export function externalLink(href: string, escapedContent: string): string {
  return `<a role="link" tabindex="0" data-external="true" data-href="${escapeHtml(href)}" title="${escapeHtml(href)}">${escapedContent}</a>`;
}
