/**
 * Build-time only (Node): reads `data/`, validates it, and writes the bundled index.
 * esbuild.js bundles and runs this; nothing at run time imports it.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'fs';
import { dirname, join, relative } from 'path';
import { DEFAULT_LIMITS, validateContent, type ContentFile, type ContentLimits } from '../core/content';
import { serializeLibraryPart, serializeTermsPart, splitIndexFile } from '../core/writeParts';
import { buildIndexFile } from '../core/searchIndex';

/** Where the build puts the two parts the extension reads, beside the single index file. */
export const PART_FILES = { terms: 'reference-terms.jsonl', library: 'reference-library.jsonl' } as const;

export interface BuildIndexResult {
  ok: boolean;
  problems: string[];
  /** Problems tolerated because of `draft`, shown as warnings. */
  warnings: string[];
  /** Breaches of the sourcing rules while they are not yet enforced (see `ContentLimits.strictSourcing`). */
  sourcingWarnings: string[];
  summary: string;
}

/** Counts and lengths, which a work-in-progress content set may not meet yet. */
const DRAFT_TOLERATED = /: \(count\): |: \(body\): has \d+ words/;

function readContentFiles(dataDirectory: string): ContentFile[] {
  const files: ContentFile[] = [];
  for (const folder of ['sections', 'terms', 'events', 'sources']) {
    let names: string[];
    try {
      names = readdirSync(join(dataDirectory, folder));
    } catch {
      continue;
    }
    for (const name of names.sort()) {
      if (!name.endsWith('.md') && !name.endsWith('.json')) continue;
      const path = join(dataDirectory, folder, name);
      files.push({ path: relative(join(dataDirectory, '..'), path).split('\\').join('/'), text: readFileSync(path, 'utf8') });
    }
  }
  return files;
}

/**
 * Validates `dataDirectory` and, when it is valid, writes the index file to `outputPath` and,
 * beside it, its two parts (`PART_FILES`): the terms a hover needs and the library the rest needs.
 *
 * @example
 *   const result = buildIndexFromDirectory('data', 'dist/reference-index.json');
 *   if (!result.ok) console.error(result.problems.join('\n'));
 */
export function buildIndexFromDirectory(dataDirectory: string, outputPath: string, options: { draft?: boolean; limits?: ContentLimits } = {}): BuildIndexResult {
  const { data, problems, warnings: sourcingWarnings } = validateContent(readContentFiles(dataDirectory), options.limits ?? DEFAULT_LIMITS);
  const warnings = options.draft ? problems.filter((problem) => DRAFT_TOLERATED.test(problem)) : [];
  const errors = problems.filter((problem) => !warnings.includes(problem));

  if (errors.length > 0) return { ok: false, problems: errors, warnings, sourcingWarnings, summary: '' };
  const file = buildIndexFile(data);
  const json = JSON.stringify(file);
  const parts = splitIndexFile(file);
  const termsJson = serializeTermsPart(parts.terms);
  const libraryJson = serializeLibraryPart(parts.library);
  mkdirSync(dirname(outputPath), { recursive: true });
  writeFileSync(outputPath, json);
  writeFileSync(join(dirname(outputPath), PART_FILES.terms), termsJson);
  writeFileSync(join(dirname(outputPath), PART_FILES.library), libraryJson);
  const kilobytes = (text: string) => `${(Buffer.byteLength(text) / 1024).toFixed(0)} KB`;
  const summary = `reference index: ${data.sections.length} sections, ${data.terms.length} terms, ${data.events.length} events, ${data.sources.length} sources, ${kilobytes(json)} (terms part ${kilobytes(termsJson)}, library part ${kilobytes(libraryJson)})`;
  return { ok: true, problems: [], warnings, sourcingWarnings, summary };
}
