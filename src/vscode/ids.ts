// Every id the extension shares with package.json, written once. test/unit/ids.test.ts checks
// this file against package.json in both directions.

/** `publisher.name` from package.json. */
export const EXTENSION_ID = 'us-israel-reference.us-israel-reference';

/** Contributed commands (package.json `contributes.commands`). */
export const COMMANDS = {
  search: 'usIsraelReference.search',
  searchSelection: 'usIsraelReference.searchSelection',
  lookUpTerm: 'usIsraelReference.lookUpTerm',
  openEntry: 'usIsraelReference.openEntry',
  openEntryToSide: 'usIsraelReference.openEntryToSide',
  copyMarkdownLink: 'usIsraelReference.copyMarkdownLink',
  insertIntoDraft: 'usIsraelReference.insertIntoDraft',
  insertExpansion: 'usIsraelReference.insertExpansion',
  openSearchResultToSide: 'usIsraelReference.openSearchResultToSide',
  cite: 'usIsraelReference.cite',
  copyFactWithCitation: 'usIsraelReference.copyFactWithCitation',
  citeSource: 'usIsraelReference.citeSource',
  exportBibliography: 'usIsraelReference.exportBibliography',
  revealDraftTerm: 'usIsraelReference.revealDraftTerm',
  spellOutDraftTerm: 'usIsraelReference.spellOutDraftTerm',
  treatAsKnown: 'usIsraelReference.treatAsKnown',
  checkFigures: 'usIsraelReference.checkFigures',
  ignoreFigure: 'usIsraelReference.ignoreFigure',
  disableFigureCheck: 'usIsraelReference.disableFigureCheck',
} as const;

/** The hover card may run these and nothing else. */
export const HOVER_COMMANDS: readonly string[] = [
  COMMANDS.openEntry,
  COMMANDS.search,
  COMMANDS.insertExpansion,
  COMMANDS.insertIntoDraft,
  COMMANDS.copyMarkdownLink,
  COMMANDS.cite,
  COMMANDS.copyFactWithCitation,
];

export const VIEW_CONTAINER = 'usIsraelReference';

/** Contributed views (package.json `contributes.views.usIsraelReference`). */
export const VIEWS = {
  sections: 'usIsraelReference.sections',
  glossary: 'usIsraelReference.glossary',
  timeline: 'usIsraelReference.timeline',
  draftTerms: 'usIsraelReference.draftTerms',
} as const;

export type ViewId = (typeof VIEWS)[keyof typeof VIEWS];

/** The reference panel's webview type (also `onWebviewPanel:` activation). */
export const PANEL_VIEW_TYPE = 'usIsraelReference.panel';

/** Settings, without the section prefix, as `getConfiguration(SETTINGS_SECTION)` reads them. */
export const SETTINGS_SECTION = 'usIsraelReference';
export const SETTINGS = {
  hoverEnabled: 'hover.enabled',
  hoverLanguages: 'hover.languages',
  recentLimit: 'search.recentEntries',
  timelineNewestFirst: 'timeline.newestFirst',
  spellOutSeverity: 'spellOut.severity',
  completionEnabled: 'completion.enabled',
  citationStyle: 'citations.style',
  workspaceGlossariesGlob: 'workspaceGlossaries.glob',
  workspaceGlossariesPrecedence: 'workspaceGlossaries.precedence',
  figureCheckEnabled: 'figureCheck.enabled',
} as const;

/** Context keys the extension sets for `when` clauses. */
export const CONTEXT_KEYS = {
  /** The languages hovers and the editor commands apply to (for `editorLangId in …`). */
  languages: 'usIsraelReference.languages',
  /** True while the reference search QuickPick is open. */
  searchOpen: 'usIsraelReference.searchOpen',
} as const;

/** The getting-started walkthrough (package.json `contributes.walkthroughs`), as `publisher.name#id`. */
export const WALKTHROUGH = `${EXTENSION_ID}#usIsraelReference.firstSteps`;

/** Storage keys (globalState). */
export const STATE_KEYS = {
  recent: 'usIsraelReference.recentEntries',
  /** Abbreviations the writer treats as known in this workspace (workspaceState). */
  knownAbbreviations: 'usIsraelReference.knownAbbreviations',
  /** Figures the writer chose to leave as they are, per draft (workspaceState). */
  ignoredFigures: 'usIsraelReference.ignoredFigures',
} as const;
