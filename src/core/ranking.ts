/**
 * The order search results are shown in, worked out after minisearch has scored them. Scores
 * say how much of an entry's text matches; a writer typing "qme", "iron dome cost" or "thaad"
 * wants the entry that is *called* that, so names decide first and scores only within a tier.
 */

import type { EntryKind } from './model';

/** One scored candidate, as the search produced it. */
export interface RankCandidate {
  id: string;
  kind: EntryKind;
  score: number;
}

/** What the ranking needs to know about entries beyond their scores. */
export interface RankContext {
  /** Every name an entry answers to (title, abbreviation, aliases), already normalised into words. */
  names(id: string): readonly (readonly string[])[];
  /** The glossary terms an event is about (empty for other kinds). */
  eventTerms(id: string): readonly string[];
}

export interface RankOptions {
  /** Natural-score hits below this fraction of the best natural score are dropped (default 0.05). */
  cutoff?: number;
}

/** A candidate with the tier it earned: how much of the query its own name covers. */
interface Tiered extends RankCandidate {
  /** 2 + words when a name is the whole query, 1 + words when a name is inside the query, 0 otherwise. */
  tier: number;
}

const KIND_ORDER: Record<EntryKind, number> = { term: 0, section: 1, event: 2 };

/**
 * Orders scored candidates for display:
 * 1. entries whose name is the whole query (title, alias or abbreviation), then entries whose
 *    name appears whole inside the query, more words covered first ("iron dome cost" → Iron Dome);
 *    within a tier a term comes before a section or an event;
 * 2. then everything else by score, except that a term whose name shares a word with the query
 *    is moved just above an event that lists it among its terms (the event merely names it);
 * 3. weak hits, scoring below `cutoff` of the best score, are dropped, unless a name earned them a tier.
 *
 * Scores are rewritten to be strictly decreasing in the returned order, so callers can keep
 * sorting by score.
 *
 * @example
 *   rankCandidates(['iron', 'dome', 'cost'], hits, context)[0].id // => 'iron-dome'
 */
export function rankCandidates(queryWords: readonly string[], candidates: readonly RankCandidate[], context: RankContext, options: RankOptions = {}): RankCandidate[] {
  if (candidates.length === 0) return [];
  const query = new Set(queryWords);
  const tiered: Tiered[] = candidates.map((candidate) => ({ ...candidate, tier: nameTier(query, queryWords.length, context.names(candidate.id)) }));
  const best = Math.max(...tiered.map((candidate) => candidate.score));
  const floor = best * (options.cutoff ?? 0.05);
  const named = tiered
    .filter((candidate) => candidate.tier > 0)
    .sort((a, b) => b.tier - a.tier || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || b.score - a.score);
  const rest = tiered.filter((candidate) => candidate.tier === 0 && candidate.score >= floor).sort((a, b) => b.score - a.score);
  const ordered = termsBeforeTheirEvents(rest, context, query);
  const result = [...named, ...ordered];
  // Strictly decreasing, from the top natural score upwards, so the order survives any later sort.
  const top = Math.max(best, 1);
  return result.map((candidate, index) => ({ id: candidate.id, kind: candidate.kind, score: top * (1 + (result.length - index) / result.length) }));
}

/**
 * How much of the query an entry's names cover: 0 for none. A single short word (under three
 * characters) never counts inside a longer query, so "us aid" does not promote an entry named "US".
 */
function nameTier(query: ReadonlySet<string>, queryLength: number, names: readonly (readonly string[])[]): number {
  let tier = 0;
  for (const words of names) {
    if (words.length === 0 || !words.every((word) => query.has(word))) continue;
    const distinct = new Set(words).size;
    if (distinct === query.size && words.length === queryLength) tier = Math.max(tier, 2 + distinct + 100);
    else if (distinct > 1 || words[0].length >= 3) tier = Math.max(tier, 1 + distinct);
  }
  return tier;
}

/**
 * Moves each term that the query names in part (a query word is one of its name's words) above
 * the first event ranked before it that lists the term: such an event matched by naming it.
 */
function termsBeforeTheirEvents<T extends RankCandidate>(ranked: readonly T[], context: RankContext, query: ReadonlySet<string>): T[] {
  const result = [...ranked];
  for (let index = 0; index < result.length; index++) {
    const candidate = result[index];
    if (candidate.kind !== 'term' || !context.names(candidate.id).some((words) => words.some((word) => query.has(word)))) continue;
    const eventIndex = result.findIndex((other, otherIndex) => otherIndex < index && other.kind === 'event' && context.eventTerms(other.id).includes(candidate.id));
    if (eventIndex < 0) continue;
    result.splice(index, 1);
    result.splice(eventIndex, 0, candidate);
  }
  return result;
}
