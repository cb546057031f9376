// Huge and broken inputs for the workspace glossaries and the composed reference, measured by
// `npm run bench` (and alone: `node test/bench/workspace.js`). Each case prints its time and its
// outcome: the terms it loaded, the clear error it gave, or that it was a no-op. Nothing here
// asserts a time; the in-editor suite and the unit tests check the outcomes.
'use strict';
const { performance } = require('perf_hooks');

/** Time of one run of `fn`, in ms, with its result or the error it threw. */
function timed(fn) {
  const start = performance.now();
  try {
    const result = fn();
    return { ms: performance.now() - start, result };
  } catch (error) {
    return { ms: performance.now() - start, error: String(error && error.message ? error.message : error).slice(0, 100) };
  }
}

const SOURCE = { id: 'bench-src', title: 'Bench source', publisher: 'Bench', date: '2024', url: 'https://www.example.org/bench', type: 'research' };

/** A valid term whose aliases are `aliasCount` distinct capitalised words. */
function benchTerm(index, aliasCount, padding = 0) {
  const code = `BT${index.toString(36).toUpperCase()}`;
  return {
    id: `bench-term-${index}`,
    title: `Bench term ${index}`,
    shortTitle: `Bench ${index}`,
    aliases: Array.from({ length: aliasCount }, (_, alias) => `${code}X${alias.toString(36).toUpperCase()}`),
    category: 'concepts-and-doctrine',
    summary: `A generated term for the benchmark${padding ? ` ${'x'.repeat(padding)}` : ''}.`,
    facts: [
      { text: 'One.', sources: ['bench-src'], at: { 'bench-src': 'p. 1' } },
      { text: 'Two.', sources: ['bench-src'], at: { 'bench-src': 'p. 2' } },
    ],
    sources: ['bench-src'],
    asOf: '2025',
  };
}

function glossaryText(terms, indent = 1) {
  return JSON.stringify({ terms, sources: [SOURCE] }, null, indent);
}

/** As many terms as fit (at most `count`), padded so the file is just under `bytes` characters. */
function glossaryOfSize(count, bytes) {
  const perTerm = glossaryText([benchTerm(1000, 2)]).length - glossaryText([]).length + 2;
  const fitting = Math.min(count, Math.floor(bytes / perTerm));
  const base = glossaryText(Array.from({ length: fitting }, (_, index) => benchTerm(index, 2))).length;
  const padding = Math.max(0, Math.floor((bytes - base) / fitting) - 2);
  return glossaryText(Array.from({ length: fitting }, (_, index) => benchTerm(index, 2, Math.min(padding, 200))));
}

function outcome(glossary) {
  const errors = glossary.problems.filter((problem) => problem.severity === 'error');
  if (errors.length === 0) return `${glossary.terms.length} terms loaded`;
  return `${glossary.terms.length} terms loaded; error: ${errors[0].field}: ${errors[0].reason.slice(0, 70)}${errors.length > 1 ? ` (+${errors.length - 1})` : ''}`;
}

/**
 * Every case, each as { name, ms, outcome }.
 *
 * @example
 *   measureWorkspaceInputs(require('dist/core.js'), reference).forEach((row) => console.log(row.name, row.ms));
 */
function measureWorkspaceInputs(core, reference) {
  const ids = core.bundledIds(reference);
  const rows = [];
  const read = (name, text) => {
    const run = timed(() => core.readWorkspaceGlossaries([{ glossary: { path: 'bench.terms.json', text } }], ids));
    rows.push({ name, ms: run.ms, outcome: run.error ? `threw: ${run.error}` : outcome(run.result) });
    return run.result;
  };

  // Glossary files: the largest accepted, one byte over, malformed, hostile shapes.
  const megabyte = glossaryOfSize(2000, core.GLOSSARY_LIMITS.maxFileLength - 1024);
  const full = read(`glossary: ${(megabyte.length / 1024).toFixed(0)} KB (just under the 1 MB bound)`, megabyte);
  read('glossary: 1 MB + 1 character', `${megabyte}${' '.repeat(core.GLOSSARY_LIMITS.maxFileLength - megabyte.length + 1)}`);
  read('glossary: 2,001 terms', glossaryText(Array.from({ length: 2001 }, (_, index) => benchTerm(index, 1))));
  read('malformed: 1 MB cut off mid-string', megabyte.slice(0, megabyte.length - 10).replace(/"[^"]*$/, '"unterminated'));
  read('malformed: 1 MB of "["', '['.repeat(core.GLOSSARY_LIMITS.maxFileLength));
  read('malformed: a stray comma at the end of 1 MB', megabyte.replace(/\]\s*\}\s*$/, ',]}'));
  read('malformed: 1 MB of one unclosed string', `[\"${'x'.repeat(core.GLOSSARY_LIMITS.maxFileLength - 3)}`);
  read('one alias with 40 hyphens', glossaryText([{ ...benchTerm(0, 1), aliases: [`A${'-B'.repeat(40)}`] }]));
  read('one term with 10,000 aliases', glossaryText([benchTerm(0, 10_000)]));
  const tenThousand = read('10,000 aliases (2,000 terms x 5)', glossaryText(Array.from({ length: 2000 }, (_, index) => benchTerm(index, 5)), 0));

  // The composed reference over the largest glossaries: build, first look-ups, search.
  for (const [label, glossary] of [
    [`${full.terms.length.toLocaleString('en')} terms (1 MB)`, full],
    ['10,000 aliases', tenThousand],
  ]) {
    const built = timed(() => new core.ComposedReference(reference, glossary, 'bundled'));
    const composed = built.result;
    rows.push({ name: `compose with ${label} (alias clash check)`, ms: built.ms, outcome: `${composed.terms().length} terms` });
    const first = timed(() => composed.termAt('The BT0X0 plan', 5));
    rows.push({ name: `first hover with ${label} (compiles the matcher)`, ms: first.ms, outcome: first.result ? first.result.termId : 'no term' });
    const search = timed(() => composed.search('bench term 1999', { limit: 30 }));
    rows.push({ name: `first search with ${label} (builds the small index)`, ms: search.ms, outcome: `${search.result.length} hits` });
  }

  // Huge drafts and a huge query against the composed reference with the 10,000-alias glossary.
  const composed = new core.ComposedReference(reference, tenThousand, 'bundled');
  composed.termAt('warm BT0X0', 6);
  const sentence = 'The committee weighed BT1X2 and the Iron Dome budget, and QME again. ';
  const singleLine = sentence.repeat(Math.ceil((10 * 1024 * 1024) / sentence.length)).slice(0, 10 * 1024 * 1024);
  const manyLines = Array.from({ length: 200_000 }, (_, index) => (index % 3 === 0 ? `Line ${index} names BT2X1 and QME.` : `Line ${index} of plain prose.`)).join('\n');
  for (const [label, text] of [
    ['10 MB single-line draft', singleLine],
    [`200,000-line draft (${(manyLines.length / 1024 / 1024).toFixed(1)} MB)`, manyLines],
  ]) {
    const hover = timed(() => composed.termAt(text, Math.floor(text.length / 2) + 2, { markdown: true }));
    rows.push({ name: `${label}: hover at the middle`, ms: hover.ms, outcome: hover.result ? `card for ${hover.result.termId}` : 'no term there' });
    const all = timed(() => composed.findTerms(text, { markdown: true }).length);
    rows.push({ name: `${label}: every term, Markdown on (the aids skip drafts over 2 MB)`, ms: all.ms, outcome: all.error ? `threw: ${all.error}` : `${all.result} occurrences` });
  }
  const query = 'iron dome arrow BT1X2 '.repeat(Math.ceil((1024 * 1024) / 22)).slice(0, 1024 * 1024);
  const pasted = timed(() => composed.search(query, { limit: 30 }));
  rows.push({ name: '1 MB pasted query (composed search)', ms: pasted.ms, outcome: pasted.error ? `threw: ${pasted.error}` : `${pasted.result.length} hits` });
  const word = timed(() => composed.search('q'.repeat(100_000), { limit: 30 }));
  rows.push({ name: '100,000-letter word (composed search)', ms: word.ms, outcome: word.error ? `threw: ${word.error}` : `${word.result.length} hits` });
  return rows;
}

function print(rows) {
  const width = Math.max(...rows.map((row) => row.name.length));
  for (const row of rows) console.log(`${row.name.padEnd(width)}  ${`${row.ms.toFixed(1)} ms`.padStart(11)}  ${row.outcome}`);
}

module.exports = { measureWorkspaceInputs, print };

if (require.main === module) {
  const { readFileSync } = require('fs');
  const { join } = require('path');
  const root = join(__dirname, '..', '..');
  const core = require(join(root, 'dist', 'core.js'));
  const reference = core.loadReference(readFileSync(join(root, 'dist', 'reference-index.json'), 'utf8'));
  reference.search('warm up', { limit: 1 });
  print(measureWorkspaceInputs(core, reference));
}
