#!/usr/bin/env node
// `npm run bench:figures`: the figure check's precision and recall on the labeled corpus
// (test/fixtures/figures/corpus.md), every miss and false alarm, and its speed on the benchmark
// draft. Timings are reported, never asserted.
'use strict';
const { readFileSync } = require('fs');
const { join } = require('path');
const { performance } = require('perf_hooks');
const { loadCorpus, scoreCorpus } = require('../fixtures/figures/corpus.js');

const root = join(__dirname, '..', '..');
const core = require(join(root, 'dist', 'core.js'));
const reference = core.loadReference(readFileSync(join(root, 'dist', 'reference-index.json'), 'utf8'));

const paragraphs = loadCorpus();
const score = scoreCorpus((text) => reference.checkFigures(text, { markdown: true }), paragraphs);
console.log(`figure corpus: ${score.paragraphs} paragraphs (${score.wrongParagraphs} with a planted wrong figure, ${score.cleanParagraphs} clean), ${score.planted} planted figures`);
console.log(`  precision ${score.precision.toFixed(2)} (${score.hits.length} right of ${score.hits.length + score.falseAlarms.length} flagged; target 1.00)`);
console.log(`  recall    ${score.recall.toFixed(2)} (${score.hits.length} of ${score.planted} planted found; target ≥ 0.90)`);
for (const miss of score.misses) console.log(`  MISS        [${miss.label}] "${miss.planted.stated}" (expected → ${miss.planted.replacement})`);
for (const alarm of score.falseAlarms) {
  const what = alarm.wrongReplacement !== undefined ? `wrong fix → ${alarm.finding.replacement} (expected ${alarm.wrongReplacement})` : `→ ${alarm.finding.replacement}`;
  console.log(`  FALSE ALARM [${alarm.label}] "${alarm.finding.stated}" ${what}: ${alarm.finding.message}`);
}

// Speed: the corpus repeated to about 1 MB (figure-dense), and the same prose-heavy draft shape
// `npm run bench` uses (term mentions, lists, links, code), both as Markdown.
function repeatTo(text, bytes) {
  const parts = [];
  let length = 0;
  while (length < bytes) {
    parts.push(text);
    length += text.length + 2;
  }
  return parts.join('\n\n');
}
const corpusText = paragraphs.map((paragraph) => paragraph.text.trim()).join('\n\n');
const dense = repeatTo(corpusText, 1_000_000);
const { prng, generateDraft, wrap } = require('./draft.js');
// The same draft `npm run bench` measures (same seed), and a figure-dense one.
const prose = wrap(generateDraft(1024 * 1024, prng(20161409), reference.terms().flatMap((term) => term.aliases)), 80);

function throughput(name, text) {
  reference.checkFigures(text, { markdown: true });
  const samples = [];
  let findings = 0;
  for (let run = 0; run < 7; run++) {
    const start = performance.now();
    findings = reference.checkFigures(text, { markdown: true }).length;
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const ms = samples[3];
  const mbPerSecond = text.length / 1e6 / (ms / 1000);
  // Term matching alone, on the same text: the floor the check stands on, and a gauge of how loaded the machine is.
  const termSamples = [];
  for (let run = 0; run < 5; run++) {
    const start = performance.now();
    reference.findTerms(text, { markdown: true });
    termSamples.push(performance.now() - start);
  }
  termSamples.sort((a, b) => a - b);
  console.log(`  ${name}: ${(text.length / 1e6).toFixed(2)} MB in ${ms.toFixed(1)} ms median = ${mbPerSecond.toFixed(1)} MB/s (target ≥ 10), ${findings} findings; findTerms alone ${termSamples[2].toFixed(1)} ms`);
}
console.log('speed, checkFigures(text, { markdown: true }):');
throughput('the benchmark draft of npm run bench (1 MB, wrapped at 80 columns)', prose);
throughput('figure-dense draft (the corpus repeated)', dense);

// Incremental: re-checking one paragraph after an edit, as the editor does.
const middle = Math.floor(dense.length / 2);
const from = core.paragraphStart(dense, middle);
const to = core.paragraphEnd(dense, middle);
const samples = [];
for (let run = 0; run < 200; run++) {
  const start = performance.now();
  reference.checkFiguresBetween(dense, from, to, { markdown: true });
  samples.push(performance.now() - start);
}
samples.sort((a, b) => a - b);
console.log(`  one paragraph of the 1 MB draft re-checked: ${samples[100].toFixed(3)} ms median, ${samples[190].toFixed(3)} ms p95`);
