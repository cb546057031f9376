import { strict as assert } from 'assert';
import { TermMatcher, aliasSpellings, aliasIsCaseSensitive, aliasIsAcronym, aliasKey, TERM_AT_LOOKBACK } from '../../src/core/termMatcher';

const matcher = new TermMatcher([
  { id: 'qme', aliases: ['QME', 'qualitative military edge'] },
  { id: 'mou-2016', aliases: ['2016 MOU', 'MOU'] },
  { id: 'iron-dome', aliases: ['Iron Dome'] },
  { id: 'davids-sling', aliases: ["David's Sling"] },
  { id: 'arrow', aliases: ['Arrow', 'Arrow 2'] },
  { id: 'arrow-3', aliases: ['Arrow 3'] },
  { id: 'f-35i-adir', aliases: ['F-35I', 'Adir'] },
  { id: 'hezbollah', aliases: ['Hezbollah', 'Hizballah'] },
  { id: 'iron-beam', aliases: ['Iron Beam'] },
]);

/** The matched substrings with their term ids, which reads better in failures than offsets. */
function found(text: string, markdown = false): string[] {
  return matcher.findAll(text, { markdown }).map((match) => `${match.termId}:${text.slice(match.start, match.end)}`);
}

describe('term matching', () => {
  describe('acronyms', () => {
    it('match case-sensitively as whole tokens', () => {
      assert.deepEqual(found('The QME rule; qme is not it.'), ['qme:QME']);
    });
    it('never match inside a longer word', () => {
      assert.deepEqual(found('A MOUSE, QMEX and XQME.'), []);
    });
    it('take a plural s', () => {
      assert.deepEqual(found('Two MOUs were signed.'), ['mou-2016:MOUs']);
    });
    it('do not take an upper-case S as a plural', () => {
      assert.deepEqual(found('MOUS'), []);
    });
  });

  describe('names', () => {
    it('match in any case', () => {
      assert.deepEqual(found('iron dome, IRON DOME and Iron Dome'), ['iron-dome:iron dome', 'iron-dome:IRON DOME', 'iron-dome:Iron Dome']);
    });
    it('treat straight and curly apostrophes alike', () => {
      assert.deepEqual(found("David's Sling and David’s Sling"), ["davids-sling:David's Sling", 'davids-sling:David’s Sling']);
    });
    it('include possessives in the match', () => {
      assert.deepEqual(found("Iron Dome's radar and Iron Dome’s battery"), ["iron-dome:Iron Dome's", 'iron-dome:Iron Dome’s']);
    });
    it('match across a line break inside the name', () => {
      assert.deepEqual(found('the Iron\nDome batteries'), ['iron-dome:Iron\nDome']);
    });
    it('do not match across a paragraph break', () => {
      assert.deepEqual(found('Iron\n\nDome'), []);
    });
    it('leave single everyday words alone: a lone lower-case "arrow" is not a term', () => {
      assert.deepEqual(found('an arrow, a dome, a sling and a beam'), []);
      assert.deepEqual(found('Arrow batteries'), ['arrow:Arrow']);
    });
  });

  describe('hyphens and spaces', () => {
    it('match an alias written with a hyphen, a space or neither', () => {
      assert.deepEqual(found('F-35I, F35I, F 35I and F‑35I'), ['f-35i-adir:F-35I', 'f-35i-adir:F35I', 'f-35i-adir:F 35I', 'f-35i-adir:F‑35I']);
    });
    it('match a spaced alias written with a hyphen', () => {
      assert.deepEqual(found('Arrow-3 and Arrow–3'), ['arrow-3:Arrow-3', 'arrow-3:Arrow–3']);
    });
  });

  it('prefers the longest match', () => {
    assert.deepEqual(found('Arrow 3 beside Arrow 2 and Arrow'), ['arrow-3:Arrow 3', 'arrow:Arrow 2', 'arrow:Arrow']);
    assert.deepEqual(found('the 2016 MOU'), ['mou-2016:2016 MOU']);
  });

  it('falls back to a shorter alias when the longer one ends inside a word', () => {
    assert.deepEqual(found('Arrow 3x'), ['arrow:Arrow']);
  });

  it('reports UTF-16 offsets, end exclusive, in document order', () => {
    const text = '😀 QME then Iron Dome';
    assert.deepEqual(matcher.findAll(text), [
      { termId: 'qme', start: 3, end: 6 },
      { termId: 'iron-dome', start: 12, end: 21 },
    ]);
  });

  it('matches next to punctuation and Markdown emphasis', () => {
    assert.deepEqual(found('(QME), **Iron Dome**, _Hezbollah_, "Adir".'), ['qme:QME', 'iron-dome:Iron Dome', 'hezbollah:Hezbollah', 'f-35i-adir:Adir']);
  });

  it('treats hostile or unusual input as plain text', () => {
    assert.deepEqual(found('<script>QME</script> ${QME} [QME](javascript:alert(1))'), ['qme:QME', 'qme:QME', 'qme:QME']);
    assert.deepEqual(matcher.findAll(''), []);
    assert.deepEqual(matcher.findAll(undefined as unknown as string), []);
  });
});

describe('the two ways a scan finds word starts', () => {
  // A long range finds candidates with a regular expression, a short one steps through its
  // characters; forcing each way on the same texts must give the same matches.
  const terms = [
    { id: 'qme', aliases: ['QME', 'qualitative military edge'] },
    { id: 'mou-2016', aliases: ['2016 MOU', 'MOU'] },
    { id: 'iron-dome', aliases: ['Iron Dome', 'Kipat Barzel'] },
    { id: 'davids-sling', aliases: ['David’s Sling'] },
    { id: 'arrow-3', aliases: ['Arrow 3', 'Hetz 3'] },
    { id: 'f-35i-adir', aliases: ['F-35I', 'Adir', 'F35I'] },
    { id: 'i', aliases: ['I2U2', 'I'] },
    { id: 'us', aliases: ['U.S.', 'U.S.–Israel'] },
    { id: 'eilat', aliases: ['Éilat', 'Straße'] },
  ];
  const stepping = new TermMatcher(terms, 'loop');
  const searching = new TermMatcher(terms, 'pattern');
  const pieces = [...terms.flatMap((term) => term.aliases), 'qme', 'Qme', 'iron  dome', 'Iron\nDome', 'IRON DOME', 'F 35I', 'f-35i', 'I’s', 'MOUs', 'MOU’s', ' ', ' ', '\n', '\n\n', 'é', 'É', 'İ', 'K', 'ﬁ', '𝐀', '\ud800', '—', '–', '“', '’', "'", '`', '(', ')', '[', '](http://x.org/QME)', 'x', 'X', '9', '_', '*', 'www.x.org/QME', '<!-- QME -->', '    code QME', '```\nQME\n```'];
  let seed = 11;
  const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);

  it('match alike over generated text, with and without Markdown', () => {
    for (let round = 0; round < 400; round++) {
      const text = Array.from({ length: 5 + Math.floor(random() * 60) }, () => pieces[Math.floor(random() * pieces.length)]).join(random() < 0.5 ? '' : ' ');
      for (const markdown of [false, true]) {
        assert.deepEqual(searching.findAll(text, { markdown }), stepping.findAll(text, { markdown }), `${markdown ? 'markdown' : 'plain'}: ${JSON.stringify(text)}`);
        const from = Math.floor(random() * text.length);
        const to = from + Math.floor(random() * (text.length - from + 1));
        assert.deepEqual(searching.findBetween(text, from, to, { markdown }), stepping.findBetween(text, from, to, { markdown }));
      }
    }
  });

  it('finds matches at all (the comparison is not of two empty lists)', () => {
    assert.deepEqual(searching.findAll('The QME, İron Dome and Éilat; F35I.').map((match) => match.termId), ['qme', 'iron-dome', 'eilat', 'f-35i-adir']);
  });
});

describe('Markdown regions', () => {
  it('skips fenced code blocks (backticks and tildes) but not the text after them', () => {
    const text = 'QME\n```md\nQME inside\n```\n~~~\nIron Dome\n~~~\nIron Dome';
    assert.deepEqual(found(text, true), ['qme:QME', 'iron-dome:Iron Dome']);
  });
  it('treats an unclosed fence as running to the end', () => {
    assert.deepEqual(found('QME\n```\nQME', true), ['qme:QME']);
  });
  it('skips indented code after a blank line, but not indented list content', () => {
    assert.deepEqual(found('Text\n\n    QME in code\n\nQME', true), ['qme:QME']);
    assert.deepEqual(found('- item\n\n    QME continues the item', true), ['qme:QME']);
  });
  it('skips inline code of any backtick length', () => {
    assert.deepEqual(found('`QME` and ``a ` QME`` but QME', true), ['qme:QME']);
  });
  it('keeps an unmatched backtick literal', () => {
    assert.deepEqual(found('a ` then QME', true), ['qme:QME']);
  });
  it('skips link destinations but matches link text', () => {
    assert.deepEqual(found('[Iron Dome](https://example.org/QME "QME") and [x](<QME>)', true), ['iron-dome:Iron Dome']);
  });
  it('skips reference definitions', () => {
    assert.deepEqual(found('[QME][1]\n\n[1]: https://example.org/Iron-Dome "Iron Dome"', true), ['qme:QME']);
  });
  it('skips bare URLs and autolinks', () => {
    assert.deepEqual(found('see https://example.org/QME, www.qme.org/Iron-Dome and <https://x.org/QME>; QME', true), ['qme:QME']);
  });
  it('skips HTML comments, including ones that span lines, and tags', () => {
    assert.deepEqual(found('<!-- QME\nIron Dome -->QME <span title="QME">Iron Dome</span>', true), ['qme:QME', 'iron-dome:Iron Dome']);
  });
  it('skips front matter only at the start of the document', () => {
    assert.deepEqual(found('---\ntitle: QME\n---\nQME\n---\nIron Dome\n---', true), ['qme:QME', 'iron-dome:Iron Dome']);
  });
  it('matches everything when markdown is off', () => {
    assert.deepEqual(found('`QME`', false), ['qme:QME']);
  });
});

describe('termAt', () => {
  const text = 'Intro with `QME` code.\n\nThe Iron Dome’s radar and QME.';
  const offsetOf = (needle: string, from = 0) => text.indexOf(needle, from);

  it('finds the occurrence under the offset, at its first and last character', () => {
    const start = offsetOf('Iron Dome');
    assert.deepEqual(matcher.at(text, start, { markdown: true }), { termId: 'iron-dome', start, end: start + 'Iron Dome’s'.length });
    assert.equal(matcher.at(text, start + 'Iron Dome’s'.length - 1, { markdown: true })?.termId, 'iron-dome');
    assert.equal(matcher.at(text, start + 'Iron Dome’s'.length, { markdown: true }), undefined);
  });
  it('returns nothing inside code with markdown on', () => {
    assert.equal(matcher.at(text, offsetOf('QME'), { markdown: true }), undefined);
    assert.equal(matcher.at(text, offsetOf('QME'), { markdown: false })?.termId, 'qme');
  });
  it('agrees with findAll at every offset of a mixed document', () => {
    const doc = '---\na: QME\n---\n# QME\n\nIron Dome and `Arrow 3` and [Arrow 3](http://x/QME)\n\n```\nQME\n```\nF-35I MOUs www.x.org/QME David’s Sling';
    const all = matcher.findAll(doc, { markdown: true });
    for (let offset = 0; offset < doc.length; offset++) {
      const expected = all.find((match) => match.start <= offset && offset < match.end);
      assert.deepEqual(matcher.at(doc, offset, { markdown: true }), expected, `offset ${offset}`);
    }
  });
  it('agrees with findAll on generated documents mixing fences, comments, lists and indented code', () => {
    const blocks = [
      'Prose with QME and Iron Dome.',
      '```\nQME in code\n```',
      '```js\nconst x = "Iron Dome";\n```',
      '~~~~\nArrow 3\n```\nstill code QME\n~~~~',
      '<!-- a comment\nwith QME -->after QME',
      '- item about QME\n\n    indented continuation with Iron Dome',
      'Para\n\n    indented code QME',
      'Inline ``` fence ``` mention with QME',
      '  ```\n  QME in an indented fence\n  ```',
      '[Arrow 3](https://x.org/QME) and `QME`',
    ];
    let seed = 42;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let round = 0; round < 25; round++) {
      const parts = Array.from({ length: 12 }, () => blocks[Math.floor(random() * blocks.length)]);
      const doc = parts.join('\n\n');
      const all = matcher.findAll(doc, { markdown: true });
      for (let offset = 0; offset < doc.length; offset++) {
        const expected = all.find((match) => match.start <= offset && offset < match.end);
        assert.deepEqual(matcher.at(doc, offset, { markdown: true }), expected, `round ${round}, offset ${offset} in:\n${doc}`);
      }
    }
  });
  it('sees a fence that opened within the look-back window', () => {
    const doc = `\`\`\`\n${'code line\n'.repeat(200)}QME\n\`\`\`\nQME`;
    assert.equal(matcher.at(doc, doc.indexOf('QME'), { markdown: true }), undefined);
    assert.equal(matcher.at(doc, doc.lastIndexOf('QME'), { markdown: true })?.termId, 'qme');
    assert.ok(doc.length < TERM_AT_LOOKBACK);
  });
  it('handles offsets out of range and a 10 MB single-line document without scanning it', () => {
    assert.equal(matcher.at('QME', -1), undefined);
    assert.equal(matcher.at('QME', 3), undefined);
    assert.equal(matcher.at('QME', 1.5), undefined);
    const huge = `${'word '.repeat(1_000_000)}Iron Dome ${'word '.repeat(1_000_000)}`;
    const offset = huge.indexOf('Iron Dome') + 2;
    assert.equal(matcher.at(huge, offset, { markdown: true })?.termId, 'iron-dome');
    assert.equal(matcher.at(huge, 17, { markdown: true }), undefined);
  });
});

describe('alias rules', () => {
  it('decides case sensitivity by whether the alias is one word', () => {
    assert.equal(aliasIsCaseSensitive('QME'), true);
    assert.equal(aliasIsCaseSensitive('Arrow'), true);
    assert.equal(aliasIsCaseSensitive('Iron Dome'), false);
  });
  it('knows acronyms', () => {
    assert.equal(aliasIsAcronym('QME'), true);
    assert.equal(aliasIsAcronym('F-35I'), true);
    assert.equal(aliasIsAcronym('Adir'), false);
  });
  it('spells hyphenated aliases three ways', () => {
    assert.deepEqual(aliasSpellings('F-35I'), ['F-35I', 'F 35I', 'F35I']);
    assert.deepEqual(aliasSpellings('Iron  Dome'), ['Iron Dome']);
  });
  it('keys aliases as the matcher reads them', () => {
    assert.equal(aliasKey('David’s Sling'), "david's sling");
    assert.equal(aliasKey('F-35I'), 'F 35I');
  });
});

describe('exclusions: an alias inside a phrase that names something else', () => {
  const withExclusions = new TermMatcher([
    { id: 'rafael', aliases: ['Rafael', 'Rafael Advanced Defense Systems'], exclusions: ['Rafael Grossi', 'Rafael Mariano Grossi'] },
    { id: 'iron-dome', aliases: ['Iron Dome'] },
  ]);
  const ids = (text: string) => withExclusions.findAll(text).map((match) => `${match.termId}:${text.slice(match.start, match.end)}`);

  it('gives no card to "Rafael Grossi", in any case, but keeps Rafael elsewhere in the same text', () => {
    assert.deepEqual(ids('IAEA chief Rafael Grossi said Rafael builds Iron Dome.'), ['rafael:Rafael', 'iron-dome:Iron Dome']);
    assert.deepEqual(ids('RAFAEL GROSSI visited; Rafael Mariano Grossi spoke.'), []);
    assert.equal(withExclusions.at('Rafael Grossi said', 2), undefined);
    assert.deepEqual(withExclusions.at('Rafael said', 2), { termId: 'rafael', start: 0, end: 6 });
  });

  it('excludes only the whole phrase: "Rafael Grossian" and a phrase cut by the text end still match', () => {
    assert.deepEqual(ids('Rafael Grossian'), ['rafael:Rafael']);
    assert.deepEqual(ids('Rafael Gros'), ['rafael:Rafael']);
  });
});
