import { CITATION_PATTERN } from '../text';
import { escapeHtml, externalLink, webHref } from './escape';

/** How the renderer resolves what section Markdown refers to. */
export interface MarkdownContext {
  /** The number and title of a cited source, or `undefined` for an unknown id. */
  citation(sourceId: string): { number: number; title: string } | undefined;
  /** Anchor ids for the `## ` headings, in order (the section's subsection ids). */
  headingIds?: readonly string[];
}

export interface RenderedMarkdown {
  html: string;
  /** Every external (http/https) link the HTML contains, for the panel's allow-list. */
  links: string[];
}

const BLOCK_START = /^(#{1,6}\s|\s*(?:[-*+]|\d{1,3}[.)])\s|>|```|~~~)/;

/**
 * Renders the small Markdown subset the article uses to safe HTML: paragraphs, `##`
 * headings (shifted so the entry title stays the only `h1`), emphasis, code, lists, block
 * quotes, fenced code, http(s) links and `[@source]` citations as numbered links to the
 * sources list. Everything else is text: raw HTML in the input is shown, never interpreted.
 *
 * @example
 *   renderMarkdown('Aid grew [@crs].', { citation: () => ({ number: 1, title: 'CRS' }) }).html
 *   // => '<p>Aid grew<sup>…[1]…</sup>.</p>'
 */
export function renderMarkdown(markdown: string, context: MarkdownContext): RenderedMarkdown {
  const links: string[] = [];
  const out: string[] = [];
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  let headingIndex = 0;
  const usedIds = new Set<string>();
  let i = 0;
  const inline = (text: string) => renderInline(text, context, links);

  while (i < lines.length) {
    const line = lines[i];
    if (line.trim() === '') {
      i++;
      continue;
    }
    const fence = /^(```|~~~)/.exec(line);
    if (fence) {
      const body: string[] = [];
      i++;
      while (i < lines.length && !lines[i].startsWith(fence[1])) body.push(lines[i++]);
      i++;
      out.push(`<pre><code>${escapeHtml(body.join('\n'))}</code></pre>`);
      continue;
    }
    const heading = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      // The panel's h1 is the entry title: '#' and '##' both become h2, deeper levels follow.
      const level = Math.min(6, Math.max(2, heading[1].length));
      const id = uniqueId(context.headingIds?.[headingIndex] ?? slug(heading[2]), usedIds);
      if (level === 2) headingIndex++;
      out.push(`<h${level} id="${escapeHtml(id)}">${inline(heading[2])}</h${level}>`);
      i++;
      continue;
    }
    if (/^>/.test(line)) {
      const body: string[] = [];
      while (i < lines.length && /^>/.test(lines[i])) body.push(lines[i++].replace(/^>\s?/, ''));
      out.push(`<blockquote>${renderMarkdown(body.join('\n'), { ...context, headingIds: [] }).html}</blockquote>`);
      continue;
    }
    const item = /^\s*([-*+]|\d{1,3}[.)])\s+(.*)$/.exec(line);
    if (item) {
      const ordered = /\d/.test(item[1]);
      const items: string[] = [];
      while (i < lines.length) {
        const next = /^\s*([-*+]|\d{1,3}[.)])\s+(.*)$/.exec(lines[i]);
        if (next && /\d/.test(next[1]) === ordered) {
          items.push(next[2]);
          i++;
        } else if (items.length > 0 && lines[i].trim() !== '' && /^\s+\S/.test(lines[i]) && !BLOCK_START.test(lines[i].trimStart())) {
          items[items.length - 1] += ` ${lines[i].trim()}`;
          i++;
        } else {
          break;
        }
      }
      const tag = ordered ? 'ol' : 'ul';
      out.push(`<${tag}>${items.map((text) => `<li>${inline(text)}</li>`).join('')}</${tag}>`);
      continue;
    }
    const paragraph: string[] = [];
    while (i < lines.length && lines[i].trim() !== '' && (paragraph.length === 0 || !BLOCK_START.test(lines[i]))) paragraph.push(lines[i++].trim());
    out.push(`<p>${inline(paragraph.join(' '))}</p>`);
  }
  return { html: out.join('\n'), links: [...new Set(links)] };
}

// One alternation, tried left to right at each position: code first so nothing inside it is parsed.
const INLINE_SOURCE = [
    /(`+)([\s\S]*?[^`])\1(?!`)/.source, // 1,2 code span
    CITATION_PATTERN.source, // 3,4 citation and its locator (eats the space before it, as typeset citations do)
    /\[([^\]]+)\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/.source, // 5,6 link
    /\*\*(?=\S)([\s\S]*?\S)\*\*(?!\*)/.source, // 7 strong (a closing run of three ends an inner emphasis first)
    /__(?=\S)([\s\S]*?\S)__(?!\w)/.source, // 8 strong
    /\*(?=[^\s*])([\s\S]*?[^\s*])\*/.source, // 9 emphasis
    /(?<![\w])_(?=[^\s_])([\s\S]*?[^\s_])_(?!\w)/.source, // 10 emphasis
    /\\([!-/:-@[-`{-~])/.source, // 11 backslash escape
].join('|');

function renderInline(text: string, context: MarkdownContext, links: string[]): string {
  let html = '';
  let last = 0;
  // A fresh regex per call: the renderer recurses into emphasis and links.
  const inline = new RegExp(INLINE_SOURCE, 'g');
  for (let match = inline.exec(text); match; match = inline.exec(text)) {
    html += escapeHtml(text.slice(last, match.index));
    last = match.index + match[0].length;
    const [, , code, citation, locator, linkText, linkUrl, strong1, strong2, em1, em2, escaped] = match;
    if (code !== undefined) {
      html += `<code>${escapeHtml(code.trim() === '' ? code : code.replace(/^ (.*) $/s, '$1'))}</code>`;
    } else if (citation !== undefined) {
      const cited = context.citation(citation);
      html += cited
        ? `<sup class="citation"><a href="#source-${cited.number}" data-anchor="source-${cited.number}" aria-label="Source ${cited.number}: ${escapeHtml(cited.title)}${locator ? `, ${escapeHtml(locator.trim())}` : ''}"${locator ? ` title="${escapeHtml(locator.trim())}"` : ''}>[${cited.number}]</a></sup>`
        : `<sup class="citation">[?]</sup>`;
    } else if (linkText !== undefined) {
      const inner = renderInline(linkText, context, links);
      const href = webHref(linkUrl);
      if (href) {
        links.push(href);
        html += externalLink(href, inner);
      } else {
        html += inner;
      }
    } else if (strong1 !== undefined || strong2 !== undefined) {
      html += `<strong>${renderInline(strong1 ?? strong2, context, links)}</strong>`;
    } else if (em1 !== undefined || em2 !== undefined) {
      html += `<em>${renderInline(em1 ?? em2, context, links)}</em>`;
    } else if (escaped !== undefined) {
      html += escapeHtml(escaped);
    }
  }
  return html + escapeHtml(text.slice(last));
}

/**
 * A heading's anchor id: lower-case words joined by hyphens.
 *
 * @example
 *   slug('Missile defense & Arrow') // => 'missile-defense-arrow'
 */
export function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '') || 'heading'
  );
}

function uniqueId(id: string, used: Set<string>): string {
  let candidate = id;
  for (let n = 2; used.has(candidate); n++) candidate = `${id}-${n}`;
  used.add(candidate);
  return candidate;
}
