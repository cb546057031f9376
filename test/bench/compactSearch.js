#!/usr/bin/env node
// The compact search index (src/core/compactSearch.ts) against minisearch's `loadJS`, on the
// serialised index `npm run build` writes: sizes, the cold cost in fresh Node processes (each
// figure the median of `runs` processes per design, the two alternating so a loaded machine
// weighs on both), and the warm search p50/p95 over the bench's queries. Reported, never asserted.
//
//   npm run build && node test/bench/compactSearch.js [runs]
//   node test/bench/compactSearch.js --child compact|mini DIR   one measurement; used by the above
'use strict';
const { spawnSync } = require('child_process');
const { mkdtempSync, readFileSync, rmSync, writeFileSync, statSync } = require('fs');
const { join } = require('path');
const { tmpdir, loadavg } = require('os');
const { gzipSync } = require('zlib');

const root = join(__dirname, '..', '..');

/** test/bench/bench.js `QUERIES`. */
const QUERIES = ['q', 'qm', 'qme', 'ir', 'iron', 'iron d', 'iron dome', 'iron bem', 'arow 3', 'arrow 3', 'davids sling', '38 billion', 'fmf', 'foreign military fin', 'mou 2016', 'abraham', 'hezbolah', 'nickel grass', 'thaad', 'f-35', 'leahy', 'aipac', 'loan guarantees', 'yom kippur', 'centcom', 'qualitative military edge', 'missile defense cooperation', 'offshore procurement', '1973', 'juniper'];

/** Bundles each side on its own, minified as the extension is, so `require` costs what it would. */
function prepare(dir) {
  const esbuild = require('esbuild');
  const bundle = (name, contents) =>
    esbuild.buildSync({ stdin: { contents, resolveDir: root, loader: 'ts' }, outfile: join(dir, `${name}.js`), bundle: true, minify: true, platform: 'node', format: 'cjs', target: 'es2022', legalComments: 'none', logLevel: 'error' });
  bundle('compact', "export { CompactSearchIndex, compactIndexFromMiniSearch } from './src/core/compactSearch'; import { CompactSearchIndex } from './src/core/compactSearch'; export const load = (data) => CompactSearchIndex.load(data);");
  bundle('runtime', "export { CompactSearchIndex } from './src/core/compactSearch';");
  bundle('mini', "import MiniSearch from 'minisearch'; import { INDEX_OPTIONS } from './src/core/searchIndex'; export const load = (data) => MiniSearch.loadJS(data, INDEX_OPTIONS);");
  // Required by both children before the clock starts: the project's query options.
  bundle('options', "export { QUERY_OPTIONS } from './src/core/searchIndex';");
  const indexFile = JSON.parse(readFileSync(join(root, 'dist', 'reference-index.json'), 'utf8'));
  if (indexFile.index?.serializationVersion !== 2) throw new Error('dist/reference-index.json holds no serialised minisearch index under "index"; run `npm run build`.');
  const miniJson = JSON.stringify(indexFile.index);
  writeFileSync(join(dir, 'mini.json'), miniJson);
  writeFileSync(join(dir, 'compact.json'), JSON.stringify(require(join(dir, 'compact.js')).compactIndexFromMiniSearch(JSON.parse(miniJson))));
}

/** One fresh process: require the bundle, parse, load, then the AND and OR searches `Reference.search` makes. */
function child(which, dir) {
  const { performance } = require('perf_hooks');
  const { QUERY_OPTIONS } = require(join(dir, 'options.js'));
  const text = readFileSync(join(dir, `${which}.json`), 'utf8');
  const started = performance.now();
  const bundle = require(join(dir, `${which}.js`));
  const required = performance.now();
  const parsed = JSON.parse(text);
  const parsedAt = performance.now();
  const index = bundle.load(parsed);
  const loaded = performance.now();
  const hits = index.search('iron dome', { ...QUERY_OPTIONS, combineWith: 'AND' });
  const searched = performance.now();
  index.search('iron dome', { ...QUERY_OPTIONS, combineWith: 'OR' });
  const done = performance.now();
  if (hits[0]?.id !== 'iron-dome') throw new Error(`the first search found ${hits[0]?.id}`);
  process.stdout.write(JSON.stringify({ require: required - started, parse: parsedAt - required, load: loaded - parsedAt, 'first search (AND)': searched - loaded, 'then OR': done - searched, 'parse + load + first search': searched - required }));
}

function percentile(samples, p) {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/**
 * Warm p50/p95 of one `search` call, AND and OR, over the bench's queries: both designs in this
 * process, their rounds interleaved so that a loaded machine weighs on both.
 */
function warm(dir) {
  const { performance } = require('perf_hooks');
  const { QUERY_OPTIONS } = require(join(dir, 'options.js'));
  const designs = ['compact', 'mini'].map((which) => ({ which, index: require(join(dir, `${which}.js`)).load(JSON.parse(readFileSync(join(dir, `${which}.json`), 'utf8'))), samples: [] }));
  for (let round = 0; round < 40; round++) {
    for (const design of round % 2 === 0 ? designs : [...designs].reverse()) {
      for (const query of QUERIES) {
        for (const combineWith of ['AND', 'OR']) {
          const started = performance.now();
          design.index.search(query, { ...QUERY_OPTIONS, combineWith });
          if (round >= 10) design.samples.push(performance.now() - started);
        }
      }
    }
  }
  return designs.map(({ which, samples }) => ({ which, p50: percentile(samples, 50), p95: percentile(samples, 95), count: samples.length }));
}

function main() {
  const runs = Number(process.argv[2] ?? 9);
  const dir = mkdtempSync(join(tmpdir(), 'compact-search-'));
  try {
    prepare(dir);
    const kb = (name) => `${(statSync(join(dir, name)).size / 1024).toFixed(0)} KB (${(gzipSync(readFileSync(join(dir, name))).length / 1024).toFixed(0)} KB gzipped)`;
    console.log(`index JSON: compact ${kb('compact.json')}, minisearch ${kb('mini.json')}`);
    console.log(`minified bundle: CompactSearchIndex + searchTerms ${kb('runtime.js')}; with the build-time converter ${kb('compact.js')}; minisearch + searchIndex.ts ${kb('mini.js')}`);
    const samples = { compact: [], mini: [] };
    for (let run = 0; run < runs; run++) {
      for (const which of run % 2 === 0 ? ['compact', 'mini'] : ['mini', 'compact']) {
        const result = spawnSync(process.execPath, [__filename, '--child', which, dir], { encoding: 'utf8' });
        if (result.status !== 0) throw new Error(`child ${which} failed: ${result.stderr}`);
        samples[which].push(JSON.parse(result.stdout));
      }
    }
    console.log(`cold, median of ${runs} fresh processes each (load average ${loadavg()[0].toFixed(1)}), ms:`);
    for (const which of ['compact', 'mini']) {
      console.log(`  ${which.padEnd(8)} ${Object.keys(samples[which][0]).map((key) => `${key} ${percentile(samples[which].map((sample) => sample[key]), 50).toFixed(2)}`).join(' | ')}`);
    }
    console.log(`warm, one search() call over ${QUERIES.length} queries x AND/OR, ms:`);
    for (const { which, p50, p95, count } of warm(dir)) console.log(`  ${which.padEnd(8)} p50 ${p50.toFixed(3)} | p95 ${p95.toFixed(3)} (${count} calls)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') child(process.argv[3], process.argv[4]);
else main();
