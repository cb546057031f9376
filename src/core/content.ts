/**
 * Reads and validates the human-edited content in `data/`. Pure: the caller supplies file
 * names and texts, so the same checks run in the build, in tests and in any tool.
 *
 * Every problem is reported as `file: field: reason`, all at once, so a writer can fix a
 * batch of mistakes in one pass.
 */
import {
  SOURCE_TYPES,
  TERM_CATEGORIES,
  WEAK_SOURCE_TYPES,
  FIGURE_UNITS,
  type Fact,
  type Figure,
  type FigureUnit,
  type ReferenceData,
  type Section,
  type Source,
  type Subsection,
  type Term,
  type TermCategory,
  type TimelineEvent,
} from './model';
import { checkWebUrl } from '../shared/urls';
import { aliasIsCaseSensitive, aliasKey, aliasSpellings } from './termMatcher';
import { citations, citedSources, compareCodeUnits, wordCount } from './text';
import { figureProblems } from './figures';

/** A file handed to the validator: its path as shown in messages, and its text. */
export interface ContentFile {
  path: string;
  text: string;
  /**
   * What the file holds, when its path does not say (`data/terms/…` does; a workspace glossary
   * such as `team.terms.json` does not).
   */
  kind?: 'sections' | 'terms' | 'events' | 'sources';
}

export interface ContentLimits {
  summaryMaxLength: number;
  summaryMaxSentences: number;
  factsMin: number;
  factsMax: number;
  sectionWordsMin: number;
  sectionWordsMax: number;
  eventMaxSentences: number;
  /** Minimum counts for a complete reference; a partial content set (tests, drafts) passes zeros. */
  minSections: number;
  minTerms: number;
  minEvents: number;
  minSources: number;
  /** The most characters a sidebar `shortTitle` may have. */
  shortTitleMaxLength: number;
  /**
   * The sourcing rules (a locator on every citation, `asOf` on every term, `expansion` on every
   * abbreviation, a `shortTitle`, no title repeating its abbreviation, no fact resting on weak
   * sources only, official sources on official hosts). Off, they are reported as warnings, so
   * content written before the rules existed still builds while it is brought up to them.
   */
  strictSourcing: boolean;
  /**
   * Bounds for content read at run time (a workspace glossary) as much as for the bundle: a
   * file's length in characters, records per file, and the length of a title or name.
   * Optional so older callers keep working; `DEFAULT_LIMITS` sets them.
   */
  fileMaxLength?: number;
  recordsMax?: number;
  titleMaxLength?: number;
}

/** The limits the bundled reference is held to. */
export const DEFAULT_LIMITS: ContentLimits = {
  summaryMaxLength: 300,
  summaryMaxSentences: 2,
  factsMin: 2,
  factsMax: 5,
  sectionWordsMin: 250,
  sectionWordsMax: 700,
  eventMaxSentences: 2,
  minSections: 9,
  minTerms: 60,
  minEvents: 30,
  minSources: 25,
  shortTitleMaxLength: 28,
  strictSourcing: true,
  fileMaxLength: 1024 * 1024,
  recordsMax: 2000,
  titleMaxLength: 150,
};

/**
 * The limits for content read at run time from outside the bundle (a workspace glossary): the
 * same record rules and bounds, without the counts a complete reference must reach.
 *
 * @example
 *   validateContent([{ path: 'team.terms.json', text, kind: 'terms' }], RUNTIME_LIMITS)
 */
export const RUNTIME_LIMITS: ContentLimits = { ...DEFAULT_LIMITS, minSections: 0, minTerms: 0, minEvents: 0, minSources: 0 };

/** No text field is longer: a hover card or a citation never needs more, and a megabyte title would cost every view. */
export const FIELD_MAX_LENGTH = 2000;

// Controls other than tab and line feed, and the invisible or direction-changing characters
// (U+202E and friends, zero-width spaces) that make text read differently from what it holds.
const REFUSED_CHARACTER = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/u;

function textProblem(value: string, maxLength: number): string | undefined {
  if (value.length > maxLength) return `is ${value.length} characters long; at most ${maxLength} are allowed`;
  const refused = REFUSED_CHARACTER.exec(value);
  if (refused) {
    const code = refused[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    return `contains the invisible or control character U+${code} (at character ${refused.index + 1}); remove it`;
  }
  return undefined;
}

/** Fields each structured record may have; anything else is reported as a likely typo. */
export const TERM_FIELDS = [
  'id', 'title', 'shortTitle', 'abbreviation', 'expansion', 'aliases', 'category', 'summary', 'facts', 'sources', 'related', 'asOf', 'note', 'disambiguation', 'exclusions',
] as const;
export const EVENT_FIELDS = ['id', 'date', 'title', 'text', 'terms', 'sources', 'at'] as const;
export const SOURCE_FIELDS = ['id', 'title', 'author', 'publisher', 'date', 'url', 'type', 'note'] as const;
export const SECTION_FIELDS = ['id', 'title', 'heading', 'order', 'terms'] as const;
export const FACT_FIELDS = ['text', 'sources', 'at', 'asOf', 'figures'] as const;
export const FIGURE_FIELDS = ['slot', 'amount', 'currency', 'unit', 'percent', 'count', 'date', 'period', 'per', 'range', 'alternatives', 'atLeast', 'cues', 'sumOf', 'source'] as const;

/**
 * Ids that exist outside the files being validated: a workspace glossary may name the bundled
 * reference's terms in `related` and cite its sources.
 */
export interface KnownIds {
  termIds?: ReadonlySet<string>;
  sourceIds?: ReadonlySet<string>;
}

export interface ValidationResult {
  data: ReferenceData;
  /** `file: field: reason`, one per problem; empty when the content is valid. */
  problems: string[];
  /** Breaches of the sourcing rules while `strictSourcing` is off, in the same form. */
  warnings: string[];
}

/**
 * Hosts whose pages are a government's or an intergovernmental body's own record. A source typed
 * `official` or `statute` must live on one, so a third-party copy cannot pass for the record.
 */
const STATUTE_HOSTS = new Set(['www.law.cornell.edu', 'law.cornell.edu']);

/**
 * True when `url`'s host is a government's own (`.gov`, `.mil`, `gov.il`, `un.org`, …).
 *
 * @example
 *   isOfficialHost('https://www.state.gov/x') // => true
 *   isOfficialHost('https://www.jewishvirtuallibrary.org/x') // => false
 */
export function isOfficialHost(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  return /\.(?:gov|mil)$/.test(host) || /(?:^|\.)(?:gov\.il|idf\.il|gov\.uk|europa\.eu|un\.org|nato\.int)$/.test(host);
}

const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const DATE_PATTERN = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/**
 * True for `YYYY`, `YYYY-MM` or `YYYY-MM-DD` naming a real calendar date.
 *
 * @example
 *   isValidPartialDate('2016-09-14') // => true
 *   isValidPartialDate('2016-02-30') // => false
 */
export function isValidPartialDate(value: string): boolean {
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  if (year < 1800 || year > 2100) return false;
  if (match[2] === undefined) return true;
  const month = Number(match[2]);
  if (month < 1 || month > 12) return false;
  if (match[3] === undefined) return true;
  const day = Number(match[3]);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day >= 1 && day <= daysInMonth;
}

const ABBREVIATIONS = /\b(?:U\.S|U\.N|U\.K|Mr|Mrs|Ms|Dr|Gen|Adm|Sen|Rep|Lt|Col|Maj|Capt|St|No|Nos|Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec|vs?|e\.g|i\.e|etc|Inc|Corp|Co|Ltd|Jr|Sr|approx|ca|Pub|L|Stat|Sec|U\.S\.C|Pvt|Gov|Pres)\.$/;

/**
 * Counts sentences, not fooled by "U.S." or "Pub. L." in the middle of one.
 *
 * @example
 *   sentenceCount('The U.S. signed it. It took effect in 2019.') // => 2
 */
export function sentenceCount(text: string): number {
  const trimmed = text.trim();
  if (trimmed === '') return 0;
  let count = 1;
  const boundary = /[.!?]["”’)]?\s+(?=["“‘(]?[A-Z0-9])/g;
  for (const match of trimmed.matchAll(boundary)) {
    const before = trimmed.slice(Math.max(0, match.index - 12), match.index + 1);
    if (!ABBREVIATIONS.test(before) && !/\b[A-Z]\.$/.test(before)) count++;
  }
  return count;
}

/**
 * Parses the small YAML subset section front matter uses: `key: value`, `key: [a, b]`,
 * block lists (`- item`), quoted strings and integers.
 *
 * @example
 *   parseFrontMatter('---\nid: intro\norder: 1\n---\nBody').fields.order // => 1
 */
export function parseFrontMatter(text: string): { fields: Record<string, unknown>; body: string; error?: string } {
  const normalized = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (!normalized.startsWith('---\n')) return { fields: {}, body: normalized, error: 'the file must start with front matter between "---" lines' };
  const close = normalized.indexOf('\n---', 3);
  if (close < 0 || (normalized[close + 4] !== undefined && normalized[close + 4] !== '\n')) {
    return { fields: {}, body: normalized, error: 'the front matter has no closing "---" line' };
  }
  const fields: Record<string, unknown> = {};
  let listKey: string | undefined;
  const lines = normalized.slice(4, close).split('\n');
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const item = /^\s+-\s*(.*)$/.exec(line) ?? /^-\s+(.*)$/.exec(line);
    if (item && listKey) {
      (fields[listKey] as unknown[]).push(parseScalar(item[1]));
      continue;
    }
    const pair = /^([A-Za-z][\w-]*):\s*(.*)$/.exec(line);
    if (!pair) return { fields, body: '', error: `front matter line ${index + 2} is not "key: value"` };
    const [, key, rawValue] = pair;
    const value = rawValue.trim();
    if (value === '') {
      fields[key] = [];
      listKey = key;
    } else if (value.startsWith('[')) {
      if (!value.endsWith(']')) return { fields, body: '', error: `front matter line ${index + 2}: the list for "${key}" is not closed with "]"` };
      const inner = value.slice(1, -1).trim();
      fields[key] = inner === '' ? [] : inner.split(',').map((part) => parseScalar(part.trim()));
      listKey = undefined;
    } else {
      fields[key] = parseScalar(value);
      listKey = undefined;
    }
  }
  return { fields, body: normalized.slice(close + 4).replace(/^\n/, '') };
}

function parseScalar(raw: string): unknown {
  if ((raw.startsWith('"') && raw.endsWith('"') && raw.length >= 2) || (raw.startsWith("'") && raw.endsWith("'") && raw.length >= 2)) {
    return raw.slice(1, -1);
  }
  if (/^-?\d+$/.test(raw)) return Number(raw);
  return raw;
}

/**
 * Turns a heading into an anchor id.
 *
 * @example
 *   slugify('Missile defense & air defense') // => 'missile-defense-air-defense'
 */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

type Report = (field: string, reason: string) => void;

/** Field readers that report instead of throwing, so one pass finds every problem. */
class RecordReader {
  constructor(
    private readonly record: Record<string, unknown>,
    private readonly report: Report,
  ) {}

  string(field: string, options: { optional?: boolean; allowEmpty?: boolean; maxLength?: number } = {}): string | undefined {
    const value = this.record[field];
    if (value === undefined) {
      if (!options.optional) this.report(field, 'is missing');
      return undefined;
    }
    if (typeof value !== 'string') {
      this.report(field, `must be a string, not ${describe(value)}`);
      return undefined;
    }
    if (!options.allowEmpty && value.trim() === '') {
      this.report(field, 'must not be empty');
      return undefined;
    }
    const problem = textProblem(value, options.maxLength ?? FIELD_MAX_LENGTH);
    if (problem) {
      this.report(field, problem);
      return undefined;
    }
    return value;
  }

  stringList(field: string, options: { optional?: boolean; nonEmptyReason?: string; maxLength?: number } = {}): string[] {
    const value = this.record[field];
    if (value === undefined) {
      if (!options.optional) this.report(field, 'is missing');
      return [];
    }
    if (!Array.isArray(value)) {
      this.report(field, `must be a list, not ${describe(value)}`);
      return [];
    }
    const strings: string[] = [];
    value.forEach((item, index) => {
      const problem = typeof item === 'string' ? textProblem(item, options.maxLength ?? FIELD_MAX_LENGTH) : undefined;
      if (typeof item !== 'string' || item.trim() === '') this.report(`${field}[${index}]`, `must be a non-empty string, not ${describe(item)}`);
      else if (problem) this.report(`${field}[${index}]`, problem);
      else strings.push(item);
    });
    if (options.nonEmptyReason && value.length === 0) this.report(field, options.nonEmptyReason);
    const duplicates = strings.filter((item, index) => strings.indexOf(item) !== index);
    for (const duplicate of new Set(duplicates)) this.report(field, `lists "${duplicate}" twice`);
    return strings;
  }

  unknownFields(allowed: readonly string[]): void {
    for (const key of Object.keys(this.record)) {
      if (!allowed.includes(key)) this.report(key, `is not a known field (expected one of: ${allowed.join(', ')})`);
    }
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  return typeof value;
}

interface Pending<T> {
  file: string;
  field: string;
  value: T;
}

/**
 * Validates every content file and assembles the reference data.
 *
 * @example
 *   const { data, problems } = validateContent(files);
 *   if (problems.length > 0) throw new Error(problems.join('\n'));
 */
export function validateContent(files: readonly ContentFile[], limits: ContentLimits = DEFAULT_LIMITS, known: KnownIds = {}): ValidationResult {
  const problems: string[] = [];
  const warnings: string[] = [];
  // The sourcing rules go to `warnings` until the content is brought up to them.
  const sourcing = (report: Report): Report => (field, reason) => {
    if (limits.strictSourcing) report(field, reason);
    else {
      const before = problems.length;
      report(field, reason);
      warnings.push(...problems.splice(before));
    }
  };
  // Facts and events name where in each source they are found; checked once sources are known.
  const locatorRefs: { report: Report; field: string; sources: string[]; at: unknown }[] = [];
  const weakOnlyRefs: { report: Report; field: string; sources: string[] }[] = [];
  const sections: Section[] = [];
  const terms: Term[] = [];
  const events: TimelineEvent[] = [];
  const sources: Source[] = [];
  // Cross-references are checked once every file is read; each keeps where it came from.
  const sourceRefs: Pending<string>[] = [];
  const termRefs: Pending<string>[] = [];
  const idOwners = new Map<string, string>();
  const termFiles = new Map<string, { path: string; label: (field: string) => string }>();

  const claimId = (id: string, file: string, field: string) => {
    const owner = idOwners.get(id);
    if (owner) problems.push(`${file}: ${field}: "${id}" is already used by ${owner}`);
    else idOwners.set(id, `${file}`);
  };
  const checkId = (id: string | undefined, report: Report) => {
    if (id !== undefined && !ID_PATTERN.test(id)) report('id', `"${id}" must be lower-case kebab-case (letters, digits, single hyphens)`);
  };

  for (const file of [...files].sort((a, b) => compareCodeUnits(a.path, b.path))) {
    const folder = file.kind ?? /(?:^|\/)(sections|terms|events|sources)\/[^/]+$/.exec(file.path)?.[1];
    if (folder && limits.fileMaxLength !== undefined && file.text.length > limits.fileMaxLength) {
      problems.push(`${file.path}: (file): is ${file.text.length} characters long; a content file holds at most ${limits.fileMaxLength}`);
      continue;
    }
    if (folder === 'sections') {
      if (file.path.endsWith('.md')) readSection(file);
      continue;
    }
    if (!folder || !file.path.endsWith('.json')) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(file.text);
    } catch (error) {
      problems.push(`${file.path}: (file): is not valid JSON: ${(error as Error).message}`);
      continue;
    }
    if (!Array.isArray(parsed)) {
      problems.push(`${file.path}: (file): must hold a JSON array of records, not ${describe(parsed)}`);
      continue;
    }
    if (limits.recordsMax !== undefined && parsed.length > limits.recordsMax) {
      problems.push(`${file.path}: (file): holds ${parsed.length} records; a content file holds at most ${limits.recordsMax}`);
      continue;
    }
    parsed.forEach((record, index) => {
      const label = (field: string) => {
        const id = record && typeof record === 'object' && typeof (record as { id?: unknown }).id === 'string' ? ` (${(record as { id: string }).id})` : '';
        return `[${index}]${id}.${field}`;
      };
      const report: Report = (field, reason) => problems.push(`${file.path}: ${label(field)}: ${reason}`);
      if (record === null || typeof record !== 'object' || Array.isArray(record)) {
        problems.push(`${file.path}: [${index}]: must be an object, not ${describe(record)}`);
        return;
      }
      const reader = new RecordReader(record as Record<string, unknown>, report);
      if (folder === 'terms') readTerm(record as Record<string, unknown>, reader, report, file.path, label);
      else if (folder === 'events') readEvent(record as Record<string, unknown>, reader, report, file.path, label);
      else readSource(reader, report);
    });
  }

  function readSection(file: ContentFile): void {
    const { fields, body, error } = parseFrontMatter(file.text);
    const report: Report = (field, reason) => problems.push(`${file.path}: ${field}: ${reason}`);
    if (error) {
      report('(front matter)', error);
      return;
    }
    const reader = new RecordReader(fields, report);
    reader.unknownFields(SECTION_FIELDS);
    const id = reader.string('id');
    checkId(id, report);
    const title = reader.string('title', { maxLength: limits.titleMaxLength });
    const heading = reader.string('heading', { allowEmpty: true });
    const order = fields.order;
    if (typeof order !== 'number' || !Number.isInteger(order) || order < 1) report('order', `must be a whole number from 1, not ${describe(order)}`);
    const termIds = reader.stringList('terms');
    if (body.trim() === '') report('(body)', 'is empty');
    const words = wordCount(body.replace(/\[@[a-z0-9-]+(?:,[^\]]*)?\]/g, '').replace(/^#+\s/gm, ''));
    if (words < limits.sectionWordsMin || words > limits.sectionWordsMax) {
      report('(body)', `has ${words} words; a section has ${limits.sectionWordsMin} to ${limits.sectionWordsMax}`);
    }
    const subsections: Subsection[] = [];
    for (const match of body.matchAll(/^##[ \t]+(.+?)[ \t]*#*[ \t]*$/gm)) {
      const subsectionTitle = match[1].trim();
      const subsectionId = slugify(subsectionTitle);
      if (subsections.some((existing) => existing.id === subsectionId)) report('(body)', `has two subsections named "${subsectionTitle}"`);
      else subsections.push({ id: subsectionId, title: subsectionTitle });
    }
    if (/^#[ \t]/m.test(body)) report('(body)', 'uses a level-one heading; the title comes from the front matter and subsections use "## "');
    for (const [index, paragraph] of body.split(/\n[ \t]*\n/).entries()) {
      if (/^\s*#/.test(paragraph)) continue;
      if (/\d/.test(paragraph.replace(/\[@[^\]]*\]/g, '')) && !/\[@[a-z0-9-]+(?:,[^\]]*)?\]/.test(paragraph)) {
        report(`(body) paragraph ${index + 1}`, `states a figure or date ("${paragraph.trim().slice(0, 50)}…") but cites no source; add [@source-id]`);
      }
    }
    const cited = citedSources(body);
    for (const citation of citations(body)) {
      if (citation.at === undefined) sourcing(report)('(body) citation', `"[@${citation.source}]" says not where in the source the claim is found; write [@${citation.source}, p. N] (a page, section, paragraph or heading)`);
    }
    for (const sourceId of cited) sourceRefs.push({ file: file.path, field: '(body) citation', value: sourceId });
    for (const [index, termId] of termIds.entries()) termRefs.push({ file: file.path, field: `terms[${index}]`, value: termId });
    for (const stray of body.matchAll(/\[@([^\],]*)(?:,[^\]]*)?\]/g)) {
      if (!ID_PATTERN.test(stray[1].trim())) report('(body) citation', `"[@${stray[1]}]" is not a source id`);
    }
    if (id === undefined || title === undefined || heading === undefined || typeof order !== 'number') return;
    claimId(id, file.path, 'id');
    sections.push({ id, kind: 'section', title, heading, order, text: body.trim(), subsections, terms: termIds, sources: cited });
  }

  function readTerm(record: Record<string, unknown>, reader: RecordReader, report: Report, path: string, label: (field: string) => string): void {
    reader.unknownFields(TERM_FIELDS);
    const id = reader.string('id');
    checkId(id, report);
    const title = reader.string('title', { maxLength: limits.titleMaxLength });
    const shortTitle = reader.string('shortTitle', { optional: true, maxLength: limits.titleMaxLength });
    if (shortTitle === undefined) sourcing(report)('shortTitle', `is missing; give the sidebar a title of at most ${limits.shortTitleMaxLength} characters, the distinguishing words first`);
    else if (shortTitle.length > limits.shortTitleMaxLength) report('shortTitle', `is ${shortTitle.length} characters; the sidebar shows at most ${limits.shortTitleMaxLength}`);
    const abbreviation = reader.string('abbreviation', { optional: true, maxLength: limits.titleMaxLength });
    const expansion = reader.string('expansion', { optional: true, maxLength: limits.titleMaxLength });
    if (abbreviation !== undefined && expansion === undefined) sourcing(report)('expansion', `is missing; say exactly what "${abbreviation}" stands for, in the case a writer uses mid-sentence`);
    if (expansion !== undefined && abbreviation === undefined) report('expansion', 'is set but the term has no abbreviation to expand');
    if (expansion !== undefined && abbreviation !== undefined && expansion.includes(abbreviation)) report('expansion', `"${expansion}" repeats the abbreviation "${abbreviation}" it spells out`);
    if (title !== undefined && abbreviation !== undefined && new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(abbreviation)}(?![\\p{L}\\p{N}])`, 'u').test(title)) {
      sourcing(report)('title', `"${title}" repeats the abbreviation "${abbreviation}"; cards add it themselves`);
    }
    const aliases = reader.stringList('aliases', { nonEmptyReason: 'must name at least one alias', maxLength: limits.titleMaxLength });
    const exclusions = reader.stringList('exclusions', { optional: true });
    for (const [index, exclusion] of exclusions.entries()) {
      const lower = exclusion.toLowerCase();
      if (!aliases.some((alias) => lower.includes(alias.toLowerCase()))) report(`exclusions[${index}]`, `"${exclusion}" contains none of the term's aliases, so it can exclude nothing`);
    }
    const disambiguation = reader.stringList('disambiguation', { optional: true });
    disambiguation.forEach((termId, index) => {
      if (termId === id) report(`disambiguation[${index}]`, 'names the term itself');
      termRefs.push({ file: path, field: label(`disambiguation[${index}]`), value: termId });
    });
    for (const alias of aliases) {
      if (!/^[\p{L}\p{N}]/u.test(alias)) report('aliases', `"${alias}" must start with a letter or digit: matching begins at a word start`);
      if (aliasIsCaseSensitive(alias) && !/[\p{Lu}\p{N}]/u.test(alias)) {
        report('aliases', `"${alias}" is a lower-case single word and would turn everyday prose into a term; capitalise it or make it a phrase`);
      }
    }
    const category = reader.string('category');
    if (category !== undefined && !TERM_CATEGORIES.some((known) => known.id === category)) {
      report('category', `"${category}" is not a category (expected one of: ${TERM_CATEGORIES.map((known) => known.id).join(', ')})`);
    }
    const summary = reader.string('summary');
    if (summary !== undefined) {
      if (summary.length > limits.summaryMaxLength) report('summary', `is ${summary.length} characters; a hover card holds at most ${limits.summaryMaxLength}`);
      const sentences = sentenceCount(summary);
      if (sentences > limits.summaryMaxSentences) report('summary', `has ${sentences} sentences; a hover card holds at most ${limits.summaryMaxSentences}`);
    }
    const facts: Fact[] = [];
    // Each fact at its index in the file, so a figure problem names the right `facts[i]`.
    const factsByIndex: Fact[] = [];
    if (!Array.isArray(record.facts)) {
      report('facts', record.facts === undefined ? 'is missing' : `must be a list, not ${describe(record.facts)}`);
    } else {
      if (record.facts.length < limits.factsMin || record.facts.length > limits.factsMax) {
        report('facts', `has ${record.facts.length} facts; a term has ${limits.factsMin} to ${limits.factsMax}`);
      }
      record.facts.forEach((fact: unknown, index: number) => {
        const factReport: Report = (field, reason) => report(`facts[${index}].${field}`, reason);
        if (fact === null || typeof fact !== 'object' || Array.isArray(fact)) {
          report(`facts[${index}]`, `must be an object with text and sources, not ${describe(fact)}`);
          return;
        }
        const factReader = new RecordReader(fact as Record<string, unknown>, factReport);
        factReader.unknownFields(FACT_FIELDS);
        const text = factReader.string('text');
        const factSources = factReader.stringList('sources', { nonEmptyReason: 'must name at least one source: every fact is sourced' });
        factSources.forEach((sourceId, sourceIndex) => sourceRefs.push({ file: path, field: label(`facts[${index}].sources[${sourceIndex}]`), value: sourceId }));
        const factRecord = fact as Record<string, unknown>;
        locatorRefs.push({ report: factReport, field: 'at', sources: factSources, at: factRecord.at });
        weakOnlyRefs.push({ report: factReport, field: 'sources', sources: factSources });
        const factAsOf = factReader.string('asOf', { optional: true });
        if (factAsOf !== undefined && !isValidPartialDate(factAsOf)) factReport('asOf', `"${factAsOf}" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)`);
        const figures = readFigures(factRecord.figures, factReport);
        factsByIndex[index] = { text: text ?? '', sources: factSources, ...(figures.length > 0 && { figures }) };
        if (text !== undefined) {
          facts.push({
            text,
            sources: factSources,
            ...(isLocatorMap(factRecord.at) && { at: factRecord.at }),
            ...(factAsOf !== undefined && { asOf: factAsOf }),
            ...(figures.length > 0 && { figures }),
          });
        }
      });
    }
    if (facts.some((fact) => fact.figures)) for (const problem of figureProblems({ facts: Array.from(factsByIndex, (fact) => fact ?? { text: '', sources: [] }) })) report(problem.field, problem.reason);
    const termSources = reader.stringList('sources', { nonEmptyReason: 'must name at least one source' });
    termSources.forEach((sourceId, index) => sourceRefs.push({ file: path, field: label(`sources[${index}]`), value: sourceId }));
    const related = reader.stringList('related', { optional: true });
    related.forEach((termId, index) => {
      if (termId === id) report(`related[${index}]`, 'names the term itself');
      termRefs.push({ file: path, field: label(`related[${index}]`), value: termId });
    });
    const asOf = reader.string('asOf', { optional: true });
    if (asOf === undefined) sourcing(report)('asOf', 'is missing; say when the facts were last checked (YYYY, YYYY-MM or YYYY-MM-DD)');
    else if (!isValidPartialDate(asOf)) report('asOf', `"${asOf}" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)`);
    const note = reader.string('note', { optional: true });
    if (id === undefined || title === undefined || summary === undefined || category === undefined) return;
    claimId(id, path, label('id'));
    terms.push({
      id,
      kind: 'term',
      title,
      shortTitle: shortTitle ?? title,
      ...(abbreviation !== undefined && { abbreviation }),
      ...(expansion !== undefined && { expansion }),
      aliases,
      category: category as TermCategory,
      summary,
      facts,
      sources: termSources,
      related,
      sections: [],
      ...(asOf !== undefined && { asOf }),
      ...(note !== undefined && { note }),
      ...(disambiguation.length > 0 && { disambiguation }),
      ...(exclusions.length > 0 && { exclusions }),
    });
    termFiles.set(id, { path, label });
  }

  function readEvent(record: Record<string, unknown>, reader: RecordReader, report: Report, path: string, label: (field: string) => string): void {
    reader.unknownFields(EVENT_FIELDS);
    const id = reader.string('id');
    checkId(id, report);
    const date = reader.string('date');
    if (date !== undefined && !isValidPartialDate(date)) report('date', `"${date}" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)`);
    const title = reader.string('title', { maxLength: limits.titleMaxLength });
    const text = reader.string('text');
    if (text !== undefined && sentenceCount(text) > limits.eventMaxSentences) report('text', `has ${sentenceCount(text)} sentences; an event has one or two`);
    const eventTerms = reader.stringList('terms');
    eventTerms.forEach((termId, index) => termRefs.push({ file: path, field: label(`terms[${index}]`), value: termId }));
    const eventSources = reader.stringList('sources', { nonEmptyReason: 'must name at least one source' });
    eventSources.forEach((sourceId, index) => sourceRefs.push({ file: path, field: label(`sources[${index}]`), value: sourceId }));
    const at = record.at;
    locatorRefs.push({ report, field: 'at', sources: eventSources, at });
    weakOnlyRefs.push({ report, field: 'sources', sources: eventSources });
    if (id === undefined || date === undefined || title === undefined || text === undefined) return;
    claimId(id, path, label('id'));
    events.push({ id, kind: 'event', date, title, text, terms: eventTerms, sources: eventSources, ...(isLocatorMap(at) && { at }) });
  }

  function readSource(reader: RecordReader, report: Report): void {
    reader.unknownFields(SOURCE_FIELDS);
    const id = reader.string('id');
    checkId(id, report);
    const title = reader.string('title');
    const author = reader.string('author', { optional: true });
    const publisher = reader.string('publisher');
    const date = reader.string('date');
    if (date !== undefined && !isValidPartialDate(date)) report('date', `"${date}" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)`);
    const url = reader.string('url');
    const urlCheck = url === undefined ? undefined : checkWebUrl(url);
    if (urlCheck && !urlCheck.ok) report('url', `"${url}" ${urlCheck.reason}`);
    const type = reader.string('type');
    if (type !== undefined && !SOURCE_TYPES.includes(type as Source['type'])) report('type', `"${type}" is not a source type (expected one of: ${SOURCE_TYPES.join(', ')})`);
    const note = reader.string('note', { optional: true });
    if (url !== undefined && (type === 'official' || type === 'statute') && !isOfficialHost(url) && !(type === 'statute' && STATUTE_HOSTS.has(hostOf(url)))) {
      sourcing(report)('url', `"${hostOf(url)}" is not a government host, so this copy is not the ${type} record; cite the record itself or type the copy "secondary"`);
    }
    if (id === undefined || title === undefined || publisher === undefined || date === undefined || url === undefined || type === undefined) return;
    const sameUrl = sources.find((source) => source.url === url);
    if (sameUrl) report('url', `is the same address as source "${sameUrl.id}"; reuse that id`);
    if (sources.some((source) => source.id === id)) report('id', `"${id}" is already used by another source`);
    sources.push({ id, title, ...(author !== undefined && { author }), publisher, date, url, type: type as Source['type'], ...(note !== undefined && { note }) });
  }

  // Cross-references, now that every id is known.
  const sourceIds = new Set(sources.map((source) => source.id));
  for (const ref of locatorRefs) {
    if (ref.at !== undefined && !isLocatorMap(ref.at)) {
      ref.report(ref.field, 'must map each source id to where in it the claim is found ({"source-id": "p. 12"})');
      continue;
    }
    const at = (ref.at ?? {}) as Record<string, string>;
    for (const sourceId of ref.sources) {
      if (!at[sourceId]?.trim()) sourcing(ref.report)(ref.field, `says not where in "${sourceId}" this is found; add "${sourceId}": "p. N" (a page, section, paragraph or heading; "the page" for a short news page)`);
    }
    for (const key of Object.keys(at)) {
      if (!ref.sources.includes(key)) ref.report(`${ref.field}.${key}`, `"${key}" is not among this record's sources`);
    }
  }
  const sourceTypes = new Map(sources.map((source) => [source.id, source.type]));
  for (const ref of weakOnlyRefs) {
    const types = ref.sources.map((sourceId) => sourceTypes.get(sourceId));
    if (types.length > 0 && types.every((type) => type !== undefined && WEAK_SOURCE_TYPES.includes(type))) {
      sourcing(ref.report)(ref.field, `rests only on weak sources (${ref.sources.join(', ')}: ${[...new Set(types)].join(', ')}); add the record or a reputable report`);
    }
  }
  for (const ref of sourceRefs) {
    if (!sourceIds.has(ref.value) && !known.sourceIds?.has(ref.value)) problems.push(`${ref.file}: ${ref.field}: "${ref.value}" is not a source id in data/sources`);
  }
  const termIds = new Set(terms.map((term) => term.id));
  for (const ref of termRefs) {
    if (!termIds.has(ref.value) && !known.termIds?.has(ref.value)) problems.push(`${ref.file}: ${ref.field}: "${ref.value}" is not a term id in data/terms`);
  }

  // Two terms claiming the same text would make a hover card's meaning depend on file order.
  const aliasOwners = new Map<string, { termId: string; alias: string }>();
  for (const term of terms) {
    const where = termFiles.get(term.id)!;
    for (const alias of term.aliases) {
      for (const spelling of aliasSpellings(alias)) {
        const key = aliasKey(spelling);
        const owner = aliasOwners.get(key);
        if (owner && owner.termId !== term.id) {
          problems.push(`${where.path}: ${where.label('aliases')}: "${alias}" is also an alias of "${owner.termId}" ("${owner.alias}"); two terms may not claim the same alias`);
        } else if (!owner) {
          aliasOwners.set(key, { termId: term.id, alias });
        }
      }
    }
  }

  // A term's sections are derived from the sections' front matter, so they cannot drift apart.
  const sortedSections = [...sections].sort((a, b) => a.order - b.order);
  for (const section of sortedSections) {
    for (const termId of section.terms) terms.find((term) => term.id === termId)?.sections.push(section.id);
  }
  const orders = sections.map((section) => section.order);
  for (const order of new Set(orders.filter((value, index) => orders.indexOf(value) !== index))) {
    problems.push(`data/sections: order: two sections have order ${order}`);
  }

  const counts: [string, number, number][] = [
    ['sections', sections.length, limits.minSections],
    ['terms', terms.length, limits.minTerms],
    ['events', events.length, limits.minEvents],
    ['sources', sources.length, limits.minSources],
  ];
  for (const [kind, count, minimum] of counts) {
    if (count < minimum) problems.push(`data/${kind}: (count): has ${count} ${kind}; the reference needs at least ${minimum}`);
  }

  return { data: { sections: sortedSections, terms, events, sources }, problems, warnings };
}

/** Reads a fact's `figures`, reporting each malformed field; the figures' meaning is checked by `figureProblems`. */
function readFigures(value: unknown, report: Report): Figure[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    report('figures', `must be a list of figures, not ${describe(value)}`);
    return [];
  }
  const figures: Figure[] = [];
  value.forEach((item: unknown, index: number) => {
    const field = `figures[${index}]`;
    const figureReport: Report = (name, reason) => report(`${field}.${name}`, reason);
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      report(field, `must be an object with a slot, a source and one figure, not ${describe(item)}`);
      return;
    }
    const record = item as Record<string, unknown>;
    const reader = new RecordReader(record, figureReport);
    reader.unknownFields(FIGURE_FIELDS);
    const slot = reader.string('slot');
    const source = reader.string('source');
    const numberField = (name: string): number | undefined => {
      const number = record[name];
      if (number === undefined) return undefined;
      if (typeof number !== 'number' || !Number.isFinite(number) || number < 0) {
        figureReport(name, `must be a non-negative number, not ${describe(number)}`);
        return undefined;
      }
      return number;
    };
    const amount = numberField('amount');
    const percent = numberField('percent');
    const count = numberField('count');
    if (count !== undefined && !Number.isInteger(count)) figureReport('count', `must be a whole number, not ${count}`);
    const currency = reader.string('currency', { optional: true });
    if (currency !== undefined && currency !== 'USD') figureReport('currency', `"${currency}" is not supported (only "USD")`);
    const unit = reader.string('unit', { optional: true });
    if (unit !== undefined && !(unit in FIGURE_UNITS)) figureReport('unit', `"${unit}" is not a unit (expected one of: ${Object.keys(FIGURE_UNITS).join(', ')})`);
    const date = reader.string('date', { optional: true });
    if (date !== undefined && !isValidPartialDate(date)) figureReport('date', `"${date}" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)`);
    const period = reader.string('period', { optional: true });
    const per = reader.string('per', { optional: true });
    if (per !== undefined && per !== 'year' && per !== 'total') figureReport('per', `"${per}" must be "year" or "total"`);
    let range: [number, number] | undefined;
    if (record.range !== undefined) {
      if (Array.isArray(record.range) && record.range.length === 2 && record.range.every((bound) => typeof bound === 'number' && Number.isFinite(bound))) range = record.range as [number, number];
      else figureReport('range', `must be [low, high], two numbers, not ${describe(record.range)}`);
    }
    let alternatives: (number | string)[] | undefined;
    if (record.alternatives !== undefined) {
      if (Array.isArray(record.alternatives) && record.alternatives.every((entry) => (typeof entry === 'number' && Number.isFinite(entry)) || (typeof entry === 'string' && isValidPartialDate(entry)))) alternatives = record.alternatives as (number | string)[];
      else figureReport('alternatives', `must list numbers (in the figure's unit) or dates, not ${describe(record.alternatives)}`);
    }
    if (record.atLeast !== undefined && typeof record.atLeast !== 'boolean') figureReport('atLeast', `must be true or false, not ${describe(record.atLeast)}`);
    const cues = reader.stringList('cues', { optional: true });
    const sumOf = reader.stringList('sumOf', { optional: true });
    if (slot === undefined || source === undefined) return;
    figures.push({
      slot,
      source,
      ...(amount !== undefined && { amount }),
      ...(currency === 'USD' && { currency }),
      ...(unit !== undefined && unit in FIGURE_UNITS && { unit: unit as FigureUnit }),
      ...(percent !== undefined && { percent }),
      ...(count !== undefined && { count }),
      ...(date !== undefined && { date }),
      ...(period !== undefined && { period }),
      ...((per === 'year' || per === 'total') && { per }),
      ...(range && { range }),
      ...(alternatives && { alternatives }),
      ...(record.atLeast === true && { atLeast: true }),
      ...(cues.length > 0 && { cues }),
      ...(sumOf.length > 0 && { sumOf }),
    });
  });
  return figures;
}

function isLocatorMap(value: unknown): value is Record<string, string> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && Object.values(value as object).every((item) => typeof item === 'string');
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return url;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
