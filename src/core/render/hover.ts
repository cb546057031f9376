import type { Fact, Source, Term } from '../model';
import { commandUri, escapeMarkdown, markdownUrl } from './escape';
import { categoryLabel, entrySourceIds, formatDate } from './format';
import type { EntryLookup } from './types';

/** One link in the card's action row: a fixed label and tooltip, an extension command and its arguments. */
export interface HoverAction {
  label: string;
  /** Fixed text, never content: it lands in a Markdown link title. */
  tooltip: string;
  command: string;
  args: unknown[];
}

/** The extension's commands the card links to, and their arguments. */
export interface HoverCardOptions {
  /** Opens an entry in the panel; called with `[entryId]`, or `[entryId, openOptions]`. */
  openCommand: string;
  /** A second argument for every open link (where the panel should appear). */
  openOptions?: Record<string, unknown>;
  /** Opens the search; called with `[query]`. */
  searchCommand: string;
  /** The writer's actions, shown first, in this order (Insert into Draft, Cite, …). */
  actions?: HoverAction[];
  /** Replaces the hovered occurrence with the expansion; omitted when there is nothing to expand. */
  insertExpansion?: { command: string; args: unknown[] };
  /** At most this many key facts (default 3). */
  maxFacts?: number;
  /** At most this many sources when no fact cites any (default 3). */
  maxSources?: number;
}

/**
 * The hover card for a term, as Markdown for a trusted `MarkdownString` that may run only the
 * extension's own commands. The actions come first, under the title, so a 250-pixel hover shows
 * them without scrolling; then the summary, the key facts numbered by their sources ("[1]"), the
 * sources under those numbers, and related terms. A disambiguation card ("MOU") lists the terms
 * the name may mean instead of facts. Every value from the content is escaped, every URL checked
 * to be http(s), every command argument encoded.
 *
 * @example
 *   renderHoverCard(reference.entry('qme') as Term, reference, { openCommand: 'x.open', searchCommand: 'x.search' })
 *   // => '**Qualitative military edge** (QME)  \n*Concepts and doctrine*\n\n[Open in Panel](…) · …'
 */
export function renderHoverCard(term: Term, lookup: EntryLookup, options: HoverCardOptions): string {
  const blocks: string[] = [];
  const abbreviation = term.abbreviation && !term.title.includes(term.abbreviation) ? ` (${escapeMarkdown(term.abbreviation)})` : '';
  blocks.push(`**${escapeMarkdown(term.title)}**${abbreviation}  \n*${escapeMarkdown(categoryLabel(term.category))}*`);
  blocks.push(actionRow(term, options));
  blocks.push(escapeMarkdown(term.summary));

  const openArgs = (id: string) => (options.openOptions ? [id, options.openOptions] : [id]);
  const meanings = (term.disambiguation ?? []).map((id) => lookup.entry(id)).filter((entry) => entry !== undefined);
  if (meanings.length > 0) {
    blocks.push(meanings.map((entry) => `- [${escapeMarkdown(entry.title)}](${commandUri(options.openCommand, openArgs(entry.id))})`).join('\n'));
  }

  const numbers = new Map<string, number>();
  const number = (source: Source) => {
    if (!numbers.has(source.id)) numbers.set(source.id, numbers.size + 1);
    return numbers.get(source.id)!;
  };
  const facts = term.facts.slice(0, options.maxFacts ?? 3);
  const dates = new Set(facts.map((fact) => fact.asOf ?? term.asOf ?? ''));
  // A date on each fact only where facts of different dates sit together; else one line for all.
  const datePerFact = dates.size > 1;
  if (facts.length > 0) {
    const lines = facts.map((fact, index) => `${index + 1}. ${escapeMarkdown(fact.text)}${citationMarks(fact, lookup, number)}${datePerFact ? factDate(fact, term) : ''}`);
    blocks.push(lines.join('\n'));
  }
  if (!datePerFact && term.asOf && facts.length > 0) blocks.push(`*Facts as of ${escapeMarkdown(formatDate(term.asOf))}.*`);

  if (numbers.size === 0) {
    // No fact cites anything shown: number the entry's own sources instead.
    for (const id of entrySourceIds(term).slice(0, options.maxSources ?? 3)) {
      const source = lookup.source(id);
      if (source) number(source);
    }
  }
  const sources = [...numbers.keys()].map((id, index) => `${index + 1}\\. ${sourceLine(lookup.source(id)!, locatorFor(id, facts))}`);
  if (sources.length > 0) blocks.push(`Sources: ${sources.join(' · ')}`);

  const related = term.related
    .map((id) => lookup.entry(id))
    .filter((entry) => entry !== undefined)
    .map((entry) => `[${escapeMarkdown(entry.title)}](${commandUri(options.openCommand, openArgs(entry.id))})`);
  if (related.length > 0) blocks.push(`Related: ${related.join(' · ')}`);
  return blocks.join('\n\n');
}

function actionRow(term: Term, options: HoverCardOptions): string {
  const link = (label: string, command: string, args: unknown[], tooltip: string) => `[${label}](${commandUri(command, args)} "${tooltip}")`;
  // Link titles stay fixed text: content never goes anywhere Markdown parses less strictly.
  const actions = (options.actions ?? []).map((action) => link(escapeMarkdown(action.label), action.command, action.args, action.tooltip.replace(/["\\]/g, '')));
  if (options.insertExpansion) actions.push(link('Insert Expansion', options.insertExpansion.command, options.insertExpansion.args, 'Write out the term with its abbreviation'));
  actions.push(link('Open in Panel', options.openCommand, options.openOptions ? [term.id, options.openOptions] : [term.id], 'Open this term in the reference panel'));
  actions.push(link('Search', options.searchCommand, [term.title], 'Search the reference for this term'));
  return actions.join(' · ');
}

/** " [1][2]" after a fact: the numbers of its sources in the card's list. */
function citationMarks(fact: Fact, lookup: EntryLookup, number: (source: Source) => number): string {
  const marks = fact.sources
    .map((id) => lookup.source(id))
    .filter((source) => source !== undefined)
    .map((source) => `\\[${number(source)}\\]`);
  return marks.length > 0 ? ` ${marks.join('')}` : '';
}

function factDate(fact: Fact, term: Term): string {
  const date = fact.asOf ?? term.asOf;
  return date ? ` *(as of ${escapeMarkdown(formatDate(date))})*` : '';
}

/** Where in a source the shown facts are found, when the content says (the first locator given). */
function locatorFor(sourceId: string, facts: readonly Fact[]): string | undefined {
  for (const fact of facts) {
    const at = fact.at?.[sourceId];
    if (at) return at;
  }
  return undefined;
}

function sourceLine(source: Source, locator: string | undefined): string {
  const label = escapeMarkdown(source.title);
  const url = markdownUrl(source.url);
  const title = url ? `[${label}](${url})` : label;
  const details = [source.publisher, source.date.slice(0, 4), locator].filter((part): part is string => Boolean(part)).map(escapeMarkdown).join(', ');
  return `${title} (${details})`;
}
