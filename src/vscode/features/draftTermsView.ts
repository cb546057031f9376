import * as vscode from 'vscode';
import type { DraftTerm } from '../../core/draftTerms';
import type { Term } from '../../core/model';
import type { ReferenceView as Reference } from '../../core/composedReference';
import { COMMANDS, VIEWS } from '../ids';
import type { ReferenceSource } from '../referenceSource';
import { DraftTracker } from './draftTracker';
import { tooltip } from './sidebar';

/** How long the view waits after an edit before it redraws, so typing stays smooth. */
const REFRESH_DELAY_MS = 250;

interface DraftTermItem {
  /** Read by the entry commands (open, copy link, insert), as on the sidebar's rows. */
  entryId: string;
  term: Term;
  usage: DraftTerm;
  uri: vscode.Uri;
}

/**
 * "Terms in This Draft": the glossary terms the active draft uses, in order of first use, with
 * their counts and whether each abbreviation was spelled out. Follows the active editor.
 */
export class DraftTermsView implements vscode.TreeDataProvider<DraftTermItem>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly view: vscode.TreeView<DraftTermItem>;
  private readonly disposables: vscode.Disposable[] = [];
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  /** The draft the view shows; kept while the panel or the view itself has focus. */
  private document: vscode.TextDocument | undefined;

  constructor(
    private readonly loader: ReferenceSource,
    private readonly tracker: DraftTracker,
  ) {
    this.view = vscode.window.createTreeView(VIEWS.draftTerms, { treeDataProvider: this, showCollapseAll: false });
    this.document = vscode.window.activeTextEditor?.document;
    this.disposables.push(
      this.view,
      this.changed,
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        // Focus moving to the panel or a view leaves the last draft in place.
        if (editor && DraftTracker.isDraft(editor.document)) this.follow(editor.document);
        else if (editor) this.follow(undefined);
      }),
      tracker.onDidChange((document) => {
        if (document === this.document) this.scheduleRefresh();
      }),
      vscode.workspace.onDidCloseTextDocument((document) => {
        if (document === this.document) this.follow(undefined);
      }),
    );
    this.updateMessage(undefined);
  }

  private follow(document: vscode.TextDocument | undefined): void {
    this.document = document;
    this.changed.fire();
  }

  private scheduleRefresh(): void {
    if (!this.view.visible) return;
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => this.changed.fire(), REFRESH_DELAY_MS);
  }

  async getChildren(element?: DraftTermItem): Promise<DraftTermItem[]> {
    if (element) return [];
    const document = this.document;
    if (!document || !DraftTracker.isDraft(document)) {
      this.updateMessage(undefined);
      return [];
    }
    const reference = await this.loader.termsInBackground();
    if (!reference) {
      this.view.message = vscode.l10n.t('The reference could not be loaded.');
      return [];
    }
    const state = this.tracker.stateWith(reference, document);
    const items = state.terms.flatMap((usage) => {
      const term = termOf(reference, usage.termId);
      return term ? [{ entryId: term.id, term, usage, uri: document.uri }] : [];
    });
    this.updateMessage(items.length === 0 ? document : undefined);
    return items;
  }

  getTreeItem(item: DraftTermItem): vscode.TreeItem {
    const { term, usage } = item;
    const treeItem = new vscode.TreeItem(term.shortTitle || term.title, vscode.TreeItemCollapsibleState.None);
    const uses = usage.count === 1 ? vscode.l10n.t('1 use') : vscode.l10n.t('{0} uses', usage.count);
    const spelling =
      usage.spelledOut === null ? '' : usage.spelledOut ? vscode.l10n.t(' · spelled out') : vscode.l10n.t(' · not spelled out');
    // The count alone fits beside a title at the view's default width; whether the first use is
    // spelled out shows as the icon, and in words in the tooltip and to screen readers.
    treeItem.description = uses;
    const status = usage.spelledOut === false ? vscode.l10n.t('First use not spelled out (right-click: Spell Out).') : usage.spelledOut ? vscode.l10n.t('Spelled out at its first use.') : '';
    treeItem.tooltip = tooltip(`${term.title}${term.abbreviation ? ` (${term.abbreviation})` : ''} · ${uses}${status ? `\n\n${status}` : ''}\n\n${term.summary}`);
    treeItem.iconPath = new vscode.ThemeIcon(usage.spelledOut === false ? 'warning' : 'symbol-key');
    treeItem.contextValue = usage.spelledOut === false ? 'draftTerm.unspelled' : 'draftTerm';
    treeItem.accessibilityInformation = { label: `${term.title}, ${uses}${spelling}` };
    treeItem.command = { command: COMMANDS.revealDraftTerm, title: vscode.l10n.t('Go to First Use'), arguments: [item.uri.toString(), usage.first.start, usage.first.end] };
    treeItem.id = `${item.uri.toString()}#${term.id}`;
    return treeItem;
  }

  private updateMessage(emptyDraft: vscode.TextDocument | undefined): void {
    if (emptyDraft) this.view.message = vscode.l10n.t('No glossary terms in this draft yet.');
    else if (!this.document) this.view.message = vscode.l10n.t('Open a Markdown or plain-text draft to list the terms it uses.');
    else this.view.message = undefined;
  }

  dispose(): void {
    clearTimeout(this.refreshTimer);
    for (const disposable of this.disposables) disposable.dispose();
  }
}

function termOf(reference: Reference, id: string): Term | undefined {
  const entry = reference.entry(id);
  return entry?.kind === 'term' ? entry : undefined;
}

/** Selects the first use of a term in its draft, in the editor the draft is shown in (or a new one). */
export async function revealDraftTerm(uri: unknown, start: unknown, end: unknown): Promise<void> {
  if (typeof uri !== 'string' || typeof start !== 'number' || typeof end !== 'number') return;
  const document = vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === uri);
  if (!document) return;
  const range = new vscode.Range(document.positionAt(start), document.positionAt(end));
  const visible = vscode.window.visibleTextEditors.find((editor) => editor.document === document);
  const editor = await vscode.window.showTextDocument(document, { viewColumn: visible?.viewColumn, selection: range, preserveFocus: false });
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}
