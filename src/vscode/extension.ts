import * as vscode from 'vscode';
import { registerEntryCommands } from './features/entryCommands';
import { TermHoverProvider, insertExpansion, referenceLanguages, registerHover } from './features/hover';
import { PanelManager } from './features/panel';
import { RecentEntries } from './features/recent';
import { SearchFeature } from './features/search';
import { CitationHoverProvider, citeSource, exportBibliography, registerCitationHover } from './features/citations';
import { ReferenceCompletionProvider, registerCompletion } from './features/completion';
import { DraftTracker } from './features/draftTracker';
import { DraftTermsView, revealDraftTerm } from './features/draftTermsView';
import { SpellOutFeature } from './features/spellOut';
import { FigureCheckFeature } from './features/figureCheck';
import { Sidebar } from './features/sidebar';
import { registerWriterActions } from './features/writerActions';
import { ActiveDraft } from './activeDraft';
import { COMMANDS, PANEL_VIEW_TYPE, VIEWS } from './ids';
import { registerLog } from './notify';
import { enableTimings } from './timing';
import { ReferenceLoader, prefetchForEditors } from './referenceLoader';
import { WorkspaceGlossaries } from './features/workspaceGlossaries';
import { createApi, type ExtensionApi } from './testApi';

/**
 * Wires the features together. Nothing is read here: the terms part loads when a draft's editor
 * becomes visible, the library on first use (or in idle time after the terms).
 */
export function activate(context: vscode.ExtensionContext): ExtensionApi {
  // First, so that anything failing during start-up has somewhere to write its details.
  context.subscriptions.push(registerLog());
  enableTimings(context.extensionMode);
  // The features read the bundled reference with the workspace's own glossaries composed on top.
  const bundled = new ReferenceLoader(context.extensionUri);
  const loader = new WorkspaceGlossaries(bundled);
  const recent = new RecentEntries(context.globalState);
  const activeDraft = new ActiveDraft();
  const panels = new PanelManager(loader, context.extensionUri, recent, activeDraft);
  const sidebar = new Sidebar(loader);
  const search = new SearchFeature(loader, panels, recent);
  const drafts = new DraftTracker(loader);
  const spellOut = new SpellOutFeature(loader, drafts, context.workspaceState);
  const draftTerms = new DraftTermsView(loader, drafts);
  const figureCheck = new FigureCheckFeature(loader, context.workspaceState);

  context.subscriptions.push(
    loader,
    loader.onDidChange((status) => {
      sidebar.setMessage(VIEWS.glossary, status.message);
      if (!status.referenceChanged) return;
      sidebar.refresh();
      drafts.reset();
    }),
    prefetchForEditors(bundled, referenceLanguages),
    activeDraft,
    panels,
    sidebar,
    search,
    vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, panels.serializer),
    panels.onDidShowEntry((entryId) => void sidebar.reveal(entryId)),
    registerHover(new TermHoverProvider(loader)),
    vscode.commands.registerCommand(COMMANDS.insertExpansion, (target: unknown) => insertExpansion(loader, target)),
    ...registerEntryCommands(loader, panels, activeDraft),
    ...registerWriterActions(loader, activeDraft),
    ...search.register(),
    drafts,
    spellOut,
    draftTerms,
    figureCheck,
    ...figureCheck.register(),
    vscode.languages.registerCodeActionsProvider(
      [{ language: 'markdown' }, { language: 'plaintext' }],
      spellOut,
      { providedCodeActionKinds: SpellOutFeature.providedCodeActionKinds },
    ),
    registerCompletion(new ReferenceCompletionProvider(loader)),
    registerCitationHover(new CitationHoverProvider(loader)),
    vscode.commands.registerCommand(COMMANDS.citeSource, (sourceId?: unknown) => citeSource(loader, sourceId)),
    vscode.commands.registerCommand(COMMANDS.exportBibliography, () => exportBibliography(loader)),
    vscode.commands.registerCommand(COMMANDS.revealDraftTerm, revealDraftTerm),
    vscode.commands.registerCommand(COMMANDS.treatAsKnown, (abbreviation: unknown) => spellOut.treatAsKnown(abbreviation)),
    vscode.commands.registerCommand(COMMANDS.spellOutDraftTerm, (item: unknown) => {
      const row = item as { uri?: { toString(): string }; entryId?: unknown } | undefined;
      return spellOut.spellOutTerm(row?.uri?.toString(), row?.entryId);
    }),
  );
  return createApi(sidebar, panels, draftTerms, loader);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
