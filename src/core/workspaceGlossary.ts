/**
 * Workspace glossaries: a team's own terms, in `*.terms.json` files in the writer's workspace,
 * read at run time. They are untrusted input, so they pass the build's own validator
 * (`validateContent`) with bounds on size, and every problem is returned with the exact place in
 * the file it concerns. Only records without an error are loaded; a broken file loads nothing
 * and never touches the bundled reference.
 *
 * A glossary file is either a JSON array of terms (the schema of `data/terms/*.json`) or an
 * object `{ "terms": [...], "sources": [...] }` with its sources inline. Sources may also sit in
 * a file beside it with the same stem (`team.terms.json` → `team.sources.json`), and a term may
 * cite any source of the bundled reference and name any bundled term in `related`.
 */
import { RUNTIME_LIMITS, validateContent, type ContentFile, type ContentLimits } from './content';
import { fieldPath, locate, readJson, type JsonNode } from './jsonLocate';
import type { Source, Term } from './model';

/** The bounds on one glossary file; a file past them is refused whole, with the reason. */
export const GLOSSARY_LIMITS = {
  /** Characters in one file (about 1 MB). */
  maxFileLength: 1024 * 1024,
  /** Terms in one file. */
  maxTerms: 2000,
  /** Sources in one file, inline or beside it. */
  maxSources: 2000,
  /** Aliases of one term: each becomes part of every hover's matcher. */
  maxAliasesPerTerm: 50,
  /**
   * Hyphens in one alias. Each hyphen may also be read as a space or nothing, so an alias stands
   * for 3^hyphens spellings; twenty hyphens would be three billion.
   */
  maxAliasHyphens: 4,
} as const;

/**
 * The record rules of the bundled reference, without its minimum counts. The sourcing rules
 * (locators, `asOf`, official hosts) are reported as warnings rather than refusing a team's term.
 */
export const WORKSPACE_LIMITS: ContentLimits = { ...RUNTIME_LIMITS, strictSourcing: false };

/** A file the adapter read from the workspace: its path as shown to the writer, and its text. */
export interface GlossaryText {
  path: string;
  text: string;
}

/** One glossary file and, when there is one, the `*.sources.json` file beside it. */
export interface GlossaryInput {
  glossary: GlossaryText;
  sources?: GlossaryText;
}

/** A problem in a glossary file, placed on the characters it concerns (UTF-16 offsets, `end` exclusive). */
export interface GlossaryProblem {
  path: string;
  start: number;
  end: number;
  severity: 'error' | 'warning';
  /** Where in the file, as a JSON path (`terms[2].facts[0].sources[1]`), or `(file)`. */
  field: string;
  reason: string;
}

/** What the workspace glossaries hold once validated: only records free of errors. */
export interface WorkspaceGlossary {
  terms: Term[];
  sources: Source[];
  /** The file each loaded term came from, by term id. */
  origins: Map<string, string>;
  problems: GlossaryProblem[];
  /** Every glossary file read, with how many of its terms loaded. */
  files: { path: string; loaded: number; refused: number }[];
  /**
   * Where a field of a loaded term is written (`['aliases', 2]`), for a problem found later,
   * such as an alias that clashes with the bundled reference.
   */
  placeOf(termId: string, steps: readonly (string | number)[]): { path: string; start: number; end: number; field: string } | undefined;
}

/** What the reader needs to know of the bundled reference: which ids are taken. */
export interface BundledIds {
  isEntry(id: string): boolean;
  termIds: ReadonlySet<string>;
  sourceIds: ReadonlySet<string>;
}

/** An empty glossary, for a window where none is loaded. */
export const NO_GLOSSARY: WorkspaceGlossary = Object.freeze({ terms: [], sources: [], origins: new Map(), problems: [], files: [], placeOf: () => undefined }) as WorkspaceGlossary;

/** True for a path a glossary's sources file would have: `team.terms.json` → `team.sources.json`. */
export function sourcesPathFor(glossaryPath: string): string | undefined {
  return /\.terms\.json$/i.test(glossaryPath) ? glossaryPath.replace(/\.terms\.json$/i, '.sources.json') : undefined;
}

/** One JSON document taking part in validation, and how its records map back to the writer's file. */
interface Part {
  /** The name given to the validator; its folder tells the validator what the records are. */
  synthetic: string;
  file: GlossaryText;
  root: JsonNode;
  /** Where the records array sits in the file (`['terms']`, or `[]` for a bare array). */
  prefix: (string | number)[];
  records: unknown[];
  kind: 'terms' | 'sources';
  /** Record indices with at least one error. */
  refused: Set<number>;
}

/**
 * Validates workspace glossary files with the build's validator and returns the terms and
 * sources that passed, with every problem placed in its file. Never throws on any input.
 *
 * @example
 *   const glossary = readWorkspaceGlossaries([{ glossary: { path: 'team.terms.json', text } }], bundledIds(reference));
 *   glossary.problems.map((problem) => `${problem.field}: ${problem.reason}`)
 */
export function readWorkspaceGlossaries(inputs: readonly GlossaryInput[], bundled: BundledIds): WorkspaceGlossary {
  const problems: GlossaryProblem[] = [];
  const parts: Part[] = [];
  const report = (file: GlossaryText, node: JsonNode | undefined, field: string, reason: string, severity: 'error' | 'warning' = 'error') =>
    problems.push({ path: file.path, start: node?.start ?? 0, end: node ? Math.min(node.end, node.start + 2000) : Math.min(1, file.text.length), severity, field, reason });

  const fileCounts = new Map<string, { loaded: number; refused: number }>();
  inputs.forEach((input, index) => {
    fileCounts.set(input.glossary.path, { loaded: 0, refused: 0 });
    const read = readDocument(input.glossary, report);
    if (!read) return;
    let termsPrefix: (string | number)[] = [];
    let termsValue: unknown = read.value;
    let inlineSources: unknown;
    if (!Array.isArray(read.value)) {
      if (read.value === null || typeof read.value !== 'object') {
        report(input.glossary, read.root, '(file)', 'must hold a JSON array of terms, or an object with "terms" and "sources" arrays');
        return;
      }
      const object = read.value as Record<string, unknown>;
      for (const key of Object.keys(object)) {
        if (!['$schema', 'terms', 'sources'].includes(key)) report(input.glossary, locate(read.root, [key]), key, `is not a glossary field (expected "terms", "sources" or "$schema")`);
      }
      termsPrefix = ['terms'];
      termsValue = object.terms;
      inlineSources = object.sources;
      if (!Array.isArray(termsValue)) {
        report(input.glossary, locate(read.root, ['terms']), 'terms', termsValue === undefined ? 'is missing: a glossary holds a "terms" array' : 'must be a JSON array of terms');
        return;
      }
    }
    const terms = termsValue as unknown[];
    if (terms.length > GLOSSARY_LIMITS.maxTerms) {
      report(input.glossary, locate(read.root, termsPrefix), termsPrefix.length ? 'terms' : '(file)', `holds ${terms.length} terms; a glossary file holds at most ${GLOSSARY_LIMITS.maxTerms}: split it`);
      return;
    }
    const termPart: Part = { synthetic: `workspace/${index}/terms/glossary.json`, file: input.glossary, root: read.root, prefix: termsPrefix, records: terms, kind: 'terms', refused: new Set() };
    parts.push(termPart);
    if (inlineSources !== undefined) {
      if (!Array.isArray(inlineSources)) report(input.glossary, locate(read.root, ['sources']), 'sources', 'must be a JSON array of sources');
      else addSourcesPart(parts, `workspace/${index}/sources/inline.json`, input.glossary, read.root, ['sources'], inlineSources, report);
    }
    if (input.sources) {
      const sourcesRead = readDocument(input.sources, report);
      if (sourcesRead && !Array.isArray(sourcesRead.value)) report(input.sources, sourcesRead.root, '(file)', 'must hold a JSON array of sources');
      else if (sourcesRead) addSourcesPart(parts, `workspace/${index}/sources/beside.json`, input.sources, sourcesRead.root, [], sourcesRead.value as unknown[], report);
    }
  });

  // Refuse, before the validator sees them, the aliases whose spellings would explode.
  for (const part of parts.filter((candidate) => candidate.kind === 'terms')) {
    part.records = part.records.map((record, recordIndex) => boundAliases(part, record, recordIndex, report));
  }

  const files: ContentFile[] = parts.map((part) => ({ path: part.synthetic, text: JSON.stringify(part.records) }));
  const result = validateContent(files, WORKSPACE_LIMITS, { termIds: bundled.termIds, sourceIds: bundled.sourceIds });
  for (const [messages, severity] of [
    [result.problems, 'error'],
    [result.warnings, 'warning'],
  ] as const) {
    for (const message of messages) placeProblem(parts, message, severity, problems);
  }

  // Ids are shared with the bundled reference's panel and search: a taken id is refused.
  const origins = new Map<string, string>();
  const sources: Source[] = [];
  const terms: Term[] = [];
  for (const part of parts) {
    part.records.forEach((record, recordIndex) => {
      const id = recordId(record);
      if (id === undefined || part.refused.has(recordIndex)) return;
      const node = locate(part.root, [...part.prefix, recordIndex, 'id']);
      const field = fieldName([...part.prefix, recordIndex, 'id']);
      if (part.kind === 'terms' && bundled.isEntry(id)) {
        report(part.file, node, field, `"${id}" is already an entry of the bundled reference; give the term an id of its own`);
        part.refused.add(recordIndex);
      } else if (part.kind === 'sources' && bundled.sourceIds.has(id)) {
        report(part.file, node, field, `"${id}" is already a source of the bundled reference; cite that id and leave this record out`);
        part.refused.add(recordIndex);
      }
    });
  }
  const accepted = (kind: Part['kind']) => {
    const ids = new Set<string>();
    for (const part of parts.filter((candidate) => candidate.kind === kind)) {
      part.records.forEach((record, recordIndex) => {
        const id = recordId(record);
        if (id !== undefined && !part.refused.has(recordIndex)) ids.add(id);
      });
    }
    return ids;
  };
  const goodSources = accepted('sources');
  const seenSources = new Set<string>();
  for (const source of result.data.sources) {
    if (goodSources.has(source.id) && !seenSources.has(source.id)) {
      sources.push(source);
      seenSources.add(source.id);
    }
  }
  // Where each accepted term's record is: the first record with its id that has no error.
  const homes = new Map<string, { part: Part; recordIndex: number }>();
  for (const part of parts.filter((candidate) => candidate.kind === 'terms')) {
    part.records.forEach((record, recordIndex) => {
      const id = recordId(record);
      if (id !== undefined && !part.refused.has(recordIndex) && !homes.has(id)) homes.set(id, { part, recordIndex });
    });
  }
  for (const term of result.data.terms) {
    const home = homes.get(term.id);
    if (!home || origins.has(term.id)) continue;
    terms.push(term);
    origins.set(term.id, home.part.file.path);
  }
  for (const part of parts.filter((candidate) => candidate.kind === 'terms')) {
    const counts = fileCounts.get(part.file.path)!;
    counts.loaded = terms.filter((term) => origins.get(term.id) === part.file.path).length;
    counts.refused = part.records.length - counts.loaded;
  }
  problems.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.start - b.start));
  const placeOf = (termId: string, steps: readonly (string | number)[]) => {
    const home = homes.get(termId);
    if (!home) return undefined;
    const path = [...home.part.prefix, home.recordIndex, ...steps];
    const node = locate(home.part.root, path);
    return { path: home.part.file.path, start: node.start, end: node.end, field: fieldName(path) };
  };
  return { terms, sources, origins, problems, files: [...fileCounts].map(([path, counts]) => ({ path, ...counts })), placeOf };
}

/**
 * The ids the bundled reference has taken, for `readWorkspaceGlossaries`.
 *
 * @example
 *   bundledIds(reference).termIds.has('qme') // => true
 */
export function bundledIds(reference: { entry(id: string): unknown; terms(): readonly Term[]; sources(): readonly Source[] }): BundledIds {
  return {
    isEntry: (id) => reference.entry(id) !== undefined,
    termIds: new Set(reference.terms().map((term) => term.id)),
    sourceIds: new Set(reference.sources().map((source) => source.id)),
  };
}

function readDocument(file: GlossaryText, report: (file: GlossaryText, node: JsonNode | undefined, field: string, reason: string) => void): { value: unknown; root: JsonNode } | undefined {
  if (file.text.length > GLOSSARY_LIMITS.maxFileLength) {
    report(file, undefined, '(file)', `is ${file.text.length.toLocaleString('en')} characters long; a glossary file holds at most ${GLOSSARY_LIMITS.maxFileLength.toLocaleString('en')}: split it`);
    return undefined;
  }
  const read = readJson(file.text);
  if (!read.ok) {
    report(file, { start: read.offset, end: read.offset + 1 }, '(file)', `is not valid JSON: ${read.reason}`);
    return undefined;
  }
  return read;
}

function addSourcesPart(
  parts: Part[],
  synthetic: string,
  file: GlossaryText,
  root: JsonNode,
  prefix: (string | number)[],
  records: unknown[],
  report: (file: GlossaryText, node: JsonNode | undefined, field: string, reason: string) => void,
): void {
  if (records.length > GLOSSARY_LIMITS.maxSources) {
    report(file, locate(root, prefix), prefix.length ? 'sources' : '(file)', `holds ${records.length} sources; at most ${GLOSSARY_LIMITS.maxSources}`);
    return;
  }
  parts.push({ synthetic, file, root, prefix, records, kind: 'sources', refused: new Set() });
}

/** A copy of a term record without the aliases past the bounds, each refused with its reason. */
function boundAliases(part: Part, record: unknown, recordIndex: number, report: (file: GlossaryText, node: JsonNode | undefined, field: string, reason: string) => void): unknown {
  if (record === null || typeof record !== 'object' || Array.isArray(record)) return record;
  const aliases = (record as { aliases?: unknown }).aliases;
  if (!Array.isArray(aliases)) return record;
  const refuse = (path: (string | number)[], reason: string) => {
    report(part.file, locate(part.root, [...part.prefix, ...path]), fieldName([...part.prefix, ...path]), reason);
    part.refused.add(recordIndex);
  };
  if (aliases.length > GLOSSARY_LIMITS.maxAliasesPerTerm) {
    refuse([recordIndex, 'aliases'], `lists ${aliases.length} aliases; a term has at most ${GLOSSARY_LIMITS.maxAliasesPerTerm}`);
    return { ...record, aliases: [] };
  }
  const kept = aliases.filter((alias, aliasIndex) => {
    if (typeof alias !== 'string') return true;
    const hyphens = alias.match(/[-\u2010-\u2013]/g)?.length ?? 0;
    if (hyphens <= GLOSSARY_LIMITS.maxAliasHyphens) return true;
    refuse([recordIndex, 'aliases', aliasIndex], `has ${hyphens} hyphens; an alias has at most ${GLOSSARY_LIMITS.maxAliasHyphens} (each may be written as a space or left out, so every hyphen triples the spellings)`);
    return false;
  });
  return kept.length === aliases.length ? record : { ...record, aliases: kept };
}

/** Turns one validator message (`path: field: reason`) into a placed problem, and marks its record refused. */
function placeProblem(parts: readonly Part[], message: string, severity: 'error' | 'warning', problems: GlossaryProblem[]): void {
  const part = parts.find((candidate) => message.startsWith(`${candidate.synthetic}: `));
  if (!part) return;
  let rest = message.slice(part.synthetic.length + 2);
  const recordMatch = /^\[(\d+)\]/.exec(rest);
  const recordIndex = recordMatch ? Number(recordMatch[1]) : undefined;
  const id = recordIndex === undefined ? undefined : recordId(part.records[recordIndex]);
  let label: string;
  if (recordMatch) {
    // "[3] (qme).facts[0]: reason" — the id is known, so it is cut off exactly, whatever it holds.
    let after = rest.slice(recordMatch[0].length);
    if (id !== undefined && after.startsWith(` (${id})`)) after = after.slice(id.length + 3);
    const colon = after.indexOf(': ');
    label = `${recordMatch[0]}${colon < 0 ? after : after.slice(0, colon)}`;
    rest = colon < 0 ? '' : after.slice(colon + 2);
  } else {
    const colon = rest.indexOf(': ');
    label = colon < 0 ? rest : rest.slice(0, colon);
    rest = colon < 0 ? '' : rest.slice(colon + 2);
  }
  const steps = [...part.prefix, ...fieldPath(label)];
  const node = locate(part.root, steps);
  if (severity === 'error' && recordIndex !== undefined) part.refused.add(recordIndex);
  problems.push({ path: part.file.path, start: node.start, end: Math.min(node.end, node.start + 2000), severity, field: fieldName(steps), reason: readableReason(rest, parts) });
}

/** The validator speaks of data/ folders and of its own file names; say it in the glossary's terms. */
function readableReason(reason: string, parts: readonly Part[]): string {
  let text = reason
    .replace(/is not a source id in data\/sources/g, 'is not a source id in this glossary, its .sources.json file or the bundled reference')
    .replace(/is not a term id in data\/terms/g, 'is not a term id in the workspace glossaries or the bundled reference');
  for (const part of parts) text = text.split(part.synthetic).join(part.file.path);
  return text;
}

function recordId(record: unknown): string | undefined {
  return record !== null && typeof record === 'object' && typeof (record as { id?: unknown }).id === 'string' ? (record as { id: string }).id : undefined;
}

/** `['terms', 2, 'facts', 0]` → `terms[2].facts[0]`. */
function fieldName(steps: readonly (string | number)[]): string {
  const text = steps.map((step) => (typeof step === 'number' ? `[${step}]` : `.${step}`)).join('').replace(/^\./, '');
  return text === '' ? '(file)' : text;
}
