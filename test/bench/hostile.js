// The hostile inputs of the November 2026 security review (F2, F3), measured by `npm run bench`:
// pasted queries of absurd length and the Markdown text that once made `findTerms` quadratic.
// Kept apart from bench.js so the same cases can be run against an older build
// (`node test/bench/hostile.js path/to/core.js path/to/reference-index.json`) for a before/after.
'use strict';
const { performance } = require('perf_hooks');

/**
 * Runs `fn` and returns its time in ms, or the error it threw (reported, not hidden). A case
 * that takes under a second is run five times and the best run is kept: on a shared machine
 * the best run is the figure that measures the code rather than its neighbours.
 */
function timeOnce(fn) {
  const runs = [];
  for (let run = 0; run < 5; run++) {
    const start = performance.now();
    try {
      fn();
    } catch (error) {
      return { ms: performance.now() - start, error: String(error && error.message ? error.message : error).slice(0, 60) };
    }
    runs.push(performance.now() - start);
    if (runs[0] > 1000) break;
  }
  return { ms: Math.min(...runs) };
}

/** The generated worst case for the link-destination scan: `](` repeated with no `)` on one line. */
function unclosedDestinations(pairs) {
  return `QME ${'](' .repeat(pairs)}`;
}

/**
 * Every hostile case, each as { name, ms, error?, target }. Search cases measure one call, as
 * one keystroke would make it; the keystroke cases type a long query seven characters at a
 * time.
 */
function measureHostile(reference) {
  const cases = [];
  const add = (name, run, target) => cases.push({ name, target, ...timeOnce(run) });

  const word20k = 'a'.repeat(20_000);
  const word100k = 'qme'.repeat(33_334);
  const megabyte = 'iron dome arrow '.repeat(65_536);
  add('search, pasted 20,000-letter word', () => reference.search(word20k, { limit: 30 }), 5);
  add('search, pasted 100,000-letter word', () => reference.search(word100k, { limit: 30 }), 5);
  add('search, pasted 1 MB query', () => reference.search(megabyte, { limit: 30 }), 5);
  const twelveWords = 'security defense israel military aid arms sales congress intelligence regional strategic domestic';
  add('search, twelve distinct real words', () => reference.search(twelveWords, { limit: 30 }), 5);
  // Typing: each keystroke searches the whole value so far, as the quick pick does (each keystroke's
  // best of five). The median keystroke, the 95th percentile and the slowest are reported: on a
  // shared machine the slowest is often another process's stall.
  const typed = `${'iron dome arrow davids sling '.repeat(8)}${'x'.repeat(300)}`;
  const keystrokes = [];
  for (let length = 1; length <= typed.length; length += 7) keystrokes.push(timeOnce(() => reference.search(typed.slice(0, length), { limit: 30 })).ms);
  keystrokes.sort((a, b) => a - b);
  const at = (p) => keystrokes[Math.min(keystrokes.length - 1, Math.floor((p / 100) * keystrokes.length))];
  cases.push({ name: `search keystroke p50, typing ${typed.length} characters`, target: 5, ms: at(50) });
  cases.push({ name: `search keystroke p95, typing ${typed.length} characters`, target: 5, ms: at(95) });
  cases.push({ name: `search keystroke max, typing ${typed.length} characters`, target: 5, ms: keystrokes[keystrokes.length - 1] });

  for (const pairs of [10_000, 160_000]) {
    const text = unclosedDestinations(pairs);
    add(`findTerms markdown, "](" x ${pairs.toLocaleString('en')} unclosed (${Math.round(text.length / 1024)} KB)`, () => reference.findTerms(text, { markdown: true }), pairs === 10_000 ? 5 : 50);
  }
  return cases;
}

module.exports = { measureHostile, unclosedDestinations };

if (require.main === module) {
  const { readFileSync } = require('fs');
  const { join, resolve } = require('path');
  const root = join(__dirname, '..', '..');
  const core = require(resolve(process.argv[2] || join(root, 'dist', 'core.js')));
  const reference = core.loadReference(readFileSync(resolve(process.argv[3] || join(root, 'dist', 'reference-index.json')), 'utf8'));
  reference.search('warm up', { limit: 1 });
  for (const result of measureHostile(reference)) {
    console.log(`${result.name.padEnd(60)} ${result.ms.toFixed(2).padStart(12)} ms${result.error ? `  threw: ${result.error}` : ''}`);
  }
}
