/**
 * Content text on its way to places that give characters meaning of their own: VS Code's
 * notifications (which turn `[label](command:…)` into a link that runs a command), its labels
 * (which turn `$(name)` into an icon), a writer's Markdown draft (where `<img onerror>` waits for
 * a publishing pipeline with HTML on), and any line of text a direction control can reverse.
 * Each destination has one function here, so there is one place to read and to test.
 */

/**
 * Characters that change how neighbouring text is ordered or that take no space: bidi
 * embeddings, overrides, isolates and marks; zero-width spaces and joiners; the BOM.
 */
const INVISIBLE = /[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/gu;
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/gu;

/** How long a content value may be inside a notification: enough to recognise, too short to hide a payload. */
export const NOTICE_VALUE_MAX = 80;
/** Notifications are one short message; longer detail belongs in the output channel. */
export const NOTICE_MAX = 400;

/**
 * Removes the characters that reorder or hide text (U+202E and friends, zero-width spaces).
 *
 * @example
 *   stripInvisibles('abc\u202Efed') // => 'abcfed'
 */
export function stripInvisibles(text: string): string {
  return text.replace(INVISIBLE, '');
}

/**
 * Makes any value one visible line: controls and line breaks become spaces, reordering and
 * zero-width characters go, runs of space collapse, and the result is cut to `maxLength`
 * (with an ellipsis) without splitting a surrogate pair.
 *
 * @example
 *   plainLine('Iron\nDome\u202E', 80) // => 'Iron Dome'
 */
export function plainLine(value: unknown, maxLength = Infinity): string {
  // Only the head can survive the cut, so a pasted megabyte costs no more than a title.
  const raw = String(value);
  const head = Number.isFinite(maxLength) && raw.length > maxLength * 4 + 64 ? raw.slice(0, maxLength * 4 + 64) : raw;
  const text = stripInvisibles(head.replace(CONTROL, ' '))
    .replace(/\s+/gu, ' ')
    .trim();
  if (text.length <= maxLength) return text;
  let cut = Math.max(0, maxLength - 1);
  if (/[\ud800-\udbff]/.test(text.charAt(cut - 1))) cut--;
  return `${text.slice(0, cut).trimEnd()}…`;
}

/**
 * Escapes `$(name)` so VS Code's labels (quick pick, status bar) show it as text rather than an
 * icon; VS Code reads `\$(` as a literal `$(`.
 *
 * @example
 *   escapeIcons('Costs $(zap) rise') // => 'Costs \\$(zap) rise'
 */
export function escapeIcons(text: string): string {
  return text.replace(/\$\(/g, '\\$(');
}

/**
 * A content value (a title, an id, a query) ready for a label VS Code renders with icons:
 * one line, no reordering characters, icons escaped, length capped.
 *
 * @example
 *   uiLabel('$(alert) Iron Dome\u202E') // => '\\$(alert) Iron Dome'
 */
export function uiLabel(value: unknown, maxLength = 200): string {
  return escapeIcons(plainLine(value, maxLength));
}

/**
 * Neutralises a whole notification message. VS Code renders `[label](target)` in notification
 * text as a link and opens `command:` targets with commands allowed, so square brackets become
 * their full-width forms (no link can then be formed), icons are escaped, and the text is one
 * capped line. Every notification and view message of the extension passes through this.
 *
 * @example
 *   noticeText('Open “[x](command:y)”') // => 'Open “［x］(command:y)”'
 */
export function noticeText(message: unknown): string {
  return escapeIcons(plainLine(message, NOTICE_MAX).replace(/\[/g, '［').replace(/\]/g, '］'));
}

/**
 * A content value to quote inside a notification: one line, at most `NOTICE_VALUE_MAX`
 * characters. `noticeText` neutralises the message it ends up in.
 *
 * @example
 *   noticeValue('a'.repeat(500)).length // => 80
 */
export function noticeValue(value: unknown): string {
  return plainLine(value, NOTICE_VALUE_MAX);
}

/**
 * Content text made inert for a writer's Markdown draft: one line, no reordering characters,
 * and every character Markdown or HTML gives meaning to escaped, so no tag, entity, link,
 * image, emphasis, code span or table cell can come from it. `&` and `!` are escaped only where
 * they could start an entity or an image, so "R&D" stays readable.
 *
 * @example
 *   draftMarkdown('<img src=x onerror=alert(1)> *QME*') // => '\\<img src=x onerror=alert(1)\\> \\*QME\\*'
 */
export function draftMarkdown(value: unknown): string {
  return plainLine(value)
    .replace(/[\\`*_<>[\]|~]/g, '\\$&')
    .replace(/^#/, '\\#')
    .replace(/&(?=#?[0-9A-Za-z]+;)/g, '\\&')
    .replace(/!(?=\\\[)/g, '\\!');
}
