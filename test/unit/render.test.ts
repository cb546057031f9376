import { strict as assert } from 'assert';
import { readFileSync } from 'fs';
import { join } from 'path';
import type { Entry, Section, Source, Term, TimelineEvent } from '../../src/core/model';
import { loadReference } from '../../src/core/reference';
import { commandUri, escapeHtml, escapeMarkdown, markdownUrl } from '../../src/core/render/escape';
import { draftText, expansionFor, formatDate, markdownLink, startsSentence } from '../../src/core/render/format';
import { renderHoverCard } from '../../src/core/render/hover';
import { renderMarkdown, slug } from '../../src/core/render/markdown';
import { renderPanelHtml, renderPanelNotice } from '../../src/core/render/panel';
import type { EntryLookup } from '../../src/core/render/types';

const reference = loadReference(readFileSync(join(__dirname, '..', '..', 'dist', 'reference-index.json'), 'utf8'));

// Hostile content: every field tries to become markup, a script or a command link.
const EVIL = `<img src=x onerror=alert(1)> "quoted" 'single' [x](command:workbench.action.terminal.new) $(zap) **bold** \`code\``;
const evilSource: Source = { id: 'evil-source', title: EVIL, publisher: EVIL, date: '2020', url: 'javascript:alert(1)', type: 'press', note: EVIL };
const goodSource: Source = { id: 'good-source', title: 'A (report)', publisher: 'CRS', date: '2023-03-01', url: 'https://example.org/a(1)', type: 'crs-report' };
const evilTerm: Term = {
  id: 'evil',
  kind: 'term',
  title: EVIL,
  shortTitle: 'Evil',
  abbreviation: '<b>EV</b>',
  aliases: ['EVIL', 'evil thing'],
  category: 'concepts-and-doctrine',
  summary: EVIL,
  facts: [
    { text: EVIL, sources: ['evil-source'] },
    { text: 'Second fact.', sources: ['good-source'] },
    { text: 'Third fact.', sources: [] },
    { text: 'Fourth fact, never on the card.', sources: [] },
  ],
  sources: ['good-source'],
  related: ['other'],
  sections: ['evil-section'],
  note: EVIL,
};
const otherTerm: Term = { ...evilTerm, id: 'other', title: 'Other "term"', abbreviation: undefined, related: [], facts: [], sources: [], note: undefined };
const evilSection: Section = {
  id: 'evil-section',
  kind: 'section',
  title: 'Section <script>',
  heading: 'Section <script>',
  order: 1,
  text: `Intro with a claim [@good-source] and <script>alert(1)</script>.\n\n## First part\n\n- item *one*\n- item **two** [@evil-source]\n\n[bad](javascript:alert(1)) and [good](https://example.org/page).`,
  subsections: [{ id: 'first-part', title: 'First part' }],
  terms: ['evil'],
  sources: ['good-source', 'evil-source'],
};
const evilEvent: TimelineEvent = { id: 'evil-event', kind: 'event', date: '2016-09-14', title: EVIL, text: EVIL, terms: ['evil'], sources: ['good-source'] };
const entries = new Map<string, Entry>([evilTerm, otherTerm, evilSection, evilEvent].map((entry) => [entry.id, entry]));
const sources = new Map([evilSource, goodSource].map((source) => [source.id, source]));
const lookup: EntryLookup = { entry: (id) => entries.get(id), source: (id) => sources.get(id) };

const HOVER_OPTIONS = { openCommand: 'ext.open', searchCommand: 'ext.search' };

/** The page's text once tags are gone, to check no raw markup survived. */
function tags(html: string): string[] {
  return [...html.matchAll(/<([a-z][a-z0-9]*)\b/gi)].map((match) => match[1].toLowerCase());
}

/** Decodes an attribute value the way a browser does (for the entities escapeHtml writes). */
function attribute(html: string, pattern: RegExp): string {
  return pattern.exec(html)![1].replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function page(entry: Entry, extra: Partial<Parameters<typeof renderPanelHtml>[0]> = {}) {
  return renderPanelHtml({
    entry,
    lookup: entries.has(entry.id) ? lookup : reference,
    cspSource: 'https://webview.example',
    nonce: 'abc123NONCE',
    scriptUri: 'https://webview.example/dist/webview/webview.js',
    styleUri: 'https://webview.example/media/panel.css',
    canGoBack: false,
    canGoForward: true,
    pinned: false,
    state: { entryId: entry.id, history: { back: [], forward: ['x'] } },
    ...extra,
  });
}

describe('render: escaping', () => {
  it('escapeHtml neutralises every character that could open markup or end an attribute', () => {
    assert.equal(escapeHtml(`<a href="x" onclick='y'>&`), '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;');
  });

  it('escapeMarkdown leaves no unescaped Markdown or HTML specials and no line breaks', () => {
    const escaped = escapeMarkdown(`${EVIL}\n# heading`);
    assert.ok(!/(^|[^\\])[[\]()<>`*_$#]/.test(escaped), escaped);
    assert.ok(!escaped.includes('\n'));
  });

  it('markdownUrl passes only http(s) and encodes what would end a link destination', () => {
    assert.equal(markdownUrl('https://example.org/a(1)'), 'https://example.org/a%281%29');
    assert.equal(markdownUrl("https://example.org/x'y[z]`"), 'https://example.org/x%27y%5Bz%5D%60');
    assert.equal(markdownUrl('https://example.org/a (1)'), undefined, 'whitespace is refused, not encoded');
    assert.equal(markdownUrl('https://trusted.example\\@evil.example/'), undefined);
    assert.equal(markdownUrl('https://www.congress.gov'), 'https://www.congress.gov/', 'the normalised address');
    assert.equal(markdownUrl('javascript:alert(1)'), undefined);
    assert.equal(markdownUrl('command:workbench.action.terminal.new'), undefined);
    assert.equal(markdownUrl('file:///etc/passwd'), undefined);
  });

  it('commandUri encodes its JSON arguments completely, parentheses included', () => {
    const uri = commandUri('ext.open', ['a) [x](command:evil']);
    assert.match(uri, /^command:ext\.open\?[^()[\]\s]*$/);
    assert.deepEqual(JSON.parse(decodeURIComponent(uri.split('?')[1])), ['a) [x](command:evil']);
  });
});

describe('render: formatting helpers', () => {
  it('formats partial and full dates', () => {
    assert.equal(formatDate('2016-09-14'), '14 September 2016');
    assert.equal(formatDate('1973-10'), 'October 1973');
    assert.equal(formatDate('1981'), '1981');
    assert.equal(formatDate('not a date'), 'not a date');
  });

  it('builds draft text and Markdown links that point at a public source', () => {
    const qme = reference.entry('qme')!;
    assert.equal(draftText(qme), 'Qualitative military edge (QME)');
    const link = markdownLink(qme, reference);
    assert.match(link, /^\[Qualitative military edge \(QME\)\]\(https?:\/\/[^\s()]+\)$/);
    assert.equal(markdownLink({ ...otherTerm, title: 'No [source]' }, lookup), 'No \\[source\\]');
  });

  it('expands an abbreviation in the writers’ spelling, and a long form by appending the abbreviation', () => {
    const qme = reference.entry('qme') as Term;
    assert.equal(expansionFor(qme, 'QME', false), 'qualitative military edge (QME)');
    assert.equal(expansionFor(qme, 'QME', true), 'Qualitative military edge (QME)');
    assert.equal(expansionFor(qme, 'qualitative military edge', false), 'qualitative military edge (QME)');
    assert.equal(expansionFor(qme, 'QME’s', false), undefined, 'a possessive has no clean expansion');
    assert.equal(expansionFor(reference.entry('iron-dome') as Term, 'Iron Dome', false), undefined, 'no abbreviation, nothing to expand');
  });

  it('tells a sentence start from the middle of a sentence', () => {
    assert.equal(startsSentence(''), true);
    assert.equal(startsSentence('Aid rose. '), true);
    assert.equal(startsSentence('- '), true);
    assert.equal(startsSentence('keeps its '), false);
  });
});

describe('render: section Markdown', () => {
  const citation = (id: string) => (id === 'a' ? { number: 1, title: 'Source A' } : undefined);

  it('renders paragraphs, headings below h1 with the subsection ids, lists and emphasis', () => {
    const { html } = renderMarkdown('Para one\ncontinues.\n\n## Part\n\n- *a*\n- **b**\n\n1. first\n2. second\n\n### Deeper', { citation, headingIds: ['the-part'] });
    assert.equal(
      html,
      '<p>Para one continues.</p>\n<h2 id="the-part">Part</h2>\n<ul><li><em>a</em></li><li><strong>b</strong></li></ul>\n<ol><li>first</li><li>second</li></ol>\n<h3 id="deeper">Deeper</h3>',
    );
  });

  it('turns citations into numbered links to the sources list and marks unknown ones', () => {
    const { html } = renderMarkdown('Claim [@a]. Other [@zz].', { citation });
    assert.match(html, /Claim<sup class="citation"><a href="#source-1" data-anchor="source-1" aria-label="Source 1: Source A">\[1\]<\/a><\/sup>\./);
    assert.match(html, /Other<sup class="citation">\[\?\]<\/sup>/);
  });

  it('shows raw HTML as text and keeps only http(s) links, which it reports', () => {
    const { html, links } = renderMarkdown('<script>x</script> [a](javascript:alert(1)) [b](https://example.org/b) `<i>`', { citation });
    assert.deepEqual(tags(html).sort(), ['a', 'code', 'p']);
    assert.deepEqual(links, ['https://example.org/b']);
    assert.ok(html.includes('&lt;script&gt;'));
  });

  it('parses nested emphasis without losing its place', () => {
    const { html } = renderMarkdown('**bold *and em*** then *em* and `**not bold**`', { citation });
    assert.equal(html, '<p><strong>bold <em>and em</em></strong> then <em>em</em> and <code>**not bold**</code></p>');
  });

  it('slugs headings', () => {
    assert.equal(slug('Missile defense & Arrow'), 'missile-defense-arrow');
    assert.equal(slug('***'), 'heading');
  });
});

describe('render: hover card', () => {
  it('names the term and abbreviation, up to three numbered facts, sources and actions', () => {
    const card = renderHoverCard(reference.entry('qme') as Term, reference, {
      ...HOVER_OPTIONS,
      insertExpansion: { command: 'ext.expand', args: [{ termId: 'qme' }] },
    });
    assert.match(card, /^\*\*Qualitative military edge\*\* \(QME\)/);
    assert.match(card, /qualitative military edge/i);
    assert.deepEqual(card.match(/^\d+\. /gm), ['1. ', '2. ', '3. ']);
    assert.match(card, /Sources: 1\\\. \[/);
    assert.match(card, /\[Open in Panel\]\(command:ext\.open\?%5B%22qme%22%5D /);
    assert.match(card, /\[Search\]\(command:ext\.search\?/);
    assert.match(card, /\[Insert Expansion\]\(command:ext\.expand\?/);
  });

  it('keeps the actions at the top, before the summary, the writer’s actions first', () => {
    const card = renderHoverCard(reference.entry('qme') as Term, reference, {
      ...HOVER_OPTIONS,
      actions: [
        { label: 'Insert into Draft', tooltip: 'Insert a link "here"', command: 'ext.insert', args: ['qme'] },
        { label: 'Cite', tooltip: 'Cite', command: 'ext.cite', args: ['qme'] },
      ],
    });
    const blocks = card.split('\n\n');
    assert.match(blocks[1], /^\[Insert into Draft\]\(command:ext\.insert\?%5B%22qme%22%5D "Insert a link here"\) · \[Cite\]\(command:ext\.cite\?/);
    assert.match(blocks[1], /\[Open in Panel\].*\[Search\]/);
    assert.ok(blocks[2].startsWith('The US commitment') || !blocks[2].startsWith('['), 'the summary follows the actions');
  });

  it('numbers each fact with its sources and lists the sources under those numbers, with their locators', () => {
    const card = renderHoverCard(evilTerm, lookup, HOVER_OPTIONS);
    assert.match(card, /^1\. .* \\\[1\\\]$/m, 'first fact cites source 1');
    assert.match(card, /^2\. Second fact\\\. \\\[2\\\]$/m);
    assert.match(card, /^3\. Third fact\\\.$/m, 'a fact without sources has no mark');
    assert.ok(card.includes(`· 2\\. [A \\(report\\)](${markdownUrl(goodSource.url)}) (CRS, 2023)`), 'source 2 under its number, linked');
    assert.match(card, /Sources: 1\\\. /);
    const located = renderHoverCard({ ...evilTerm, facts: [{ text: 'Located.', sources: ['good-source'], at: { 'good-source': 'p. 7' } }] }, lookup, HOVER_OPTIONS);
    assert.match(located, /Sources: 1\\\. \[A \\\(report\\\)\]\([^)]+\) \(CRS, 2023, p\\\. 7\)/);
  });

  it('dates each fact where facts of different dates sit together, else once for all', () => {
    const mixed = renderHoverCard({ ...evilTerm, asOf: '2025-11', facts: [{ text: 'Old total.', sources: [], asOf: '2014-08' }, { text: 'New total.', sources: [] }] }, lookup, HOVER_OPTIONS);
    assert.match(mixed, /^1\. Old total\\\. \*\(as of August 2014\)\*$/m);
    assert.match(mixed, /^2\. New total\\\. \*\(as of November 2025\)\*$/m);
    assert.ok(!mixed.includes('Facts as of'));
    const same = renderHoverCard({ ...evilTerm, asOf: '2025-11', facts: [{ text: 'One.', sources: [] }] }, lookup, HOVER_OPTIONS);
    assert.match(same, /\*Facts as of November 2025\.\*/);
  });

  it('renders a disambiguation card as links to the terms the name may mean', () => {
    const card = renderHoverCard({ ...otherTerm, id: 'mou', title: 'MOU', disambiguation: ['evil', 'other', 'missing'] }, lookup, HOVER_OPTIONS);
    assert.match(card, /^- \[.*\]\(command:ext\.open\?%5B%22evil%22%5D\)\n- \[Other \\"term\\"\]\(command:ext\.open\?%5B%22other%22%5D\)$/m);
    assert.ok(!card.includes('missing'));
  });

  it('does not repeat an abbreviation the title already carries', () => {
    const card = renderHoverCard({ ...otherTerm, title: 'THAAD deployment to Israel (October 2024)', abbreviation: 'THAAD' }, lookup, HOVER_OPTIONS);
    assert.match(card, /^\*\*THAAD deployment to Israel \\\(October 2024\\\)\*\*  \n/);
  });

  it('leaves Insert Expansion out when there is nothing to expand', () => {
    const card = renderHoverCard(reference.entry('iron-dome') as Term, reference, HOVER_OPTIONS);
    assert.match(card, /\*\*Iron Dome\*\*/);
    assert.ok(!card.includes('Insert Expansion'));
  });

  it('never lets content become a link, HTML or a theme icon', () => {
    const card = renderHoverCard(evilTerm, lookup, HOVER_OPTIONS);
    const links = [...card.matchAll(/(?<!\\)\]\((?<target>[^ )]+)/g)].map((match) => match.groups!.target);
    // Only the extension's own commands, the related term and the one http(s) source.
    for (const target of links) assert.match(target, /^(command:ext\.(open|search)\?[^()]*|https:\/\/example\.org\/a%281%29)$/, target);
    assert.ok(!/(^|[^\\])</.test(card), 'no unescaped <');
    assert.ok(!/(^|[^\\])\$\(/.test(card), 'no unescaped $(');
    assert.ok(!card.includes('javascript:'), 'the javascript: source is plain text');
    assert.ok(!card.includes('Fourth fact'));
  });
});

describe('render: panel HTML', () => {
  it('sets a strict CSP: nothing by default, styles from the webview, scripts only by nonce', () => {
    const { html } = page(reference.entry('qme')!);
    const csp = attribute(html, /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/);
    assert.equal(csp, "default-src 'none'; style-src https://webview.example; script-src 'nonce-abc123NONCE'; img-src https://webview.example; base-uri 'none'; form-action 'none'");
    assert.deepEqual([...html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]), ['<script nonce="abc123NONCE" src="https://webview.example/dist/webview/webview.js">']);
    assert.ok(!/<script[^>]*>[^<]/.test(html), 'no inline script');
    assert.ok(!/\son[a-z]+=/i.test(html), 'no inline event handlers');
    assert.ok(!/style=/.test(html), 'no inline styles');
  });

  it('shows a term: one h1, facts with citations, related terms and sections as in-panel links, sources as external links', () => {
    const { html, links } = page(reference.entry('qme')!);
    assert.equal((html.match(/<h1\b/g) ?? []).length, 1);
    assert.match(html, /<h1 id="entry-title">Qualitative military edge <span class="abbreviation">\(QME\)<\/span><\/h1>/);
    assert.match(html, /<h2 id="facts-heading">Key facts<\/h2>/);
    assert.match(html, /<a href="#" data-entry="naval-vessel-transfer-act-2008">/);
    assert.match(html, /<a href="#" data-entry="historical-overview">Historical overview<\/a>/);
    assert.match(html, /<ol class="sources">/);
    assert.ok(links.length > 0 && links.every((url) => /^https?:\/\//.test(url)));
    // External links carry data-href, never href: VS Code's webview host would open an href itself, unconfirmed.
    for (const url of links) assert.ok(html.includes(`data-external="true" data-href="${escapeHtml(url)}"`), url);
    assert.ok(!/<a\b[^>]*\shref="(?!#)/.test(html), 'every href is an in-page fragment');
  });

  it('keeps headings in order and the toolbar as buttons with their states', () => {
    const { html } = page(reference.entry('security-cooperation-and-arms-sales')!, { canGoBack: true, canGoForward: false, pinned: true });
    const levels = [...html.matchAll(/<h([1-6])\b/g)].map((match) => Number(match[1]));
    assert.equal(levels[0], 1);
    for (let i = 1; i < levels.length; i++) assert.ok(levels[i] <= levels[i - 1] + 1, `heading h${levels[i]} after h${levels[i - 1]}`);
    assert.match(html, /<button type="button" data-action="back" title="Back \(Alt\+Left\)">/);
    assert.match(html, /<button type="button" data-action="forward" title="Forward \(Alt\+Right\)" disabled>/);
    assert.match(html, /data-action="pin"[^>]*aria-pressed="true">Pinned</);
    assert.match(html, /<h2 id="missile-defense">/);
  });

  it('offers the writer’s actions: Insert into Draft, Cite, Copy Link in the toolbar, Copy with citation on each fact', () => {
    const { html } = page(reference.entry('qme')!);
    for (const action of ['insertIntoDraft', 'cite', 'copyMarkdownLink']) assert.match(html, new RegExp(`<button type="button" data-action="${action}" title="[^"]+">`));
    assert.ok(html.indexOf('data-action="insertIntoDraft"') < html.indexOf('data-action="back"'), 'the draft actions come first');
    const facts = (reference.entry('qme') as Term).facts.length;
    assert.equal((html.match(/data-action="copyFact"/g) ?? []).length, facts);
    assert.match(html, /data-action="copyFact" data-index="0"/);
  });

  it('lists a disambiguation card’s meanings as in-panel links and dates facts of different dates', () => {
    const { html } = page({ ...otherTerm, title: 'Memorandum of understanding', abbreviation: 'MOU', disambiguation: ['evil', 'other'] });
    assert.match(html, /<h2 id="meanings-heading">“MOU” may mean<\/h2>\n<ul class="entry-links">\n<li><a href="#" data-entry="evil">/);
    const dated = page({ ...otherTerm, asOf: '2025-11', facts: [{ text: 'Old.', sources: [], asOf: '2014-08' }, { text: 'New.', sources: [] }] }).html;
    assert.match(dated, /Old\. <span class="as-of">\(as of August 2014\)<\/span>/);
    assert.match(dated, /New\. <span class="as-of">\(as of November 2025\)<\/span>/);
    assert.ok(!dated.includes('Facts as of'));
  });

  it('escapes every value from the content and from the state', () => {
    for (const entry of [evilTerm, evilSection, evilEvent]) {
      const { html, links } = page(entry, { state: { entryId: '"><script>alert(1)</script>' }, anchor: '"><x' });
      assert.deepEqual(
        [...new Set(tags(html))].filter((tag) => !['html', 'head', 'meta', 'link', 'title', 'body', 'header', 'nav', 'button', 'p', 'h1', 'h2', 'main', 'section', 'ul', 'ol', 'li', 'a', 'sup', 'span', 'strong', 'em', 'aside', 'div', 'script', 'time'].includes(tag)),
        [],
        `unexpected tags for ${entry.id}`,
      );
      assert.equal((html.match(/<script\b/g) ?? []).length, 1);
      assert.ok(!html.includes('javascript:'), `no javascript: link for ${entry.id}`);
      assert.ok(links.every((url) => url.startsWith('https://example.org/')), links.join());
    }
  });

  it('passes the state through a data attribute that round-trips', () => {
    const state = { entryId: 'qme', history: { back: ['iron-dome'], forward: [] } };
    const { html } = page(reference.entry('qme')!, { state });
    assert.deepEqual(JSON.parse(attribute(html, /data-state="([^"]*)"/)), state);
  });

  it('renders a notice page with no script at all', () => {
    const html = renderPanelNotice({ cspSource: 'https://webview.example', styleUri: 'https://webview.example/media/panel.css', title: 'Oops <b>', message: EVIL });
    assert.ok(!html.includes('<script'));
    assert.match(attribute(html, /content="([^"]+)"/), /script-src 'none'/);
    assert.ok(html.includes('Oops &lt;b&gt;'));
  });
});
