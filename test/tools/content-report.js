#!/usr/bin/env node
// `npm run content:report`: a plain-text health report on data/ for the people who edit it.
// It reads data/ afresh and validates it with the core in dist/core.js (build first), so the
// report always describes the files on disk, with the same rules as `npm run build`.
//
// Usage: node test/tools/content-report.js [--today YYYY-MM-DD] [--data path/to/data]
'use strict';
const { readdirSync, readFileSync, existsSync } = require('fs');
const { join, relative } = require('path');

const root = join(__dirname, '..', '..');
const corePath = join(root, 'dist', 'core.js');
if (!existsSync(corePath)) {
  console.error('dist/core.js is missing: run `npm run build` first.');
  process.exit(2);
}
const { validateContent, DEFAULT_LIMITS, isValidPartialDate } = require(corePath);

function option(name) {
  const index = process.argv.indexOf(name);
  return index > 0 ? process.argv[index + 1] : undefined;
}

const dataDirectory = option('--data') ?? join(root, 'data');
const todayText = option('--today') ?? new Date().toISOString().slice(0, 10);
if (!/^\d{4}-\d{2}-\d{2}$/.test(todayText) || !isValidPartialDate(todayText)) {
  console.error(`--today "${todayText}" is not a date (YYYY-MM-DD).`);
  process.exit(2);
}

/** The same files, in the same order, that the build reads. */
function readContentFiles() {
  const files = [];
  for (const folder of ['sections', 'terms', 'events', 'sources']) {
    const folderPath = join(dataDirectory, folder);
    if (!existsSync(folderPath)) continue;
    for (const name of readdirSync(folderPath).sort()) {
      if (!name.endsWith('.md') && !name.endsWith('.json')) continue;
      const path = join(folderPath, name);
      files.push({ path: relative(join(dataDirectory, '..'), path).split('\\').join('/'), text: readFileSync(path, 'utf8') });
    }
  }
  return files;
}

/**
 * The last day a partial date can mean, so that "2024" is stale only once all of 2024 is more
 * than a year old.
 */
function latestDay(partialDate) {
  const [year, month, day] = partialDate.split('-').map(Number);
  if (day) return new Date(Date.UTC(year, month - 1, day));
  if (month) return new Date(Date.UTC(year, month, 0));
  return new Date(Date.UTC(year, 11, 31));
}

function hostOf(url) {
  try {
    return new URL(url).hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return '(not a URL)';
  }
}

function countBy(items, keyOf) {
  const counts = new Map();
  for (const item of items) counts.set(keyOf(item), (counts.get(keyOf(item)) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || String(a[0]).localeCompare(String(b[0])));
}

function heading(text) {
  console.log(`\n${text}\n${'-'.repeat(text.length)}`);
}

/** Words joined into lines of at most `width` characters, each indented. */
function wrap(words, width = 96, indent = '    ') {
  const lines = [];
  let line = '';
  for (const word of words) {
    if (line && line.length + word.length + 2 > width) {
      lines.push(indent + line);
      line = word;
    } else line = line ? `${line}, ${word}` : word;
  }
  if (line) lines.push(indent + line);
  return lines.join('\n');
}

const files = readContentFiles();
const { data, problems, warnings } = validateContent(files, DEFAULT_LIMITS);

console.log(`Content report for ${relative(process.cwd(), dataDirectory) || '.'} — ${todayText}`);
if (problems.length > 0) {
  console.log(`\n${problems.length} problem(s) make the data invalid (the build would stop); the counts below cover what could be read:`);
  for (const problem of problems.slice(0, 20)) console.log(`  ${problem}`);
  if (problems.length > 20) console.log(`  … and ${problems.length - 20} more (run npm run build)`);
}

heading('Counts');
const factCount = data.terms.reduce((sum, term) => sum + term.facts.length, 0);
console.log(`  sections ${data.sections.length}   terms ${data.terms.length}   events ${data.events.length}   sources ${data.sources.length}   (term facts ${factCount})`);

heading('Terms whose asOf is more than a year before today');
const today = latestDay(todayText);
const yearAgo = new Date(Date.UTC(today.getUTCFullYear() - 1, today.getUTCMonth(), today.getUTCDate()));
const stale = data.terms.filter((term) => term.asOf !== undefined && latestDay(term.asOf) < yearAgo).sort((a, b) => a.asOf.localeCompare(b.asOf));
const undated = data.terms.filter((term) => term.asOf === undefined);
if (stale.length === 0) console.log('  none');
for (const term of stale) console.log(`  ${term.asOf.padEnd(10)}  ${term.id}`);
if (undated.length > 0) console.log(`  no asOf at all (${undated.length}):\n${wrap(undated.map((term) => term.id))}`);

heading('Sources by type');
for (const [type, count] of countBy(data.sources, (source) => source.type)) console.log(`  ${String(count).padStart(4)}  ${type}`);

heading('Sources by host');
const hosts = countBy(data.sources, (source) => hostOf(source.url));
for (const [host, count] of hosts.filter(([, count]) => count > 1)) console.log(`  ${String(count).padStart(4)}  ${host}`);
const singleHosts = hosts.filter(([, count]) => count === 1).map(([host]) => host);
if (singleHosts.length > 0) console.log(`     1  each (${singleHosts.length} hosts):\n${wrap(singleHosts)}`);

heading('What each source carries (term facts / events / sections citing it)');
const carried = new Map(data.sources.map((source) => [source.id, { facts: 0, events: 0, sections: 0, termLists: 0 }]));
for (const term of data.terms) {
  for (const fact of term.facts) for (const id of fact.sources) if (carried.has(id)) carried.get(id).facts += 1;
  for (const id of term.sources) if (carried.has(id)) carried.get(id).termLists += 1;
}
for (const event of data.events) for (const id of event.sources) if (carried.has(id)) carried.get(id).events += 1;
for (const section of data.sections) for (const id of section.sources) if (carried.has(id)) carried.get(id).sections += 1;
const byUse = data.sources
  .map((source) => ({ source, use: carried.get(source.id) }))
  .sort((a, b) => b.use.facts + b.use.events + b.use.sections - (a.use.facts + a.use.events + a.use.sections) || a.source.id.localeCompare(b.source.id));
console.log('  facts events sections  source (type)');
for (const { source, use } of byUse.filter(({ use }) => use.facts + use.events + use.sections > 0)) {
  console.log(`  ${String(use.facts).padStart(5)} ${String(use.events).padStart(6)} ${String(use.sections).padStart(8)}  ${source.id} (${source.type})`);
}
const listedOnly = byUse.filter(({ use }) => use.facts + use.events + use.sections === 0 && use.termLists > 0).map(({ source }) => source.id);
const unused = byUse.filter(({ use }) => use.facts + use.events + use.sections + use.termLists === 0).map(({ source }) => source.id);
if (listedOnly.length > 0) console.log(`  backing no fact, only listed in a term's sources (${listedOnly.length}):\n${wrap(listedOnly)}`);
if (unused.length > 0) console.log(`  cited nowhere (${unused.length}):\n${wrap(unused)}`);

heading('Sourcing rules');
console.log(`  ${warnings.length} breach(es) of the sourcing rules remain (list them with: node esbuild.js --sourcing)`);
for (const [file, count] of countBy(warnings, (warning) => warning.split(':')[0])) console.log(`  ${String(count).padStart(4)}  ${file}`);

process.exitCode = problems.length > 0 ? 1 : 0;
