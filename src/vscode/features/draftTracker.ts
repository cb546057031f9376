import * as vscode from 'vscode';
import { KeyedTimers } from '../debounce';
import { DraftTermScan } from '../../core/draftScan';
import { analyzeDraft, type DraftTerm } from '../../core/draftTerms';
import type { TermMatch } from '../../core/model';
import type { ReferenceView as Reference } from '../../core/composedReference';
import { referenceLanguages } from './hover';
import type { ReferenceSource } from '../referenceSource';

/** How long the writer pauses before the whole draft is read again to settle Markdown's long reach. */
const RECONCILE_DELAY_MS = 400;
/** Drafts larger than this are left to the hover card alone: the aids would cost more than they give. */
export const MAX_DRAFT_LENGTH = 2_000_000;

/** A draft's matches and what they say, kept current as it is edited. */
export interface DraftState {
  document: vscode.TextDocument;
  matches: readonly TermMatch[];
  terms: readonly DraftTerm[];
}

/**
 * Keeps the term matches of each open draft current, edit by edit, for the writing aids (the
 * Terms in This Draft view and the spell-out diagnostics). One edit re-reads only its paragraph;
 * the whole draft is read again once the writer pauses.
 */
export class DraftTracker implements vscode.Disposable {
  private readonly scans = new Map<string, { document: vscode.TextDocument; scan: DraftTermScan; version: number; terms?: DraftTerm[] }>();
  private readonly changed = new vscode.EventEmitter<vscode.TextDocument>();
  private readonly timers = new KeyedTimers();
  private readonly disposables: vscode.Disposable[] = [];
  /** Fires after a draft's matches change (an edit, a pause, a draft opening). */
  readonly onDidChange = this.changed.event;

  constructor(private readonly loader: ReferenceSource) {
    this.disposables.push(
      this.changed,
      vscode.workspace.onDidChangeTextDocument((event) => this.edited(event)),
      vscode.workspace.onDidCloseTextDocument((document) => this.forget(document)),
    );
  }

  /** Whether the aids apply to this document: a draft in one of the reference's languages, of a sane size. */
  static isDraft(document: vscode.TextDocument, length = document.getText().length): boolean {
    return referenceLanguages().includes(document.languageId) && length <= MAX_DRAFT_LENGTH;
  }

  /** The draft's state, reading it in full the first time; `undefined` outside drafts or without a reference. */
  async state(document: vscode.TextDocument): Promise<DraftState | undefined> {
    if (!DraftTracker.isDraft(document)) return undefined;
    // The terms part is all a draft scan needs.
    const reference = await this.loader.termsInBackground();
    if (!reference) return undefined;
    return this.stateWith(reference, document);
  }

  /** The same, when the reference is already loaded; never loads anything. */
  stateWith(reference: Reference, document: vscode.TextDocument): DraftState {
    const key = document.uri.toString();
    let entry = this.scans.get(key);
    // A new untitled draft can reuse a closed one's URI; only the same document object continues a scan.
    if (!entry || entry.document !== document || entry.version !== document.version) {
      entry = { document, scan: new DraftTermScan(reference, document.getText(), { markdown: document.languageId === 'markdown' }), version: document.version };
      this.scans.set(key, entry);
    }
    entry.terms ??= analyzeDraft(document.getText(), entry.scan.matches, (id) => {
      const found = reference.entry(id);
      return found?.kind === 'term' ? found : undefined;
    });
    return { document, matches: entry.scan.matches, terms: entry.terms };
  }

  /** Forgets every draft's matches, so each is read again with the reference as it now is (a glossary changed). */
  reset(): void {
    const documents = vscode.workspace.textDocuments.filter((document) => this.scans.has(document.uri.toString()));
    this.timers.clear();
    this.scans.clear();
    for (const document of documents) this.changed.fire(document);
  }

  private edited(event: vscode.TextDocumentChangeEvent): void {
    const key = event.document.uri.toString();
    const entry = this.scans.get(key);
    if (!entry || entry.document !== event.document || event.contentChanges.length === 0) return;
    const text = event.document.getText();
    if (!DraftTracker.isDraft(event.document, text.length)) {
      this.forget(event.document);
      return;
    }
    // The editor reports a batch against the text before it; one change is the common keystroke.
    const edits = event.contentChanges.map((change) => ({ start: change.rangeOffset, end: change.rangeOffset + change.rangeLength, text: change.text }));
    entry.scan.update(text, edits);
    entry.version = event.document.version;
    entry.terms = undefined;
    this.changed.fire(event.document);
    this.scheduleReconcile(event.document);
  }

  private scheduleReconcile(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    this.timers.schedule(key, RECONCILE_DELAY_MS, () => {
      const entry = this.scans.get(key);
      if (entry && entry.version === document.version && entry.scan.reconcile()) {
        entry.terms = undefined;
        this.changed.fire(document);
      }
    });
  }

  private forget(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    this.scans.delete(key);
    this.timers.cancel(key);
  }

  dispose(): void {
    this.timers.dispose();
    for (const disposable of this.disposables) disposable.dispose();
  }
}
