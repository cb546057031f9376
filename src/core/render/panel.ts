import type { Entry, Section, Source, Term, TimelineEvent } from '../model';
import { escapeHtml, externalLink, webHref } from './escape';
import { categoryLabel, entrySourceIds, formatDate, kindLabel } from './format';
import { renderMarkdown } from './markdown';
import type { EntryLookup } from './types';

/** Everything one panel page needs; the caller supplies the webview specifics. */
export interface PanelPage {
  entry: Entry;
  lookup: EntryLookup;
  /** `webview.cspSource`: the only origin styles, scripts and images may come from. */
  cspSource: string;
  /** Fresh per render, from `crypto.getRandomValues`. */
  nonce: string;
  /** `webview.asWebviewUri` of the panel script and style sheet. */
  scriptUri: string;
  styleUri: string;
  canGoBack: boolean;
  canGoForward: boolean;
  pinned: boolean;
  /** Handed to the panel script through a `data-` attribute; it keeps it as the webview state. */
  state: unknown;
  /** An element id to scroll to once shown (a subsection). */
  anchor?: string;
}

export interface RenderedPanel {
  html: string;
  /** The external links on the page: the only URLs the panel may ask the extension to open. */
  links: string[];
}

/**
 * The reference panel's HTML for one entry: a strict CSP (nothing but the webview's own
 * resources and one nonce-tagged script), semantic structure with a single `h1`, in-panel
 * links for related entries, numbered sources. Every interpolated value is escaped.
 *
 * @example
 *   const { html, links } = renderPanelHtml({ entry, lookup: reference, cspSource: webview.cspSource, nonce, scriptUri, styleUri,
 *     canGoBack: false, canGoForward: false, pinned: false, state: { entryId: entry.id } });
 */
export function renderPanelHtml(page: PanelPage): RenderedPanel {
  const { entry, lookup } = page;
  const sources = new SourceList(lookup);
  const links: string[] = [];
  let body: string;
  let kind: string;
  let subtitle = '';
  if (entry.kind === 'term') {
    kind = `${kindLabel(entry)} · ${categoryLabel(entry.category)}`;
    body = termBody(entry, lookup, sources);
  } else if (entry.kind === 'section') {
    kind = entry.heading && entry.heading !== entry.title ? `${kindLabel(entry)} ${entry.order} · ${entry.heading}` : `${kindLabel(entry)} ${entry.order}`;
    const rendered = sectionBody(entry, lookup, sources);
    body = rendered.html;
    links.push(...rendered.links);
  } else {
    kind = kindLabel(entry);
    subtitle = `<p class="date"><time datetime="${escapeHtml(entry.date)}">${escapeHtml(formatDate(entry.date))}</time></p>`;
    body = eventBody(entry, lookup, sources);
  }
  links.push(...sources.urls());
  body += sources.html();

  const title =
    entry.kind === 'term' && entry.abbreviation && !entry.title.includes(entry.abbreviation)
      ? `${escapeHtml(entry.title)} <span class="abbreviation">(${escapeHtml(entry.abbreviation)})</span>`
      : escapeHtml(entry.title);

  const html = document({
    page,
    title: entry.title,
    bodyAttributes: `data-state="${escapeHtml(JSON.stringify(page.state))}"${page.anchor ? ` data-anchor="${escapeHtml(page.anchor)}"` : ''}`,
    content: `<header class="entry-header">
${toolbar(page)}
<p class="kind">${escapeHtml(kind)}</p>
<h1 id="entry-title">${title}</h1>
${subtitle}
</header>
<main aria-labelledby="entry-title">
${body}
</main>`,
  });
  return { html, links: [...new Set(links)] };
}

/**
 * A page with a message instead of an entry (the index failed to load, the entry is gone),
 * under the same CSP as every other page.
 *
 * @example
 *   renderPanelNotice({ cspSource, styleUri, title: 'Reference unavailable', message: error.message })
 */
export function renderPanelNotice(notice: { cspSource: string; styleUri: string; title: string; message: string }): string {
  return document({
    page: { cspSource: notice.cspSource, styleUri: notice.styleUri },
    title: notice.title,
    bodyAttributes: '',
    content: `<main aria-labelledby="notice-title"><h1 id="notice-title">${escapeHtml(notice.title)}</h1><p>${escapeHtml(notice.message)}</p></main>`,
  });
}

function document(parts: {
  page: Pick<PanelPage, 'cspSource' | 'styleUri'> & Partial<Pick<PanelPage, 'nonce' | 'scriptUri'>>;
  title: string;
  bodyAttributes: string;
  content: string;
}): string {
  const { cspSource, styleUri, nonce, scriptUri } = parts.page;
  const scriptPolicy = nonce ? `'nonce-${nonce}'` : `'none'`;
  // `default-src` does not cover where a form may post or what a `<base>` may re-target: both are shut.
  const csp = `default-src 'none'; style-src ${cspSource}; script-src ${scriptPolicy}; img-src ${cspSource}; base-uri 'none'; form-action 'none'`;
  const script = nonce && scriptUri ? `\n<script nonce="${escapeHtml(nonce)}" src="${escapeHtml(scriptUri)}"></script>` : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeHtml(styleUri)}">
<title>${escapeHtml(parts.title)}</title>
</head>
<body${parts.bodyAttributes ? ` ${parts.bodyAttributes}` : ''}>
${parts.content}${script}
</body>
</html>`;
}

function toolbar(page: PanelPage): string {
  const button = (action: string, label: string, title: string, enabled: boolean, extra = '') =>
    `<button type="button" data-action="${action}" title="${escapeHtml(title)}"${enabled ? '' : ' disabled'}${extra}>${escapeHtml(label)}</button>`;
  // The writer's actions come first: they are what the panel is opened for while drafting.
  return `<nav class="toolbar" aria-label="Reference panel">
<span class="toolbar-group" role="group" aria-label="Draft">
${button('insertIntoDraft', 'Insert into Draft', 'Insert a Markdown link to this entry at the cursor in your draft', true)}
${button('cite', 'Cite', 'Insert a Pandoc citation [@source] of the primary source at the cursor in your draft', true)}
${button('copyMarkdownLink', 'Copy Link', 'Copy a Markdown link to this entry', true)}
</span>
<span class="toolbar-group" role="group" aria-label="Navigation">
${button('back', '← Back', 'Back (Alt+Left)', page.canGoBack)}
${button('forward', 'Forward →', 'Forward (Alt+Right)', page.canGoForward)}
${button('search', 'Search…', 'Search the reference', true)}
${button('pin', page.pinned ? 'Pinned' : 'Pin', page.pinned ? 'Unpin: let this panel follow links again' : 'Pin: keep this entry here and open further entries in a new panel', true, ` aria-pressed="${page.pinned}"`)}
</span>
</nav>`;
}

function termBody(term: Term, lookup: EntryLookup, sources: SourceList): string {
  // Numbered in reading order: the facts' citations run 1, 2, 3…; sources only the term lists follow.
  for (const fact of term.facts) for (const id of fact.sources) sources.number(id);
  for (const id of entrySourceIds(term)) sources.number(id);
  let html = `<p class="summary">${escapeHtml(term.summary)}</p>`;
  if (term.disambiguation && term.disambiguation.length > 0) {
    html += entryList('meanings-heading', `“${term.abbreviation ?? term.title}” may mean`, term.disambiguation, lookup);
  }
  if (term.facts.length > 0) {
    // A date on each fact only where facts of different dates sit together; else one line for all.
    const datePerFact = new Set(term.facts.map((fact) => fact.asOf ?? term.asOf ?? '')).size > 1;
    const facts = term.facts
      .map((fact, index) => {
        const date = fact.asOf ?? term.asOf;
        const asOf = datePerFact && date ? ` <span class="as-of">(as of ${escapeHtml(formatDate(date))})</span>` : '';
        const copy = `<button type="button" class="fact-action" data-action="copyFact" data-index="${index}" title="Copy this fact with its citation">Copy with citation</button>`;
        return `<li>${escapeHtml(fact.text)}${sources.citations(fact.sources)}${asOf} ${copy}</li>`;
      })
      .join('\n');
    html += `\n<section aria-labelledby="facts-heading"><h2 id="facts-heading">Key facts</h2>\n<ul class="facts">\n${facts}\n</ul>`;
    if (term.asOf && !datePerFact) html += `\n<p class="as-of">Facts as of ${escapeHtml(formatDate(term.asOf))}.</p>`;
    html += '\n</section>';
  }
  if (term.note) html += `\n<aside class="note" aria-label="Note on sources"><p><strong>Note:</strong> ${escapeHtml(term.note)}</p></aside>`;
  const aliases = term.aliases.filter((alias) => alias.toLowerCase() !== term.title.toLowerCase() && alias !== term.abbreviation);
  if (aliases.length > 0) {
    html += `\n<p class="aliases">Also written: ${aliases.map((alias) => `<span class="alias">${escapeHtml(alias)}</span>`).join(', ')}</p>`;
  }
  html += entryList('related-heading', 'Related terms', term.related, lookup);
  html += entryList('sections-heading', 'Discussed in', term.sections, lookup);
  return html;
}

function sectionBody(section: Section, lookup: EntryLookup, sources: SourceList): { html: string; links: string[] } {
  for (const id of section.sources) sources.number(id);
  const rendered = renderMarkdown(section.text, {
    citation: (id) => {
      const source = lookup.source(id);
      return source ? { number: sources.number(id), title: source.title } : undefined;
    },
    headingIds: section.subsections.map((subsection) => subsection.id),
  });
  let html = `<div class="article">\n${rendered.html}\n</div>`;
  html += entryList('terms-heading', 'Terms discussed', section.terms, lookup);
  return { html, links: rendered.links };
}

function eventBody(event: TimelineEvent, lookup: EntryLookup, sources: SourceList): string {
  for (const id of event.sources) sources.number(id);
  let html = `<p class="summary">${escapeHtml(event.text)}${sources.citations(event.sources)}</p>`;
  html += entryList('terms-heading', 'Terms', event.terms, lookup);
  return html;
}

function entryList(headingId: string, heading: string, ids: readonly string[], lookup: EntryLookup): string {
  const items = ids
    .map((id) => lookup.entry(id))
    .filter((entry) => entry !== undefined)
    .map((entry) => `<li>${entryLink(entry)}</li>`);
  if (items.length === 0) return '';
  return `\n<section aria-labelledby="${headingId}"><h2 id="${headingId}">${escapeHtml(heading)}</h2>\n<ul class="entry-links">\n${items.join('\n')}\n</ul></section>`;
}

function entryLink(entry: Entry): string {
  const detail = entry.kind === 'event' ? ` <span class="detail">${escapeHtml(formatDate(entry.date))}</span>` : '';
  return `<a href="#" data-entry="${escapeHtml(entry.id)}">${escapeHtml(entry.title)}</a>${detail}`;
}

/** Numbers sources in first-use order and renders the list the citations point at. */
class SourceList {
  private readonly order: string[] = [];

  constructor(private readonly lookup: EntryLookup) {}

  number(id: string): number {
    let index = this.order.indexOf(id);
    if (index < 0 && this.lookup.source(id)) index = this.order.push(id) - 1;
    return index + 1;
  }

  citations(ids: readonly string[]): string {
    return ids
      .map((id) => {
        const source = this.lookup.source(id);
        if (!source) return '';
        const n = this.number(id);
        return `<sup class="citation"><a href="#source-${n}" data-anchor="source-${n}" aria-label="Source ${n}: ${escapeHtml(source.title)}">[${n}]</a></sup>`;
      })
      .join('');
  }

  private sources(): Source[] {
    return this.order.map((id) => this.lookup.source(id)).filter((source) => source !== undefined);
  }

  urls(): string[] {
    return this.sources()
      .map((source) => webHref(source.url))
      .filter((href) => href !== undefined);
  }

  html(): string {
    const sources = this.sources();
    if (sources.length === 0) return '';
    const items = sources.map((source, index) => {
      const href = webHref(source.url);
      const title = href ? externalLink(href, escapeHtml(source.title)) : escapeHtml(source.title);
      const meta = [source.author, source.publisher, formatDate(source.date)].filter((part): part is string => Boolean(part)).map(escapeHtml).join(', ');
      const note = source.note ? ` <span class="source-note">${escapeHtml(source.note)}</span>` : '';
      return `<li id="source-${index + 1}" tabindex="-1">${title}. ${meta}.${note}</li>`;
    });
    return `\n<section aria-labelledby="sources-heading"><h2 id="sources-heading">Sources</h2>\n<ol class="sources">\n${items.join('\n')}\n</ol></section>`;
  }
}
