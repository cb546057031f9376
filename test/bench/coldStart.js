#!/usr/bin/env node
// The cold-start section of `npm run bench`: what a writer waits for in a fresh process, the
// state right after activation, where the warm figures (one process, JIT warmed) say nothing.
// Each figure is the median of fresh Node processes, run alternately for the design on this
// branch and for a baseline in the same run, so that the load of a shared machine falls on both.
//
// The baseline is the design before the index was split (one reference-index.json, read and
// parsed whole, the matcher compiled from the aliases and the lists sorted at load), built from
// BASELINE_COMMIT's sources by esbuild into dist/test/baseline/ and fed today's single index
// file. Without git history (a shallow clone) it falls back to today's code reading the single
// file, and says so.
//
//   node test/bench/coldStart.js          prints the section alone (after `npm run build:prod`)
//   node test/bench/coldStart.js --child  one measurement; used by the section itself
'use strict';
const { spawnSync } = require('child_process');
const { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync } = require('fs');
const { join } = require('path');
const { tmpdir } = require('os');
const { BASELINE_COMMIT, exportBaseline } = require('./baseline.js');

const RUNS = 11;

/**
 * One measurement in this fresh process: prints `{ hover, search }` (`hover`, or `preloaded`:
 * the library read between the two, as the extension does in idle time) or `{ draft }`, in ms.
 */
function child() {
  const [, , , scenario, corePath, draftPath] = process.argv;
  const draft = readFileSync(draftPath, 'utf8');
  // The hovered word: the first "Iron Dome" of the draft, as a writer's first hover would be.
  const offset = draft.indexOf('Iron Dome') + 2;
  const { performance } = require('perf_hooks');
  const started = performance.now();
  const core = require(corePath);
  const reference = core.loadBundledReference();
  if (scenario === 'draft') {
    const terms = reference.draftTerms(draft, { markdown: true });
    const draftMs = performance.now() - started;
    if (terms.length === 0) throw new Error('the draft scan found no terms');
    process.stdout.write(JSON.stringify({ draft: draftMs }));
    return;
  }
  const match = reference.termAt(draft, offset, { markdown: true });
  // What the card shows: the term's record and the sources it cites.
  const term = match && reference.entry(match.termId);
  const cited = term ? [...term.sources, ...term.facts.flatMap((fact) => fact.sources)].map((id) => reference.source(id)) : [];
  const hoverMs = performance.now() - started;
  if (match?.termId !== 'iron-dome' || cited.length === 0 || !cited.every(Boolean)) throw new Error(`the first hover found ${JSON.stringify(match)}`);
  // What the extension does in idle time after the terms part: read the library, restore the index.
  if (scenario === 'preloaded') reference.loadLibrary({ searchIndex: true });
  const searchStarted = performance.now();
  const hits = reference.search('iron dome', { limit: 20 });
  const searchMs = performance.now() - searchStarted;
  if (hits[0]?.id !== 'iron-dome') throw new Error('the first search did not find Iron Dome');
  process.stdout.write(JSON.stringify({ hover: hoverMs, search: searchMs }));
}

/** Builds the baseline's dist/core.js from BASELINE_COMMIT; returns its path and how it was made. */
function buildBaseline(root) {
  const outDir = join(root, 'dist', 'test', 'baseline');
  const corePath = join(outDir, 'core.js');
  mkdirSync(outDir, { recursive: true });
  let sources;
  try {
    sources = exportBaseline(root, ['src']);
    require('esbuild').buildSync({
      entryPoints: [join(sources, 'src', 'node', 'coreApi.ts')],
      outfile: corePath,
      bundle: true,
      minify: true,
      platform: 'node',
      format: 'cjs',
      target: 'es2022',
      nodePaths: [join(root, 'node_modules')],
      logLevel: 'error',
    });
    copyFileSync(join(root, 'dist', 'reference-index.json'), join(outDir, 'reference-index.json'));
    return { corePath, label: `single index file, code of ${BASELINE_COMMIT}` };
  } catch {
    // Today's code still reads the single file through `loadReference`.
    writeFileSync(corePath, `const core = require(${JSON.stringify(join(root, 'dist', 'core.js'))});\nmodule.exports = { ...core, loadBundledReference: () => core.loadReference(require('fs').readFileSync(${JSON.stringify(join(root, 'dist', 'reference-index.json'))}, 'utf8')) };\n`);
    return { corePath, label: `single index file through today's code (no git history for ${BASELINE_COMMIT})` };
  } finally {
    if (sources) rmSync(sources, { recursive: true, force: true });
  }
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function runChild(scenario, corePath, draftPath) {
  const result = spawnSync(process.execPath, [__filename, '--child', scenario, corePath, draftPath], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`cold-start child (${scenario}, ${corePath}) failed: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

/**
 * Measures the cold start of the design in `root`/dist against the baseline, `runs` fresh
 * processes each, alternating. Returns rows for the bench's `report(name, value, unit, baseline, target)`.
 */
function measureColdStart(root, draft50, runs = RUNS) {
  const baseline = buildBaseline(root);
  const current = join(root, 'dist', 'core.js');
  const draftPath = join(mkdtempSync(join(tmpdir(), 'reference-draft-')), 'draft.md');
  // The first hover lands on Iron Dome; a draft without one gets it in its first line.
  writeFileSync(draftPath, draft50.includes('Iron Dome') ? draft50 : `The Iron Dome battery.\n\n${draft50}`);
  const samples = { current: { hover: [], search: [], draft: [], preloaded: [] }, baseline: { hover: [], search: [], draft: [] } };
  for (let run = 0; run < runs; run++) {
    for (const [name, corePath] of run % 2 === 0 ? [['current', current], ['baseline', baseline.corePath]] : [['baseline', baseline.corePath], ['current', current]]) {
      const first = runChild('hover', corePath, draftPath);
      samples[name].hover.push(first.hover);
      samples[name].search.push(first.search);
      samples[name].draft.push(runChild('draft', corePath, draftPath).draft);
      if (name === 'current') samples.current.preloaded.push(runChild('preloaded', corePath, draftPath).search);
    }
  }
  rmSync(draftPath, { force: true });
  const load = require('os').loadavg()[0].toFixed(1);
  const kb = (text) => `${(Buffer.byteLength(text) / 1024).toFixed(0)} KB`;
  return {
    note: `cold start: median of ${runs} fresh Node processes each; baseline = ${baseline.label}; load average ${load}; draft ${kb(draft50)}`,
    rows: [
      ['cold first hover (require + load + first termAt + the card\'s term and sources)', median(samples.current.hover), 'ms', median(samples.baseline.hover), 20],
      ['cold first search, after that hover', median(samples.current.search), 'ms', median(samples.baseline.search), 30],
      ['first search, library read in idle time first (as the extension does)', median(samples.current.preloaded), 'ms', median(samples.baseline.search), 30],
      ['cold first draft scan (require + load + draftTerms, 50 KB)', median(samples.current.draft), 'ms', median(samples.baseline.draft), 30],
    ],
  };
}

/**
 * The warm figures of both designs in this one process, interleaved, so that a loaded machine
 * cannot pass a regression off as noise: termAt p95, findTerms throughput and search p95 of the
 * split index against the baseline's code on the single file.
 */
function measureWarmAgainstBaseline(root, text, queries, rounds = 6) {
  const { performance } = require('perf_hooks');
  const baseline = buildBaseline(root);
  const designs = { current: require(join(root, 'dist', 'core.js')).loadBundledReference(), baseline: require(baseline.corePath).loadBundledReference() };
  const samples = { current: { termAt: [], findTerms: [], search: [] }, baseline: { termAt: [], findTerms: [], search: [] } };
  let seed = 12;
  const offsets = Array.from({ length: 300 }, () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return Math.floor((seed / 2147483648) * text.length);
  });
  const megabytes = text.length / (1024 * 1024);
  for (const reference of Object.values(designs)) {
    reference.findTerms(text, { markdown: true });
    for (const query of queries) reference.search(query, { limit: 20 });
  }
  for (let round = 0; round < rounds; round++) {
    for (const name of round % 2 === 0 ? ['current', 'baseline'] : ['baseline', 'current']) {
      const reference = designs[name];
      for (const offset of offsets) {
        const started = performance.now();
        reference.termAt(text, offset, { markdown: true });
        samples[name].termAt.push(performance.now() - started);
      }
      const started = performance.now();
      reference.findTerms(text, { markdown: true });
      samples[name].findTerms.push(megabytes / ((performance.now() - started) / 1000));
      for (const query of queries) {
        const queryStarted = performance.now();
        reference.search(query, { limit: 20 });
        samples[name].search.push(performance.now() - queryStarted);
      }
    }
  }
  const p95 = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.95)];
  return {
    note: `warm A/B: ${rounds} interleaved rounds in one process; baseline = ${baseline.label}`,
    rows: [
      ['warm A/B: termAt p95, 1 MB wrapped', p95(samples.current.termAt), 'ms', p95(samples.baseline.termAt)],
      ['warm A/B: findTerms throughput, median', median(samples.current.findTerms), 'MB/s', median(samples.baseline.findTerms), undefined, false],
      ['warm A/B: search p95', p95(samples.current.search), 'ms', p95(samples.baseline.search)],
    ],
  };
}

module.exports = { measureColdStart, measureWarmAgainstBaseline };

if (require.main === module) {
  if (process.argv[2] === '--child') {
    child();
  } else {
    const root = join(__dirname, '..', '..');
    if (!existsSync(join(root, 'dist', 'reference-terms.jsonl'))) throw new Error('Build first: npm run build:prod');
    // A 50 KB draft: the sample drafts repeated, so that it holds prose, lists, links and code.
    const sample = ['aid-and-the-2016-mou.md', 'missile-defense-briefing.md', 'regional-diplomacy-notes.md'].map((name) => readFileSync(join(root, 'sample', name), 'utf8')).join('\n\n');
    let draft = '';
    while (draft.length < 50 * 1024) draft += `${sample}\n\n`;
    const { note, rows } = measureColdStart(root, draft.slice(0, 50 * 1024));
    console.log(note);
    for (const [name, value, unit, base, target] of rows) {
      console.log(`${name.padEnd(72)} ${`${value.toFixed(1)} ${unit}`.padStart(10)}  ${(value / base).toFixed(3)}x baseline (${base.toFixed(1)} ${unit})  ${value <= target ? 'meets' : 'MISSES'} <= ${target}`);
    }
  }
}
