import type { Term } from '../model';
import { commandUri, escapeMarkdown, markdownUrl } from './escape';
import { categoryLabel, entrySourceIds, formatDate } from './format';
import type { EntryLookup } from './types';

/** The extension's commands the card links to, and their arguments. */
export interface HoverCardOptions {
  /** Opens an entry in the panel; called with `[entryId]`, or `[entryId, openOptions]`. */
  openCommand: string;
  /** A second argument for every open link (where the panel should appear). */
  openOptions?: Record<string, unknown>;
  /** Opens the search; called with `[query]`. */
  searchCommand: string;
  /** Replaces the hovered occurrence with the expansion; omitted when there is nothing to expand. */
  insertExpansion?: { command: string; args: unknown[] };
  /** At most this many key facts (default 3). */
  maxFacts?: number;
  /** At most this many sources (default 3). */
  maxSources?: number;
}

/**
 * The hover card for a term, as Markdown for a trusted `MarkdownString` that may run only the
 * extension's own commands: title and abbreviation, category, summary, key facts, sources,
 * related terms, and the actions Open in Panel · Search · Insert Expansion. Every value from
 * the content is escaped, every URL checked to be http(s), every command argument encoded.
 *
 * @example
 *   renderHoverCard(reference.entry('qme') as Term, reference, { openCommand: 'x.open', searchCommand: 'x.search' })
 *   // => '**Qualitative military edge** (QME)  \n*Concepts and doctrine*\n\n…'
 */
export function renderHoverCard(term: Term, lookup: EntryLookup, options: HoverCardOptions): string {
  const blocks: string[] = [];
  const abbreviation = term.abbreviation && term.abbreviation !== term.title ? ` (${escapeMarkdown(term.abbreviation)})` : '';
  blocks.push(`**${escapeMarkdown(term.title)}**${abbreviation}  \n*${escapeMarkdown(categoryLabel(term.category))}*`);
  blocks.push(escapeMarkdown(term.summary));

  const facts = term.facts.slice(0, options.maxFacts ?? 3);
  if (facts.length > 0) blocks.push(facts.map((fact) => `- ${escapeMarkdown(fact.text)}`).join('\n'));
  if (term.asOf) blocks.push(`*Facts as of ${escapeMarkdown(formatDate(term.asOf))}.*`);

  const sources = entrySourceIds(term)
    .map((id) => lookup.source(id))
    .filter((source) => source !== undefined)
    .slice(0, options.maxSources ?? 3)
    .map((source) => {
      const label = `${escapeMarkdown(source.title)}`;
      const url = markdownUrl(source.url);
      const link = url ? `[${label}](${url})` : label;
      return `${link} (${escapeMarkdown(source.publisher)}, ${escapeMarkdown(source.date.slice(0, 4))})`;
    });
  if (sources.length > 0) blocks.push(`Sources: ${sources.join(' · ')}`);

  const openArgs = (id: string) => (options.openOptions ? [id, options.openOptions] : [id]);
  const related = term.related
    .map((id) => lookup.entry(id))
    .filter((entry) => entry !== undefined)
    .map((entry) => `[${escapeMarkdown(entry.title)}](${commandUri(options.openCommand, openArgs(entry.id))})`);
  if (related.length > 0) blocks.push(`Related: ${related.join(' · ')}`);

  const actions = [
    // Link titles stay fixed text: content never goes anywhere Markdown parses less strictly.
    `[Open in Panel](${commandUri(options.openCommand, openArgs(term.id))} "Open this term in the reference panel")`,
    `[Search](${commandUri(options.searchCommand, [term.title])} "Search the reference for this term")`,
  ];
  if (options.insertExpansion) {
    actions.push(`[Insert Expansion](${commandUri(options.insertExpansion.command, options.insertExpansion.args)} "Write out the term with its abbreviation")`);
  }
  blocks.push(actions.join(' · '));
  return blocks.join('\n\n');
}

