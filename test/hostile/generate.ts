// Places every payload of test/hostile/payloads.js in a workspace glossary, in every field a
// writer can fill, and keeps in each field only what the run-time validator accepts (a field
// it refuses gets a neutral value, and the refusal is recorded: that payload is then shown to
// the writer only as a diagnostic). Writes:
//   test/fixtures/workspace/hostile/hostile.terms.json   the glossary the in-editor run opens
//   test/hostile/placements.json                         where each payload sits, and what was refused
//
//   npx tsx test/hostile/generate.ts      (after `npm run build`: it reads dist/reference-index.json)
import { readFileSync, writeFileSync, mkdirSync } from 'fs';
import { join } from 'path';
import { loadReference } from '../../src/core/reference';
import { bundledIds, readWorkspaceGlossaries } from '../../src/core/workspaceGlossary';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { TEXT_PAYLOADS, URL_PAYLOADS } = require('./payloads.js') as {
  TEXT_PAYLOADS: { id: string; kind: string; text: (id: string) => string }[];
  URL_PAYLOADS: { id: string; kind: string; url: (id: string) => string }[];
};

const root = join(__dirname, '..', '..');
const GLOSSARY_PATH = 'hostile/hostile.terms.json';
type Json = Record<string, unknown>;

/** One payload's records: its term, a second term with the payload as its abbreviation, and its source. */
function records(id: string, payload: string | undefined, url: string | undefined, previous: string | undefined): { terms: Json[]; source: Json } {
  const n = id.toLowerCase();
  const alias = `HOSTILE${id}`;
  const p = payload ?? '';
  const sourceId = `hostile-src-${n}`;
  const source: Json = {
    id: sourceId,
    title: `SrcT-${id} ${p}`.trim(),
    author: `SrcA-${id} ${p}`.trim(),
    publisher: `SrcP-${id} ${p}`.trim(),
    date: '2025-01',
    url: url ?? `https://${n}.hostile.example/source`,
    type: 'research',
    note: `SrcN-${id} ${p}`.trim(),
  };
  const facts = [
    { text: `Fact1-${id} ${p}`.trim(), sources: [sourceId], at: { [sourceId]: `p. 1 ${p}`.trim() } },
    { text: `Fact2-${id} ${p}`.trim(), sources: [sourceId], at: { [sourceId]: 'p. 2' } },
  ];
  const term: Json = {
    id: `hostile-${n}`,
    title: `Ttl-${id} ${p}`.trim(),
    shortTitle: `Sht-${id} ${p}`.slice(0, 28).trim(),
    abbreviation: alias,
    expansion: `expansion ${id.toLowerCase()} ${p}`.trim(),
    aliases: [alias, `Alias ${id} ${p}`.trim()],
    category: 'concepts-and-doctrine',
    summary: `Sum-${id} ${p}`.trim(),
    facts,
    sources: [sourceId],
    ...(previous && { related: [previous] }),
    asOf: '2025-01',
    note: `Note-${id} ${p}`.trim(),
    // An exclusion phrase holding the payload (with no payload it would exclude the alias itself).
    ...(payload !== undefined && { exclusions: [`${alias} ${p}`] }),
  };
  const abbreviationTerm: Json = {
    id: `hostile-${n}-abbr`,
    title: `Abbr-${id}`,
    shortTitle: `Abbr-${id}`,
    abbreviation: `HB${id} ${p}`.trim(),
    expansion: `abbreviation term ${id.toLowerCase()}`,
    aliases: [`HOSTILEB${id}`],
    category: 'concepts-and-doctrine',
    summary: `An abbreviation carrying payload ${id}.`,
    facts: [
      { text: 'One.', sources: [sourceId], at: { [sourceId]: 'p. 1' } },
      { text: 'Two.', sources: [sourceId], at: { [sourceId]: 'p. 2' } },
    ],
    sources: [sourceId],
    asOf: '2025-01',
  };
  return { terms: payload === undefined ? [term] : [term, abbreviationTerm], source };
}

/** Neutral values for fields the validator refused, so the record still loads. */
function neutralise(record: Json, path: (string | number)[], id: string): void {
  const [field, index, sub, key] = path;
  if (field === 'aliases' && typeof index === 'number' && index > 0) (record.aliases as string[]).splice(index, 1);
  else if (field === 'exclusions' || field === 'note' || field === 'related') delete record[field];
  else if (field === 'facts' && typeof index === 'number') {
    const fact = (record.facts as Json[])[index];
    if (sub === 'at') fact.at = Object.fromEntries(Object.keys(fact.at as Json).map((sourceId) => [sourceId, 'p. 1']));
    else fact.text = `Fact-${id}.`;
    void key;
  } else if (field === 'url') record.url = `https://${id.toLowerCase()}.hostile.example/neutral`;
  else if (typeof field === 'string' && field in record) record[field] = field === 'abbreviation' ? `HB${id}` : field === 'expansion' ? `neutral ${id.toLowerCase()}` : `${field}-${id}`;
}

function main(): void {
  const reference = loadReference(readFileSync(join(root, 'dist', 'reference-index.json'), 'utf8'));
  const ids = bundledIds(reference);
  const terms: Json[] = [];
  const sources: Json[] = [];
  const all = [
    ...TEXT_PAYLOADS.map((payload) => ({ id: payload.id, kind: payload.kind, text: payload.text(payload.id), url: undefined as string | undefined })),
    ...URL_PAYLOADS.map((payload) => ({ id: payload.id, kind: payload.kind, text: undefined as string | undefined, url: payload.url(payload.id) })),
  ];
  let previous: string | undefined;
  for (const payload of all) {
    const made = records(payload.id, payload.text, payload.url, previous);
    terms.push(...made.terms);
    sources.push(made.source);
    previous = made.terms[0].id as string;
  }

  // Validate, neutralise what is refused, and again, until every term loads.
  const refusals = new Map<string, { field: string; reason: string }[]>();
  for (let round = 0; round < 8; round++) {
    const text = JSON.stringify({ terms, sources }, null, 2);
    const result = readWorkspaceGlossaries([{ glossary: { path: GLOSSARY_PATH, text } }], ids);
    const errors = result.problems.filter((problem) => problem.severity === 'error');
    if (errors.length === 0) break;
    for (const problem of errors) {
      const match = /^(terms|sources)\[(\d+)\]\.?(.*)$/.exec(problem.field);
      if (!match) throw new Error(`unplaceable problem: ${problem.field}: ${problem.reason}`);
      const list = match[1] === 'terms' ? terms : sources;
      const record = list[Number(match[2])];
      const payloadId = String(record.id).replace(/^hostile-(?:src-)?/, '').replace(/-abbr$/, '').toUpperCase();
      const path = match[3].split(/\.|\[(\d+)\]/).filter((step) => step !== undefined && step !== '').map((step) => (/^\d+$/.test(step) ? Number(step) : step));
      if (path.length === 0 && match[1] === 'terms' && /is not a source id/.test(problem.reason) === false) throw new Error(`a whole term refused: ${problem.field}: ${problem.reason}`);
      refusals.set(payloadId, [...(refusals.get(payloadId) ?? []), { field: `${match[1] === 'terms' ? 'term' : 'source'}${record.id === `hostile-${payloadId.toLowerCase()}-abbr` ? ' (abbreviation record)' : ''}.${match[3]}`, reason: problem.reason }]);
      // A citation of a refused source mends itself once the source's field is neutralised below.
      if (match[1] === 'terms' && /is not a source id/.test(problem.reason)) continue;
      if (match[1] === 'sources' && path[0] === 'url') {
        // A refused address refuses its source; the payload's terms then cite a bundled source instead.
        record.url = `https://${payloadId.toLowerCase()}.hostile.example/neutral`;
        continue;
      }
      neutralise(record, path, payloadId);
    }
  }
  const final = readWorkspaceGlossaries([{ glossary: { path: GLOSSARY_PATH, text: JSON.stringify({ terms, sources }, null, 2) } }], ids);
  const errors = final.problems.filter((problem) => problem.severity === 'error');
  if (errors.length > 0) throw new Error(`still refused: ${errors.map((problem) => `${problem.field}: ${problem.reason}`).join('\n')}`);

  // Where each payload sits now: every string field of its records that still holds it.
  const placements = all.map((payload) => {
    const mine = [...terms, ...sources].filter((record) => String(record.id).startsWith(`hostile-${payload.id.toLowerCase()}`) || record.id === `hostile-src-${payload.id.toLowerCase()}`);
    const placed: string[] = [];
    const needle = payload.text ?? payload.url!;
    const visit = (value: unknown, path: string) => {
      if (typeof value === 'string' && value.includes(needle)) placed.push(path);
      else if (Array.isArray(value)) value.forEach((item, index) => visit(item, `${path}[${index}]`));
      else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) visit(item, `${path}.${key}`);
    };
    for (const record of mine) visit(record, String(record.id).startsWith('hostile-src-') ? 'source' : String(record.id).endsWith('-abbr') ? 'abbreviationTerm' : 'term');
    return { id: payload.id, kind: payload.kind, termId: `hostile-${payload.id.toLowerCase()}`, alias: `HOSTILE${payload.id}`, placedIn: placed, refused: refusals.get(payload.id) ?? [] };
  });
  mkdirSync(join(root, 'test', 'fixtures', 'workspace', 'hostile'), { recursive: true });
  writeFileSync(join(root, 'test', 'fixtures', 'workspace', GLOSSARY_PATH), `${JSON.stringify({ terms, sources }, null, 2)}\n`);
  writeFileSync(join(root, 'test', 'hostile', 'placements.json'), `${JSON.stringify(placements, null, 2)}\n`);
  const placedCount = placements.reduce((sum, placement) => sum + placement.placedIn.length, 0);
  console.log(`${placements.length} payloads; ${terms.length} terms and ${sources.length} sources; ${placedCount} field placements; ${placements.filter((placement) => placement.refused.length > 0).length} payloads refused from at least one field`);
}

main();
