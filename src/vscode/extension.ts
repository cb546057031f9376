import * as vscode from 'vscode';
import { registerEntryCommands } from './features/entryCommands';
import { TermHoverProvider, insertExpansion, registerHover } from './features/hover';
import { PanelManager } from './features/panel';
import { RecentEntries } from './features/recent';
import { SearchFeature } from './features/search';
import { Sidebar } from './features/sidebar';
import { registerWriterActions } from './features/writerActions';
import { DraftTracker } from './draftTracker';
import { COMMANDS, PANEL_VIEW_TYPE } from './ids';
import { ReferenceLoader } from './referenceLoader';
import { createApi, type ExtensionApi } from './testApi';

/** Wires the features together. Nothing is read here: the index loads on first use. */
export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const loader = new ReferenceLoader(context.extensionUri);
  const recent = new RecentEntries(context.globalState);
  const drafts = new DraftTracker();
  const panels = new PanelManager(loader, context.extensionUri, recent, drafts);
  const sidebar = new Sidebar(loader);
  const search = new SearchFeature(loader, panels, recent);

  context.subscriptions.push(
    drafts,
    panels,
    sidebar,
    search,
    vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, panels.serializer),
    panels.onDidShowEntry((entryId) => void sidebar.reveal(entryId)),
    registerHover(new TermHoverProvider(loader)),
    vscode.commands.registerCommand(COMMANDS.insertExpansion, (target: unknown) => insertExpansion(loader, target)),
    ...registerEntryCommands(loader, panels, drafts),
    ...registerWriterActions(loader, drafts),
    ...search.register(),
  );
  return createApi(sidebar, panels);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
