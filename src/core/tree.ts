import { TERM_CATEGORIES, type Section, type Term, type TimelineEvent } from './model';
import { categoryLabel, formatDate } from './render/format';
import { compareCodeUnits, compareTitles, plainText, truncate } from './text';

/** What the sidebar trees are built from. `Reference` satisfies it. */
export interface TreeSource {
  sections(): readonly Section[];
  terms(): readonly Term[];
  events(): readonly TimelineEvent[];
  entry(id: string): Section | Term | TimelineEvent | undefined;
  /** For a reference composed with workspace glossaries: whether a term came from one. */
  isWorkspaceTerm?(id: string): boolean;
}

/** Codicon names; the adapter turns them into `ThemeIcon`s. */
export type TreeIcon = 'book' | 'bookmark' | 'symbol-key' | 'calendar' | 'folder' | 'history';

/** One row of a sidebar tree, editor-free. */
export interface TreeNode {
  /** Unique within its tree and stable across reloads (the editor keeps expansion state by it). */
  id: string;
  label: string;
  description?: string;
  icon: TreeIcon;
  /** The entry this row opens; group rows (categories, decades) have none. */
  entryId?: string;
  /** A subsection's anchor inside its section. */
  anchor?: string;
  /** Plain text for the tooltip. */
  tooltip?: string;
  children: TreeNode[];
  /** Whether the editor shows it expanded at first. */
  expanded?: boolean;
}

/** A built tree: its roots plus the indexes `getParent` and reveal need. */
export interface Tree {
  roots: TreeNode[];
  /** Parent of each node id; roots are absent. */
  parents: Map<string, TreeNode>;
  /** The row that stands for an entry (the first one, when an entry shows up more than once). */
  byEntry: Map<string, TreeNode>;
}

/**
 * The Sections view: the article's parts in order, each holding its subsections and then
 * the glossary terms it discusses.
 *
 * @example
 *   sectionsTree(reference).roots[0].children.map((node) => node.label)
 */
export function sectionsTree(source: TreeSource): Tree {
  const roots = source.sections().map((section): TreeNode => {
    const sectionNodeId = `section:${section.id}`;
    const subsections = section.subsections.map(
      (subsection): TreeNode => ({
        id: `${sectionNodeId}#${subsection.id}`,
        label: subsection.title,
        icon: 'bookmark',
        entryId: section.id,
        anchor: subsection.id,
        tooltip: `${section.title} › ${subsection.title}`,
        children: [],
      }),
    );
    const terms = section.terms
      .map((id) => source.entry(id))
      .filter((entry): entry is Term => entry?.kind === 'term')
      .map((term) => termNode(term, `${sectionNodeId}/term:${term.id}`));
    return {
      id: sectionNodeId,
      label: section.title,
      description: section.heading && section.heading !== section.title ? section.heading : undefined,
      icon: 'book',
      entryId: section.id,
      tooltip: sectionTooltip(section),
      children: [...subsections, ...terms],
    };
  });
  return indexTree(roots);
}

/**
 * The Glossary view: terms grouped by category (in the model's category order), alphabetical
 * within each; empty categories are left out. Terms from workspace glossaries, when the source
 * says which those are, form a last group of their own, "Workspace".
 *
 * @example
 *   glossaryTree(reference).roots.map((node) => node.label) // => ['Agreements and law', …]
 */
export function glossaryTree(source: TreeSource): Tree {
  const fromWorkspace = (term: Term) => source.isWorkspaceTerm?.(term.id) === true;
  // Sorted by what the row shows.
  const terms = [...source.terms()].sort((a, b) => compareTitles(rowLabel(a), rowLabel(b)) || byTitle(a, b));
  const roots: TreeNode[] = [];
  for (const category of TERM_CATEGORIES) {
    const children = terms.filter((term) => term.category === category.id && !fromWorkspace(term)).map((term) => termNode(term, `term:${term.id}`));
    if (children.length === 0) continue;
    roots.push({ id: `category:${category.id}`, label: categoryLabel(category.id), description: String(children.length), icon: 'folder', children });
  }
  // The team's own terms stay apart from the reference's, so a reader always knows whose words a card holds.
  const workspace = terms.filter(fromWorkspace).map((term) => termNode(term, `workspace-term:${term.id}`));
  if (workspace.length > 0) {
    roots.push({ id: 'workspace', label: 'Workspace', description: String(workspace.length), icon: 'folder', tooltip: 'Terms from the glossary files in this workspace', children: workspace });
  }
  return indexTree(roots);
}

/** How the Timeline view orders its decades and events. */
export interface TimelineOptions {
  /** The newest decade first, and the newest event first in each (default); false for oldest first. */
  newestFirst?: boolean;
}

/**
 * The Timeline view: events grouped by decade ("2020s"), newest first unless told otherwise;
 * writers on current affairs mostly want the latest decade.
 *
 * @example
 *   timelineTree(reference).roots[0].label                         // => '2020s'
 *   timelineTree(reference, { newestFirst: false }).roots[0].label // => '1940s'
 */
export function timelineTree(source: TreeSource, options: TimelineOptions = {}): Tree {
  const direction = options.newestFirst === false ? 1 : -1;
  const events = [...source.events()].sort((a, b) => direction * (compareCodeUnits(a.date, b.date) || compareTitles(a.title, b.title)));
  const decades = new Map<string, TreeNode>();
  for (const event of events) {
    const decade = `${event.date.slice(0, 3)}0s`;
    let group = decades.get(decade);
    if (!group) {
      group = { id: `decade:${decade}`, label: decade, icon: 'history', children: [] };
      decades.set(decade, group);
    }
    group.children.push({
      id: `event:${event.id}`,
      label: event.title,
      description: formatDate(event.date),
      icon: 'calendar',
      entryId: event.id,
      tooltip: `${formatDate(event.date)}: ${event.text}`,
      children: [],
    });
  }
  for (const group of decades.values()) group.description = String(group.children.length);
  return indexTree([...decades.values()]);
}

/**
 * Indexes a tree for parent lookups and for finding an entry's row.
 *
 * @example
 *   indexTree(roots).parents.get('term:qme')?.id // => 'category:concepts-and-doctrine'
 */
export function indexTree(roots: TreeNode[]): Tree {
  const parents = new Map<string, TreeNode>();
  const byEntry = new Map<string, TreeNode>();
  const visit = (node: TreeNode, parent: TreeNode | undefined) => {
    if (parent) parents.set(node.id, parent);
    // Prefer the row for the whole entry over a subsection row pointing into it.
    if (node.entryId && node.anchor === undefined && !byEntry.has(node.entryId)) byEntry.set(node.entryId, node);
    for (const child of node.children) visit(child, node);
  };
  for (const root of roots) visit(root, undefined);
  return { roots, parents, byEntry };
}

/** A term's row label: its short title, made for a narrow sidebar; the title for older data without one. */
function rowLabel(term: Term): string {
  return term.shortTitle || term.title;
}

function termNode(term: Term, id: string): TreeNode {
  const label = rowLabel(term);
  const expansion = term.abbreviation && !label.includes(term.abbreviation) ? term.abbreviation : undefined;
  return {
    id,
    label,
    description: expansion,
    icon: 'symbol-key',
    entryId: term.id,
    tooltip: `${term.title}${term.abbreviation && !term.title.includes(term.abbreviation) ? ` (${term.abbreviation})` : ''}\n\n${term.summary}`,
    children: [],
  };
}

function sectionTooltip(section: Section): string {
  const firstParagraph = section.text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .find((paragraph) => paragraph !== '' && !paragraph.startsWith('#'));
  return `${section.title}\n\n${truncate(plainText(firstParagraph ?? '').replace(/\s+/g, ' '), 280)}`;
}

function byTitle(a: Term, b: Term): number {
  return compareTitles(a.title, b.title);
}
