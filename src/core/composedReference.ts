/**
 * The bundled reference and the workspace glossaries, read as one. `Reference` is left as it is:
 * this wraps it, keeps the workspace terms in a small search index of their own (rebuilt when a
 * glossary changes, in milliseconds) and asks both, so the bundled index is never rebuilt.
 */
import { bibtex, citation, cslJson, knownSources, type CitationOptions, type CitationText, type CslItem } from './citations';
import { analyzeDraft, type DraftTerm } from './draftTerms';
import type { FigureFinding } from './figures';
import type { Entry, EntryKind, Hit, Section, Source, Term, TermMatch, TimelineEvent } from './model';
import { boundQuery, fullThenPartialMatches } from './reference';
import { INDEX_OPTIONS, QUERY_OPTIONS, normalizeName, toIndexedDocument } from './searchIndex';
import { CompactSearchIndex, compactIndexFromDocuments } from './compactSearch';
import { TermMatcher, aliasKey, aliasSpellings, type MatchOptions } from './termMatcher';
import { compareTitles, truncate } from './text';
import { NO_GLOSSARY, type WorkspaceGlossary } from './workspaceGlossary';

/** Everything the editor features ask of a reference. `Reference` and `ComposedReference` both satisfy it. */
export interface ReferenceView {
  search(query: string, options?: { limit?: number; kinds?: readonly EntryKind[] }): Hit[];
  entry(id: string): Entry | undefined;
  source(id: string): Source | undefined;
  sources(): readonly Source[];
  terms(): readonly Term[];
  sections(): readonly Section[];
  events(): readonly TimelineEvent[];
  findTerms(text: string, options?: MatchOptions): TermMatch[];
  findTermsBetween(text: string, from: number, to: number, options?: MatchOptions): TermMatch[];
  termAt(text: string, offset: number, options?: MatchOptions): TermMatch | undefined;
  draftTerms(text: string, options?: MatchOptions): DraftTerm[];
  cslJson(sourceIds: readonly string[]): CslItem[];
  bibtex(sourceIds: readonly string[]): string;
  citation(sourceId: string, options: CitationOptions): CitationText | undefined;
  checkFigures(text: string, options?: MatchOptions): FigureFinding[];
  checkFiguresBetween(text: string, from: number, to: number, options?: MatchOptions): FigureFinding[];
  /** The workspace glossary file a term came from; absent or `undefined` for the bundled reference. */
  origin?(id: string): string | undefined;
}

/** Which side keeps an alias that a workspace term and a bundled term both claim. */
export type GlossaryPrecedence = 'bundled' | 'workspace';

/** An alias claimed by a workspace term and a bundled term. */
export interface AliasClash {
  /** The workspace term's alias, as written in its file. */
  alias: string;
  aliasIndex: number;
  workspaceTermId: string;
  bundledTermId: string;
  bundledAlias: string;
  /** The side whose term the alias raises. */
  winner: GlossaryPrecedence;
}

const SNIPPET_LENGTH = 160;

/**
 * The bundled reference with the workspace glossaries beside it. Immutable: a changed glossary
 * makes a new one, which costs the workspace terms' small index and the term matcher, never the
 * bundled search index.
 *
 * @example
 *   const composed = new ComposedReference(reference, readWorkspaceGlossaries(files, bundledIds(reference)), 'bundled');
 *   composed.termAt('The TEAMX plan', 5)?.termId // => 'teamx' (a workspace term)
 */
export class ComposedReference implements ReferenceView {
  private readonly workspaceById = new Map<string, Term>();
  private readonly workspaceSources = new Map<string, Source>();
  private readonly allTerms: Term[];
  private readonly allSources: Source[];
  private readonly clashList: AliasClash[] = [];
  private readonly workspaceNames = new Map<string, string[]>();
  private matcher: TermMatcher | undefined;
  private workspaceIndex: CompactSearchIndex | undefined;

  constructor(
    private readonly bundled: ReferenceView,
    readonly glossary: WorkspaceGlossary = NO_GLOSSARY,
    readonly precedence: GlossaryPrecedence = 'bundled',
  ) {
    for (const term of glossary.terms) {
      this.workspaceById.set(term.id, term);
      for (const name of new Set([term.title, term.abbreviation ?? '', ...term.aliases].map(normalizeName))) {
        if (name === '') continue;
        this.workspaceNames.set(name, [...(this.workspaceNames.get(name) ?? []), term.id]);
      }
    }
    for (const source of glossary.sources) if (!bundled.source(source.id)) this.workspaceSources.set(source.id, source);
    this.allTerms = [...bundled.terms(), ...glossary.terms].sort((a, b) => compareTitles(a.title, b.title));
    this.allSources = [...bundled.sources(), ...this.workspaceSources.values()];
    this.findClashes();
  }

  /** The file a workspace term came from; `undefined` for a bundled entry. @example composed.origin('teamx') // => 'docs/team.terms.json' */
  origin(id: string): string | undefined {
    return this.glossary.origins.get(id);
  }

  /** Whether an id is a workspace glossary's term. @example composed.isWorkspaceTerm('qme') // => false */
  isWorkspaceTerm(id: string): boolean {
    return this.workspaceById.has(id);
  }

  /** The workspace terms, alphabetical by title. @example composed.workspaceTerms().length */
  workspaceTerms(): readonly Term[] {
    return this.allTerms.filter((term) => this.workspaceById.has(term.id));
  }

  /** The bundled terms alone, alphabetical by title. @example composed.bundledTerms().length */
  bundledTerms(): readonly Term[] {
    return this.bundled.terms();
  }

  /** Aliases a workspace term shares with a bundled one, and which side keeps each. @example composed.clashes()[0]?.winner */
  clashes(): readonly AliasClash[] {
    return this.clashList;
  }

  /**
   * Hits from the bundled index and the workspace terms' own index, merged: an entry whose
   * exact name was typed comes first (the precedence setting orders a tie between the two
   * sides), then the rest by score relative to each side's best.
   *
   * @example
   *   composed.search('TEAMX', { limit: 5 })[0].id // => 'teamx'
   */
  search(query: string, options: { limit?: number; kinds?: readonly EntryKind[] } = {}): Hit[] {
    const limit = options.limit ?? 20;
    const bundledHits = this.bundled.search(query, options);
    if (this.workspaceById.size === 0 || (options.kinds && !options.kinds.includes('term'))) return bundledHits;
    const trimmed = boundQuery(query);
    if (trimmed === '' || limit <= 0) return bundledHits;
    const workspaceHits = this.searchWorkspace(trimmed, limit);
    if (workspaceHits.length === 0) return bundledHits;
    const name = normalizeName(trimmed);
    const bundledExact = bundledHits.filter((hit) => this.bundledNameOf(hit.id, name));
    const workspaceExact = workspaceHits.filter((hit) => this.workspaceNames.get(name)?.includes(hit.id));
    const first = this.precedence === 'workspace' ? [...workspaceExact, ...bundledExact] : [...bundledExact, ...workspaceExact];
    const firstIds = new Set(first.map((hit) => hit.id));
    const relative = (hits: Hit[]) => {
      const rest = hits.filter((hit) => !firstIds.has(hit.id));
      const top = Math.max(...rest.map((hit) => hit.score), Number.MIN_VALUE);
      return rest.map((hit) => ({ hit, weight: hit.score / top }));
    };
    const rest = [...relative(bundledHits), ...relative(workspaceHits)].sort((a, b) => b.weight - a.weight).map((item) => item.hit);
    return [...first, ...rest].slice(0, limit);
  }

  entry(id: string): Entry | undefined {
    return this.bundled.entry(id) ?? this.workspaceById.get(id);
  }

  source(id: string): Source | undefined {
    return this.bundled.source(id) ?? this.workspaceSources.get(id);
  }

  sources(): readonly Source[] {
    return this.allSources;
  }

  terms(): readonly Term[] {
    return this.allTerms;
  }

  sections(): readonly Section[] {
    return this.bundled.sections();
  }

  events(): readonly TimelineEvent[] {
    return this.bundled.events();
  }

  findTerms(text: string, options: MatchOptions = {}): TermMatch[] {
    return this.termMatcher().findAll(text, options);
  }

  findTermsBetween(text: string, from: number, to: number, options: MatchOptions = {}): TermMatch[] {
    return this.termMatcher().findBetween(text, from, to, options);
  }

  termAt(text: string, offset: number, options: MatchOptions = {}): TermMatch | undefined {
    return this.termMatcher().at(text, offset, options);
  }

  draftTerms(text: string, options: MatchOptions = {}): DraftTerm[] {
    return analyzeDraft(text, this.findTerms(text, options), (id) => {
      const entry = this.entry(id);
      return entry?.kind === 'term' ? entry : undefined;
    });
  }

  /** The figure check holds drafts to the bundled reference's figures; workspace terms carry none to check against. */
  checkFigures(text: string, options: MatchOptions = {}): FigureFinding[] {
    return this.bundled.checkFigures(text, options);
  }

  checkFiguresBetween(text: string, from: number, to: number, options: MatchOptions = {}): FigureFinding[] {
    return this.bundled.checkFiguresBetween(text, from, to, options);
  }

  cslJson(sourceIds: readonly string[]): CslItem[] {
    return cslJson(knownSources(this, sourceIds));
  }

  bibtex(sourceIds: readonly string[]): string {
    return bibtex(knownSources(this, sourceIds));
  }

  citation(sourceId: string, options: CitationOptions): CitationText | undefined {
    const source = this.source(sourceId);
    return source ? citation(source, options) : undefined;
  }


  private bundledNameOf(id: string, name: string): boolean {
    const entry = this.bundled.entry(id);
    if (!entry) return false;
    const names = entry.kind === 'term' ? [entry.title, entry.abbreviation ?? '', ...entry.aliases] : [entry.title];
    return names.some((candidate) => normalizeName(candidate) === name);
  }

  private searchWorkspace(query: string, limit: number): Hit[] {
    // Built on the first search that reaches the workspace terms, as minisearch would index them.
    this.workspaceIndex ??= CompactSearchIndex.load(compactIndexFromDocuments([...this.workspaceById.values()].map(toIndexedDocument), INDEX_OPTIONS));
    const index = this.workspaceIndex;
    const found = fullThenPartialMatches((combineWith) => index.search(query, { ...QUERY_OPTIONS, combineWith }), limit);
    const exact = this.workspaceNames.get(normalizeName(query)) ?? [];
    return found
      .map((result) => ({ id: String(result.id), score: exact.includes(String(result.id)) ? result.score + 1e6 : result.score }))
      .sort((a, b) => b.score - a.score)
      .slice(0, limit)
      .map(({ id, score }) => {
        const term = this.workspaceById.get(id)!;
        return { id, kind: 'term' as const, title: term.title, snippet: truncate(term.summary, SNIPPET_LENGTH), score };
      });
  }

  private findClashes(): void {
    if (this.workspaceById.size === 0) return;
    const bundledKeys = new Map<string, { termId: string; alias: string }>();
    for (const term of this.bundled.terms()) {
      for (const alias of term.aliases) for (const spelling of aliasSpellings(alias)) bundledKeys.set(aliasKey(spelling), { termId: term.id, alias });
    }
    for (const term of this.workspaceById.values()) {
      term.aliases.forEach((alias, aliasIndex) => {
        const owner = aliasSpellings(alias)
          .map((spelling) => bundledKeys.get(aliasKey(spelling)))
          .find((found) => found !== undefined);
        if (owner) this.clashList.push({ alias, aliasIndex, workspaceTermId: term.id, bundledTermId: owner.termId, bundledAlias: owner.alias, winner: this.precedence });
      });
    }
  }

  private termMatcher(): TermMatcher {
    // One matcher over both sides, so the longest name wins wherever it comes from; the side that
    // lost a clash gives up that alias.
    this.matcher ??= (() => {
      const lostByWorkspace = new Set(this.clashList.filter((clash) => clash.winner === 'bundled').map((clash) => `${clash.workspaceTermId}\u0000${clash.alias}`));
      const lostByBundled = new Set(this.clashList.filter((clash) => clash.winner === 'workspace').map((clash) => `${clash.bundledTermId}\u0000${clash.bundledAlias}`));
      const keep = (lost: Set<string>) => (term: Term) => ({
        id: term.id,
        aliases: term.aliases.filter((alias) => !lost.has(`${term.id}\u0000${alias}`)),
        exclusions: term.exclusions,
      });
      return new TermMatcher([...this.bundled.terms().map(keep(lostByBundled)), ...[...this.workspaceById.values()].map(keep(lostByWorkspace))]);
    })();
    return this.matcher;
  }
}
