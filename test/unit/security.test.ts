// The findings of the November 2026 security review (../shared/reviews/security-review-2026-11.md),
// each held by tests that fail if the defect comes back. F4 and F8 (panel links and CSP) are
// held in render.test.ts beside the rest of the panel HTML.
import { strict as assert } from 'assert';
import { readFileSync, readdirSync, statSync } from 'fs';
import { join, relative } from 'path';
import { DEFAULT_LIMITS, RUNTIME_LIMITS, validateContent, type ContentFile, type ContentLimits } from '../../src/core/content';
import { linkDestinationCloses, markdownSkipRegions } from '../../src/core/markdownRegions';
import type { Source, Term } from '../../src/core/model';
import { MAX_QUERY_LENGTH, MAX_QUERY_WORDS, boundQuery, loadReference } from '../../src/core/reference';
import { escapeHtml, escapeMarkdown } from '../../src/core/render/escape';
import { expansionFor, markdownLink } from '../../src/core/render/format';
import { draftMarkdown, noticeText, noticeValue, plainLine, uiLabel } from '../../src/core/safeText';
import { FUZZY_MAX_WORDS, FUZZY_MAX_WORD_LENGTH, QUERY_OPTIONS } from '../../src/core/searchIndex';
import { isAnchor, parsePanelMessage } from '../../src/shared/messages';
import { checkWebUrl, webHref } from '../../src/shared/urls';

const root = join(__dirname, '..', '..');
const reference = loadReference(readFileSync(join(root, 'dist', 'reference-index.json'), 'utf8'));

/** VS Code's notification link syntax (src/vs/base/common/linkedText.ts, 1.91): what turns message text into a link. */
const NOTIFICATION_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;

/** The review's payloads that reach text (§4), and a few more breakouts of the same kinds. */
const PAYLOADS = [
  '[Run P06](command:workbench.action.files.newUntitledFile)',
  'x](command:usIsraelReference.search?["XSSFIRED-P07"]) [y',
  '[[inner](https://a.example)](command:x) [a [b](command:usIsraelReference.search?%5B%5D) c](https://b.example)',
  '![pixel](https://tracker.example/p20.png)',
  'line one\n[Run P23](command:workbench.action.files.newUntitledFile)\n<img src=x onerror=alert(1)>',
  '[label](command:workbench.action.terminal.sendSequence?{"text":"rm -rf ~\\n"} "looks harmless")',
  '［x］(command:y) [x](file:///etc/passwd) [x](http://127.0.0.1/) [x](HTTPS://EVIL.EXAMPLE)',
  '\\[x](command:y) [x]\u200b(command:y) [x](command:y\u202e)',
  '<script>alert(1)</script> <img src=x onerror=alert(1)> <a href="javascript:alert(1)">a</a>',
  '$(alert) $(zap~spin) \\$(bug) ${process.env.HOME} {{constructor.constructor("x")()}}',
  'abc\u202edcb \u2066isolated\u2069 zero\u200bwidth \ufeffbom',
];

/** Characters preceded by an even number of backslashes (so not escaped), among `specials`. */
function unescaped(text: string, specials: RegExp): string[] {
  const found: string[] = [];
  for (let index = 0; index < text.length; index++) {
    if (!specials.test(text[index])) continue;
    let backslashes = 0;
    for (let before = index - 1; before >= 0 && text[before] === '\\'; before--) backslashes++;
    if (backslashes % 2 === 0) found.push(text[index]);
  }
  return found;
}

describe('security review F1: no content becomes a link in a notification', () => {
  it('noticeText leaves no notification link in any payload, alone or inside a message', () => {
    for (const payload of PAYLOADS) {
      for (const message of [payload, `Open a draft where “${payload}” should go.`, `"${payload}" is not in the reference.`, `Unavailable: ${payload} ${payload}`]) {
        const shown = noticeText(message);
        assert.deepEqual([...shown.matchAll(NOTIFICATION_LINK)], [], shown);
        assert.ok(!/[[\]\n\r\u202a-\u202e\u2066-\u2069\u200b]/.test(shown), shown);
      }
    }
  });

  it('noticeText keeps the words readable and the message one short line', () => {
    assert.equal(noticeText('Open “[x](command:y)”'), 'Open “［x］(command:y)”');
    assert.ok(noticeText(`${'long '.repeat(10_000)}end`).length <= 400);
    assert.equal(noticeValue('a'.repeat(500)).length, 80);
    assert.equal(noticeText('Costs $(zap)'), 'Costs \\$(zap)');
  });

  /**
   * The message sinks in a source text whose message is not provably content-free: allowed are a
   * single `vscode.l10n.t('literal')` with no values, `undefined`, and `viewMessage(…)`; anything
   * else must go through notify.ts, where noticeText neutralises it.
   */
  function unsafeSinks(text: string): string[] {
    const unsafe: string[] = [];
    const sink = /\b(?:show(?:Information|Warning|Error)Message|setStatusBarMessage)\s*\(|\.message\s*=(?!=)/g;
    for (const match of text.matchAll(sink)) {
      const from = match.index + match[0].length;
      let argument: string;
      if (match[0].endsWith('(')) {
        let depth = 1;
        let end = from;
        for (; end < text.length && depth > 0; end++) {
          if (text[end] === '(') depth++;
          else if (text[end] === ')') depth--;
        }
        argument = text.slice(from, end - 1);
      } else {
        argument = text.slice(from, text.indexOf(';', from));
      }
      const trimmed = argument.trim().replace(/,$/, '').trim();
      const fixed = /^vscode\.l10n\.t\(\s*'(?:[^'\\]|\\.)*'\s*\)$/.test(trimmed) || trimmed === 'undefined' || /^viewMessage\(/.test(trimmed);
      if (!fixed) unsafe.push(`${match[0]}${trimmed.replace(/\s+/g, ' ').slice(0, 100)}`);
    }
    return unsafe;
  }

  it('the sink check tells a fixed message from one that carries a value', () => {
    assert.deepEqual(unsafeSinks("void vscode.window.showInformationMessage(vscode.l10n.t('Open a draft.'));"), []);
    assert.deepEqual(unsafeSinks("this.view.message = vscode.l10n.t('No terms yet.');\nthis.view.message = undefined;"), []);
    assert.equal(unsafeSinks("vscode.window.showInformationMessage(vscode.l10n.t('Put “{0}” here.', entry.title));").length, 1);
    assert.equal(unsafeSinks('view.message = loader.error;').length, 1);
    assert.equal(unsafeSinks("vscode.window.setStatusBarMessage(`Copied ${title}`, 3000);").length, 1);
    assert.equal(unsafeSinks("vscode.window.showErrorMessage(\n  vscode.l10n.t('Failed: {0}', String(error)),\n);").length, 1);
  });

  it('every notification, status-bar and view message in src/ is fixed text or goes through src/vscode/notify.ts', () => {
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (name.endsWith('.ts') && !path.endsWith(join('vscode', 'notify.ts'))) {
          for (const sink of unsafeSinks(readFileSync(path, 'utf8'))) offenders.push(`${relative(root, path)}: ${sink}`);
        }
      }
    };
    walk(join(root, 'src'));
    assert.deepEqual(offenders, [], 'a message with values must go through notify.* (or viewMessage), so noticeText neutralises it');
    const notify = readFileSync(join(root, 'src', 'vscode', 'notify.ts'), 'utf8');
    for (const call of notify.match(/vscode\.window\.(?:show\w+Message|setStatusBarMessage)\([^)]*\)/g) ?? []) {
      assert.match(call, /\(record\(message\)/, call);
    }
    assert.match(notify, /function record\(message: string\): string \{\n  const text = noticeText\(message\);/);
  });
});

describe('security review F2: search cost does not depend on what is pasted', () => {
  it('boundQuery trims and caps characters and words, never splitting a surrogate pair', () => {
    assert.equal(boundQuery('  iron dome  '), 'iron dome');
    assert.equal(boundQuery('x'.repeat(1_000_000)).length, MAX_QUERY_LENGTH);
    assert.equal(boundQuery(`${'a'.repeat(MAX_QUERY_LENGTH - 1)}😀`), 'a'.repeat(MAX_QUERY_LENGTH - 1));
    assert.equal(boundQuery(Array.from({ length: 50 }, (_, index) => `w${index}`).join(' ')).split(' ').length, MAX_QUERY_WORDS);
    assert.equal(boundQuery('Iron Dome arrow '.repeat(1000)).replace(/ \S*$/, ''), 'Iron Dome arrow', 'repeats are searched once (the cut may leave a word’s head)');
    assert.equal(boundQuery('qme QME '.repeat(1000)), 'qme');
    assert.equal(boundQuery('Iron  dome'), 'Iron  dome', 'a short query is searched as typed');
    assert.equal(boundQuery(`${' '.repeat(10)}qme`), 'qme');
    assert.equal(boundQuery('Iron\u200bDome\u202e'), 'Iron Dome', 'a pasted zero-width space separates words; direction controls go');
    assert.equal(reference.search('Iron\u200bDome', { limit: 1 })[0]?.id, 'iron-dome');
  });

  it('turns typo tolerance off for words longer than any real word', () => {
    const fuzzy = QUERY_OPTIONS.fuzzy as (term: string, index: number, terms: string[]) => number | boolean;
    assert.notEqual(fuzzy('hezbolah', 0, ['hezbolah']), false);
    assert.equal(fuzzy('a'.repeat(FUZZY_MAX_WORD_LENGTH + 1), 0, []), false);
    assert.equal(fuzzy('hezbolah', FUZZY_MAX_WORDS, []), false, 'only the first words of a long query are typo-tolerant');
    assert.equal(reference.search('foreign military financng', { limit: 1 })[0]?.id, 'fmf', 'a typo in a short query is still forgiven');
  });

  it('answers huge queries without throwing, and never as a damaged index', () => {
    assert.deepEqual(reference.search('a'.repeat(20_000)), []);
    assert.deepEqual(reference.search('qme'.repeat(33_334)), []);
    const pasted = reference.search('iron dome arrow '.repeat(65_536), { limit: 5 });
    assert.deepEqual(
      pasted.map((hit) => hit.id),
      reference.search(boundQuery('iron dome arrow '.repeat(65_536)), { limit: 5 }).map((hit) => hit.id),
    );
    assert.ok(pasted.length > 0);
    assert.equal(reference.search('arow 3', { limit: 1 })[0].id, 'arrow-3', 'ordinary typos still match');
  });
});

describe('security review F3: link destinations are found in one pass', () => {
  /** The pre-fix search, run from one `](` alone: the oracle the one-pass map must agree with. */
  function naiveClose(text: string, from: number, lineEnd: number): number {
    let depth = 0;
    for (let position = from; position < lineEnd; position++) {
      const code = text[position];
      if (code === '\\') position++;
      else if (code === '(') depth++;
      else if (code === ')') {
        if (depth === 0) return position;
        depth--;
      }
    }
    return -1;
  }

  it('agrees with a search from each "](" on generated lines of brackets, parentheses and escapes', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const alphabet = ['](', '](', ')', '(', '\\', 'a', ' ', ']', '[', '\\)'];
    for (let round = 0; round < 400; round++) {
      let text = '';
      const length = 1 + Math.floor(random() * 40);
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(random() * alphabet.length)];
      const starts = [...text.matchAll(/\]\(/g)].map((match) => match.index + 2);
      for (const from of starts) {
        const { starts, closes, count } = linkDestinationCloses(text, from, text.length);
        assert.equal(starts[0], from);
        for (let index = 0; index < count; index++) {
          assert.equal(closes[index], naiveClose(text, starts[index], text.length), `${JSON.stringify(text)} from ${starts[index]}`);
        }
      }
    }
  });

  it('the scanner skips exactly the destinations a search from each "](" finds, on long generated lines', () => {
    let seed = 11;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const alphabet = ['](', ')', '(', '\\', 'a', ' ', ']', 'word ', 'word word word '];
    for (let round = 0; round < 150; round++) {
      let text = '';
      const length = 1 + Math.floor(random() * 400);
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(random() * alphabet.length)];
      // The pre-fix scanner, reduced to what this alphabet can form: escapes and link destinations.
      const expected: number[] = [];
      for (let position = 0; position < text.length; ) {
        if (text[position] === '\\') position += 2;
        else if (text[position] === ']' && text[position + 1] === '(') {
          const close = naiveClose(text, position + 2, text.length);
          if (close >= 0) {
            if (expected.length > 0 && position + 1 <= expected[expected.length - 1]) expected[expected.length - 1] = Math.max(expected[expected.length - 1], close + 1);
            else expected.push(position + 1, close + 1);
          }
          position = close >= 0 ? close + 1 : position + 2;
        } else position++;
      }
      assert.deepEqual(markdownSkipRegions(text), expected, JSON.stringify(text));
    }
  });

  it('still skips link destinations and nothing else on the generated worst case', () => {
    const text = `QME ${'](' .repeat(5_000)} QME [a](QME) QME`;
    const matches = reference.findTerms(text, { markdown: true }).map((match) => text.slice(match.start, match.end));
    assert.deepEqual(matches, ['QME', 'QME', 'QME']);
    const regions = markdownSkipRegions('[x](a(b)c) and [y](d');
    assert.deepEqual(regions, [3, 10], 'the closed destination, parentheses included; the unclosed one is prose');
  });
});

describe('security review F5: insert actions write inert Markdown', () => {
  const hostile = '<img src=x onerror=alert(1)> [x](javascript:alert(1)) *em* _u_ `code` | cell ![i](https://t.example/p.png) &lt;script&gt; \\';
  const source: Source = { id: 's', title: 'S', publisher: 'P', date: '2020', url: 'https://example.org/s', type: 'press' };
  // shortTitle is a field on main's Term; the cast keeps the fixture valid on either side of that merge.
  const term = {
    id: 'hostile',
    kind: 'term',
    title: `${hostile}\nsecond line`,
    shortTitle: 'Hostile',
    abbreviation: '<b>HX</b>',
    aliases: ['HX', 'hostile example'],
    category: 'concepts-and-doctrine',
    summary: 'S.',
    facts: [],
    sources: ['s'],
    related: [],
    sections: [],
  } as Term;

  it('draftMarkdown escapes every character Markdown or HTML gives meaning to, and keeps one line', () => {
    const text = draftMarkdown(`${hostile}\n# heading\r\n\u202eflip`);
    assert.deepEqual(unescaped(text, /[<>[\]`*_|]/), []);
    assert.ok(!/(^|[^\\])(\\\\)*\\$/.test(text), 'no lone backslash at the end to escape what follows the insertion');
    assert.ok(!/[\n\r\u202e]/.test(text), text);
    assert.ok(!/(^|[^\\])&[#0-9A-Za-z]+;/.test(text), 'no entity survives');
    assert.equal(draftMarkdown('R&D costs'), 'R&D costs', '& stays readable where it cannot start an entity');
    assert.equal(draftMarkdown('# Title'), '\\# Title');
  });

  it('Insert into Draft and Copy as Markdown Link make one link, to the source, with inert text', () => {
    const link = markdownLink(term, { source: (id) => (id === 's' ? source : undefined) });
    const match = /^\[(.*)\]\((https:\/\/example\.org\/s)\)$/s.exec(link);
    assert.ok(match, link);
    assert.deepEqual(unescaped(match[1], /[<>[\]`*_|]/), [], match[1]);
    assert.ok(!link.includes('\n'));
    assert.equal(markdownLink(term, { source: () => undefined }), draftMarkdown(`${term.title} (${term.abbreviation})`));
  });

  it('Insert Expansion makes the content it adds inert and leaves the writer’s own text as written', () => {
    const expanded = expansionFor({ ...term, title: 'Hostile <i>example</i>', aliases: ['HX', 'hostile <i>example</i>'] }, '<b>HX</b>', false)!;
    assert.equal(expanded, 'hostile \\<i\\>example\\</i\\> (\\<b\\>HX\\</b\\>)');
    assert.equal(expansionFor(term, 'hostile example', false), 'hostile example (\\<b\\>HX\\</b\\>)');
  });
});

describe('security review F6: one WHATWG reading of every address', () => {
  it('accepts public http(s) addresses and returns their normalised form', () => {
    assert.deepEqual(checkWebUrl('https://www.congress.gov'), { ok: true, href: 'https://www.congress.gov/' });
    assert.equal(webHref('https://crsreports.congress.gov/product/pdf/RL/RL33222'), 'https://crsreports.congress.gov/product/pdf/RL/RL33222');
    assert.equal(webHref('http://example.org/a?b=c#d'), 'http://example.org/a?b=c#d');
    assert.equal(webHref('https://EXAMPLE.org/x`y'), 'https://example.org/x%60y');
    assert.equal(webHref('https://8.8.8.8/'), 'https://8.8.8.8/');
  });

  it('refuses what two parsers read differently, credentials, controls and whitespace', () => {
    for (const url of [
      'https://trusted.example\\@evil.example/',
      'https://user:pass@example.org/',
      'https://user@example.org/',
      'https://@example.org/',
      'https://evil.example/a\u0001b',
      'https://evil.example/a\u202eb',
      'https://evil.example/a\u200bb',
      ' https://example.org/',
      'https://example.org/a b',
      'https://example.org/\n',
      'https:evil.example',
      'HTTPS://example.org/',
      '//example.org/',
      'javascript:alert(1)',
      'data:text/html,<script>',
      'command:workbench.action.files.newUntitledFile',
      'file:///etc/passwd',
      'ftp://example.org/',
      `https://example.org/${'a'.repeat(3000)}`,
      42,
    ]) {
      assert.equal(checkWebUrl(url).ok, false, JSON.stringify(url));
    }
  });

  it('refuses loopback, private, link-local and local host names in every spelling', () => {
    for (const url of [
      'http://localhost/',
      'http://LOCALHOST:8080/',
      'http://localhost./',
      'http://vscode.localhost/',
      'http://printer.local/',
      'http://intranet/',
      'http://127.0.0.1/',
      'http://127.1/',
      'http://0x7f.1/',
      'http://2130706433/',
      'http://0.0.0.0/',
      'http://10.1.2.3/',
      'http://172.16.0.1/',
      'http://192.168.1.1/',
      'http://169.254.169.254/latest/meta-data/',
      'http://100.64.0.1/',
      'http://[::1]/',
      'http://[::]/',
      'http://[::ffff:127.0.0.1]/',
      'http://[fc00::1]/',
      'http://[fe80::1]/',
    ]) {
      assert.equal(checkWebUrl(url).ok, false, url);
    }
    assert.equal(checkWebUrl('http://172.32.0.1/').ok, true, 'just outside 172.16/12');
  });

  it('the build validator and the panel message validator apply the same rule', () => {
    const files = (url: string): ContentFile[] => [{ path: 'data/sources/s.json', text: JSON.stringify([{ id: 's', title: 'T', publisher: 'P', date: '2020', url, type: 'press' }]) }];
    const limits: ContentLimits = { ...DEFAULT_LIMITS, minSections: 0, minTerms: 0, minEvents: 0, minSources: 0 };
    for (const url of ['https://trusted.example\\@evil.example/', 'http://localhost/', 'https://user@example.org/', 'https://example.org/"onmouseover="x']) {
      const problems = validateContent(files(url), limits).problems;
      assert.equal(problems.length, checkWebUrl(url).ok ? 0 : 1, `${url}: ${problems.join('; ')}`);
    }
    const onPage = () => true;
    assert.equal(parsePanelMessage({ type: 'openExternal', url: 'http://localhost:3000/' }, { isKnownId: () => true, isKnownUrl: onPage }), undefined);
    assert.equal(parsePanelMessage({ type: 'openExternal', url: 'https://a.example\\@b.example/' }, { isKnownId: () => true, isKnownUrl: onPage }), undefined);
    assert.deepEqual(parsePanelMessage({ type: 'openExternal', url: 'https://EXAMPLE.org' }, { isKnownId: () => true, isKnownUrl: (url) => url === 'https://example.org/' }), {
      type: 'openExternal',
      url: 'https://example.org/',
    });
  });

  it('commands take a subsection anchor only in the form the panel uses', () => {
    assert.equal(isAnchor('missile-defense'), true);
    for (const anchor of ['x"><img src=x onerror=alert(1)>', '', 'A', '-x', 'a'.repeat(101), 42, undefined]) assert.equal(isAnchor(anchor), false, String(anchor));
  });
});

describe('security review F7 and run-time limits: what the validator refuses', () => {
  const limits: ContentLimits = { ...DEFAULT_LIMITS, minSections: 0, minTerms: 0, minEvents: 0, minSources: 0 };
  const term = (overrides: Record<string, unknown>) => ({
    id: 'qme',
    title: 'Qualitative military edge',
    aliases: ['QME'],
    category: 'concepts-and-doctrine',
    summary: 'A summary.',
    facts: [
      { text: 'One.', sources: ['s'] },
      { text: 'Two.', sources: ['s'] },
    ],
    sources: ['s'],
    ...overrides,
  });
  const source = { id: 's', title: 'T', publisher: 'P', date: '2020', url: 'https://example.org/s', type: 'press' };
  const problemsFor = (terms: unknown[], extra: ContentFile[] = []) =>
    validateContent([{ path: 'data/terms/t.json', text: JSON.stringify(terms) }, { path: 'data/sources/s.json', text: JSON.stringify([source]) }, ...extra], limits).problems;

  /** The problems these rules raise (other rules, such as the sourcing rules, are tested elsewhere). */
  const BOUNDS = /characters long|invisible or control character|records; a content file/;
  const boundsProblems = (problems: string[]) => problems.filter((problem) => BOUNDS.test(problem));

  it('accepts a clean record', () => {
    assert.deepEqual(boundsProblems(problemsFor([term({})])), []);
  });

  it('refuses direction controls, zero-width characters and controls in any field', () => {
    assert.match(problemsFor([term({ title: 'Iron\u202eDome' })]).join('\n'), /\.title: contains the invisible or control character U\+202E/);
    assert.match(problemsFor([term({ summary: 'A\u200bsummary.' })]).join('\n'), /\.summary: .*U\+200B/);
    assert.match(problemsFor([term({ aliases: ['QME\u0007'] })]).join('\n'), /aliases\[0\]: .*U\+0007/);
  });

  it('bounds titles, fields, files and record counts, with the field and the reason', () => {
    assert.match(problemsFor([term({ title: 'T'.repeat(151) })]).join('\n'), /\.title: is 151 characters long; at most 150/);
    assert.match(problemsFor([term({ note: 'n'.repeat(2001) })]).join('\n'), /\.note: is 2001 characters long/);
    const many = Array.from({ length: 2001 }, (_, index) => term({ id: `t-${index}`, aliases: [`T${index}`] }));
    assert.match(problemsFor(many).join('\n'), /data\/terms\/t\.json: \(file\): holds 2001 records; a content file holds at most 2000/);
    const huge = { path: 'data/terms/huge.json', text: `[${' '.repeat(1024 * 1024)}]` };
    assert.match(problemsFor([term({})], [huge]).join('\n'), /data\/terms\/huge\.json: \(file\): is \d+ characters long; a content file holds at most 1048576/);
  });

  it('a file outside data/ (a workspace glossary) is validated by what the caller says it holds, with the same bounds', () => {
    const glossary = (text: string): ContentFile[] => [
      { path: 'team.terms.json', kind: 'terms', text },
      { path: 'team.sources.json', kind: 'sources', text: JSON.stringify([source]) },
    ];
    assert.deepEqual(boundsProblems(validateContent(glossary(JSON.stringify([term({})])), RUNTIME_LIMITS).problems), []);
    assert.ok(!validateContent(glossary(JSON.stringify([term({})])), RUNTIME_LIMITS).problems.some((problem) => /is not valid JSON|\(count\)/.test(problem)), 'read as terms, with no count required');
    assert.match(validateContent(glossary(JSON.stringify([term({ title: 'x\u202e' })])), RUNTIME_LIMITS).problems.join('\n'), /^team\.terms\.json: \[0\] \(qme\)\.title: contains/m);
    assert.match(validateContent(glossary('[{"id": '), RUNTIME_LIMITS).problems.join('\n'), /^team\.terms\.json: \(file\): is not valid JSON/m);
  });

  it('renderers and labels drop direction controls that older content may still hold', () => {
    assert.equal(escapeHtml('a\u202eb\u2066c\u200bd'), 'abcd');
    assert.equal(escapeMarkdown('a\u202eb'), 'ab');
    assert.equal(uiLabel('$(alert) Iron\u202e Dome\n$(zap~spin)'), '\\$(alert) Iron Dome \\$(zap~spin)');
    assert.equal(plainLine('x'.repeat(10), 5), 'xxxx…');
    assert.equal(plainLine(`${'x'.repeat(3)}😀`, 5).length <= 5, true);
  });
});
