import type { Entry, Source, Term, TermMatch } from './model';
import { PartError, PartRecords, readTermsPart, type LoadedTermsPart, type PartSource, type TermsPart } from './parts';
import { TermMatcher, type MatchOptions } from './termMatcher';
import { analyzeDraft, type DraftTerm } from './draftTerms';

/** Raised when the bundled index is missing, unreadable or from another format version. */
export class ReferenceLoadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReferenceLoadError';
  }
}

/**
 * The part of the reference a hover card and the writing aids use: the glossary terms, their
 * matcher and the sources they cite, all from the terms part. It imports nothing of search, the
 * figure check or citations, so that `dist/core.js` can hand it out after requiring a small
 * bundle; `Reference` extends it with the rest.
 *
 * @example
 *   const terms = new TermsReference(readTermsPart(text));
 *   terms.termAt('The Iron Dome radar', 6)?.termId // => 'iron-dome'
 */
export class TermsReference {
  private matcher: TermMatcher | undefined;

  constructor(protected readonly termsPart: LoadedTermsPart) {}

  /**
   * A glossary term by id (the whole reference also answers for sections and events).
   *
   * @example
   *   terms.entry('qme')?.title // => 'Qualitative military edge'
   */
  entry(id: string): Entry | undefined {
    return this.termById(id);
  }

  /**
   * A source a term cites, by id (the whole reference also answers for every other source).
   *
   * @example
   *   terms.source('crs-rl33222')?.publisher // => 'Congressional Research Service'
   */
  source(id: string): Source | undefined {
    return this.termsPart.sources.get(id);
  }

  /** Glossary terms, alphabetical by title. @example reference.terms().map((t) => t.title) */
  terms(): readonly Term[] {
    return this.termsPart.terms.all();
  }

  /**
   * Every term occurrence in `text`, in document order, never overlapping.
   *
   * @example
   *   reference.findTerms('QME and `QME`', { markdown: true }) // => [{ termId: 'qme', start: 0, end: 3 }]
   */
  findTerms(text: string, options: MatchOptions = {}): TermMatch[] {
    return this.termMatcher().findAll(text, options);
  }

  /**
   * The glossary terms a draft uses, in order of first use, with counts and whether each
   * abbreviation was spelled out at its first use (`null` for a term without one).
   *
   * @example
   *   reference.draftTerms('The QME rule.', { markdown: true })
   *   // => [{ termId: 'qme', count: 1, first: { start: 4, end: 7 }, spelledOut: false }]
   */
  draftTerms(text: string, options: MatchOptions = {}): DraftTerm[] {
    // The header's abbreviation table answers what the analysis asks: no term record is parsed.
    return analyzeDraft(text, this.findTerms(text, options), (id) => this.termsPart.abbreviationOf(id));
  }

  /**
   * The term occurrences in `[from, to)` of `text`, for a range bounded by paragraph breaks
   * (see `DraftTermScan`, which keeps a draft's matches current as it is edited).
   *
   * @example
   *   reference.findTermsBetween(text, 120, 480, { markdown: true })
   */
  findTermsBetween(text: string, from: number, to: number, options: MatchOptions = {}): TermMatch[] {
    return this.termMatcher().findBetween(text, from, to, options);
  }

  /**
   * The term occurrence covering `offset` (UTF-16, the character after the caret), or
   * `undefined`. Looks only at a bounded window around the offset, so its cost does not
   * depend on the document's length.
   *
   * @example
   *   reference.termAt('The Iron Dome’s radar', 6, { markdown: true }) // => { termId: 'iron-dome', start: 4, end: 15 }
   */
  termAt(text: string, offset: number, options: MatchOptions = {}): TermMatch | undefined {
    return this.termMatcher().at(text, offset, options);
  }

  protected termById(id: string): Term | undefined {
    return this.termsPart.terms.get(id);
  }

  protected termMatcher(): TermMatcher {
    // Made on first use: a session that only searches never pays for it. The build's compiled
    // trie loads faster than the aliases compile.
    if (this.matcher === undefined) {
      try {
        this.matcher = new TermMatcher(this.termsPart.matcher);
      } catch (error) {
        throw new ReferenceLoadError(`The reference's term matcher could not be read (${(error as Error).message}). Rebuild it with "npm run build".`);
      }
    }
    return this.matcher;
  }
}

/**
 * Reads the terms part (see parts.ts) with every problem, now or when a record is first parsed,
 * worded as a `ReferenceLoadError`.
 *
 * @example
 *   const terms = new TermsReference(readTermsPartExplained(readFileSync('dist/reference-terms.jsonl', 'utf8')));
 */
export function readTermsPartExplained(input: string | PartSource | TermsPart): LoadedTermsPart {
  const terms = explained('terms part', () => readTermsPart(input));
  return { matcher: terms.matcher, terms: explainedRecords(terms.terms, 'terms part'), sources: explainedRecords(terms.sources, 'terms part'), abbreviationOf: terms.abbreviationOf };
}

/** Runs `read`, turning a `PartError` into the message a user reads. @example explained('terms part', () => readTermsPart(text)) */
export function explained<T>(name: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof PartError) throw new ReferenceLoadError(`The reference's ${name} cannot be used: ${error.message}. Rebuild it with "npm run build".`);
    throw error;
  }
}

/** A record that turns out damaged when first parsed is explained like a damaged header. @example explainedRecords(part.sections, 'library part') */
export function explainedRecords<T extends { id: string }>(records: PartRecords<T>, name: string): PartRecords<T> {
  return new PartRecords<T>(records.ids, (index) => explained(name, () => records.get(records.ids[index])!));
}
