import { strict as assert } from 'assert';
import { readFileSync } from 'fs';
import { join } from 'path';
import MarkdownIt from 'markdown-it';
import { ComposedReference } from '../../src/core/composedReference';
import type { Term } from '../../src/core/model';
import { loadReference } from '../../src/core/reference';
import { escapeMarkdown } from '../../src/core/render/escape';
import { expansionFor, markdownLink } from '../../src/core/render/format';
import { renderHoverCard } from '../../src/core/render/hover';
import { renderPanelHtml } from '../../src/core/render/panel';
import { spellOutFindings } from '../../src/core/spellOut';
import { expansionAt, factWithCitation } from '../../src/core/writerText';
import { glossaryTree } from '../../src/core/tree';
import { bundledIds, readWorkspaceGlossaries } from '../../src/core/workspaceGlossary';
import { checkWebUrl } from '../../src/shared/urls';

// The hostile-input suite's payloads (test/hostile/), in the workspace glossary the in-editor
// run opens, through every renderer and every text the extension writes into a draft. The
// in-editor run (test/integration/hostile.spec.ts) shows the same terms in real Chromium.
const root = join(__dirname, '..', '..');
const reference = loadReference(readFileSync(join(root, 'dist', 'reference-index.json'), 'utf8'));
const glossaryPath = 'hostile/hostile.terms.json';
const glossary = readWorkspaceGlossaries([{ glossary: { path: glossaryPath, text: readFileSync(join(root, 'test', 'fixtures', 'workspace', glossaryPath), 'utf8') } }], bundledIds(reference));
const composed = new ComposedReference(reference, glossary, 'bundled');
const placements = JSON.parse(readFileSync(join(root, 'test', 'hostile', 'placements.json'), 'utf8')) as { id: string; termId: string; alias: string; placedIn: string[] }[];
const HOVER_COMMANDS = ['x.open', 'x.search', 'x.expand'];

/** A renderer with raw HTML on, as the most permissive publishing pipeline a draft may meet. */
const publisher = new MarkdownIt({ html: true, linkify: true });
/** The same without linkify: the links written in Markdown syntax, not bare addresses in text. */
const literal = new MarkdownIt({ html: true, linkify: false });

interface Rendered {
  html: string[];
  links: string[];
  images: number;
}

function tokens(markdown: string, parser: MarkdownIt = publisher): Rendered {
  const found: Rendered = { html: [], links: [], images: 0 };
  const visit = (list: ReturnType<MarkdownIt['parse']>) => {
    for (const token of list) {
      if (token.type === 'html_inline' || token.type === 'html_block') found.html.push(token.content);
      if (token.type === 'link_open') found.links.push(token.attrGet('href') ?? '');
      if (token.type === 'image') found.images++;
      if (token.children) visit(token.children);
    }
  };
  visit(parser.parse(markdown, {}));
  return found;
}

function term(id: string): Term {
  const entry = composed.entry(id);
  assert.equal(entry?.kind, 'term', id);
  return entry as Term;
}

describe('hostile input: the payload glossary through every renderer', () => {
  it('loads at least 40 payload terms, each holding its payload in several fields', () => {
    assert.deepEqual(glossary.problems.filter((problem) => problem.severity === 'error'), []);
    const loaded = placements.filter((placement) => composed.entry(placement.termId));
    assert.ok(loaded.length >= 40, `${loaded.length} payload terms loaded`);
    assert.ok(placements.length >= 40);
  });

  it('hover card: no HTML, no image, and links only to its own commands and public addresses', () => {
    for (const placement of placements) {
      const entry = composed.entry(placement.termId);
      if (entry?.kind !== 'term') continue;
      const card = renderHoverCard(entry, composed, { openCommand: 'x.open', searchCommand: 'x.search', insertExpansion: { command: 'x.expand', args: [{ termId: entry.id }] } });
      const rendered = tokens(card);
      assert.deepEqual(rendered.html, [], `${placement.id}: raw HTML in the card`);
      assert.equal(rendered.images, 0, `${placement.id}: an image in the card`);
      for (const href of rendered.links) {
        const command = /^command:([\w.]+)/.exec(href);
        assert.ok(command ? HOVER_COMMANDS.includes(command[1]) : checkWebUrl(href).ok, `${placement.id}: link ${href.slice(0, 80)}`);
      }
    }
  });

  it('panel: escaped text, one script (the nonce one), no handler attribute, and only in-page or checked links', () => {
    for (const placement of placements) {
      for (const id of [placement.termId, `${placement.termId}-abbr`]) {
        const entry = composed.entry(id);
        if (!entry) continue;
        const { html, links } = renderPanelHtml({ entry, lookup: composed, cspSource: 'vscode-resource:', nonce: 'n0nce', scriptUri: 'vscode-resource:/w.js', styleUri: 'vscode-resource:/p.css', canGoBack: false, canGoForward: false, pinned: false, state: { entryId: id } });
        assert.equal(html.match(/<script\b/gi)?.length, 1, `${id}: one script`);
        assert.match(html, /<script nonce="n0nce" src="vscode-resource:\/w\.js"><\/script>/, id);
        // Attributes read as a browser reads them: names outside quoted values only.
        for (const tag of html.matchAll(/<([a-zA-Z][\w-]*)((?:\s+[^\s=>"']+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']+))?)*)\s*\/?>/g)) {
          for (const attribute of tag[2].matchAll(/\s([^\s=>"']+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']+))?/g)) {
            assert.doesNotMatch(attribute[1], /^on/i, `${id}: a handler attribute <${tag[1]} ${attribute[1]}>`);
            assert.ok(!['style', 'srcdoc', 'srcset', 'formaction', 'xlink:href'].includes(attribute[1].toLowerCase()), `${id}: <${tag[1]} ${attribute[1]}>`);
          }
        }
        for (const tag of html.matchAll(/<([a-zA-Z][\w-]*)/g)) {
          assert.ok(['html', 'head', 'meta', 'title', 'link', 'body', 'main', 'nav', 'header', 'h1', 'h2', 'h3', 'p', 'span', 'div', 'a', 'ul', 'ol', 'li', 'section', 'button', 'script', 'strong', 'em', 'code', 'sup', 'dl', 'dt', 'dd', 'footer', 'aside', 'small', 'br', 'abbr', 'time', 'cite', 'article', 'blockquote', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'hr', 'details', 'summary'].includes(tag[1].toLowerCase()), `${id}: <${tag[1]}>`);
        }
        for (const href of html.matchAll(/\shref="([^"]*)"/g)) assert.ok(href[1].startsWith('#') || checkWebUrl(href[1].replace(/&amp;/g, '&')).ok || href[1] === 'vscode-resource:/p.css', `${id}: href ${href[1].slice(0, 60)}`);
        for (const link of links) assert.ok(checkWebUrl(link).ok, `${id}: link ${link.slice(0, 60)}`);
      }
    }
  });

  it('tree tooltip: the escaped title forms no link, image or HTML', () => {
    const workspace = glossaryTree(composed).roots.at(-1)!;
    assert.equal(workspace.label, 'Workspace');
    for (const node of workspace.children) {
      const [title] = (node.tooltip ?? '').split('\n\n');
      const rendered = tokens(`**${escapeMarkdown(title)}**`);
      assert.deepEqual([rendered.html, rendered.links, rendered.images], [[], [], 0], node.entryId);
    }
  });

  it('draft inserts: Insert into Draft, Copy as Markdown Link, Insert Expansion, the spell-out fix and a footnote citation write inert, one-line Markdown', () => {
    for (const placement of placements) {
      const entry = composed.entry(placement.termId);
      if (entry?.kind !== 'term') continue;
      const inserts: [string, string | undefined, boolean][] = [
        ['link', markdownLink(entry, composed), true],
        ['expansion', expansionFor(entry, placement.alias, false), false],
        ['expansion at a sentence start', expansionFor(entry, placement.alias, true), false],
      ];
      const draft = `The ${placement.alias} matters.`;
      inserts.push(['Insert Expansion (writer actions)', expansionAt(draft, { start: 4, end: 4 + placement.alias.length }, entry), false]);
      for (const fact of entry.facts) inserts.push(['Copy Fact with Citation', factWithCitation(fact, entry, composed), false]);
      for (const finding of spellOutFindings(draft, composed.findTerms(draft), (id) => term(id), new Set())) inserts.push(['spell-out fix', finding.replacement, false]);
      for (const sourceId of entry.sources) {
        const footnote = composed.citation(sourceId, { style: 'footnote', locator: `p. 1 ${placement.alias}` })?.footnote;
        // A footnote ends with the source's address, which linkify turns into the one link allowed.
        if (footnote) inserts.push(['footnote citation', footnote.replace(/^\[\^[a-z0-9-]+\]: /, ''), true]);
      }
      const abbreviationTerm = composed.entry(`${placement.termId}-abbr`);
      if (abbreviationTerm?.kind === 'term') inserts.push(['abbreviation link', markdownLink(abbreviationTerm, composed), true]);
      for (const [what, text, link] of inserts) {
        if (text === undefined) continue;
        assert.doesNotMatch(text, /[\r\n]/, `${placement.id} ${what}: one line`);
        const rendered = tokens(text);
        assert.deepEqual(rendered.html, [], `${placement.id} ${what}: raw HTML ${text.slice(0, 80)}`);
        assert.equal(rendered.images, 0, `${placement.id} ${what}: an image`);
        // Bare public addresses in the text may be linkified by a publisher; every one must be a checked web address.
        for (const href of rendered.links) assert.ok(checkWebUrl(href).ok, `${placement.id} ${what}: ${href}`);
        const written = tokens(text, literal).links;
        assert.ok(written.length <= (link ? 1 : 0), `${placement.id} ${what}: Markdown links ${written.join(' ')}`);
      }
    }
  });
});
