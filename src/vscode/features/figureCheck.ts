import * as vscode from 'vscode';
import { KeyedTimers } from '../debounce';
import { DraftTermScan } from '../../core/draftScan';
import { citationInsertionPoint, type FigureFinding } from '../../core/figures';
import { citationStyle } from './citations';
import type { ReferenceView as Reference } from '../../core/composedReference';
import { COMMANDS, SETTINGS, SETTINGS_SECTION, STATE_KEYS } from '../ids';
import type { ReferenceSource } from '../referenceSource';
import { DraftTracker } from './draftTracker';
import { DIAGNOSTIC_SOURCE } from './spellOut';
import { notify } from '../notify';

const FIGURE_CODE = 'figure-check';
/** How long after the last keystroke the warnings are brought up to date. */
const DIAGNOSTIC_DELAY_MS = 300;
/** After this pause the whole draft is checked again, to settle Markdown's long reach (fences, lists). */
const RECONCILE_DELAY_MS = 600;

/** What an "ignore here" remembers: the figure, not where it stands, so it survives edits around it. */
function ignoreKey(finding: Pick<FigureFinding, 'termId' | 'slot' | 'stated'>): string {
  return `${finding.termId}|${finding.slot}|${finding.stated}`;
}

/**
 * The figure check in the editor: a Warning on a figure in a draft that contradicts the
 * reference, kept current paragraph by paragraph as the writer types, with quick fixes (replace,
 * replace and cite, open the entry, ignore here, turn the check off) and the command "Check
 * Figures in Draft".
 */
export class FigureCheckFeature implements vscode.CodeActionProvider, vscode.Disposable {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix];
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('usIsraelReference.figureCheck');
  private readonly scans = new Map<string, { scan: DraftTermScan<FigureFinding>; version: number }>();
  private readonly timers = new KeyedTimers();
  private readonly reconcileTimers = new KeyedTimers();
  /** Drafts checked on demand while the setting is off: they keep their warnings until closed. */
  private readonly onDemand = new Set<string>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly loader: ReferenceSource,
    private readonly workspaceState: vscode.Memento,
  ) {
    this.disposables.push(
      this.diagnostics,
      vscode.workspace.onDidChangeTextDocument((event) => this.edited(event)),
      vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach((editor) => this.schedule(editor.document))),
      vscode.workspace.onDidCloseTextDocument((document) => this.forget(document)),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(`${SETTINGS_SECTION}.${SETTINGS.figureCheckEnabled}`) || event.affectsConfiguration(`${SETTINGS_SECTION}.${SETTINGS.hoverLanguages}`)) this.refreshVisible();
      }),
    );
    this.refreshVisible();
  }

  /** The registrations: the quick-fix provider and the three commands. */
  register(): vscode.Disposable[] {
    return [
      vscode.languages.registerCodeActionsProvider([{ language: 'markdown' }, { language: 'plaintext' }], this, { providedCodeActionKinds: FigureCheckFeature.providedCodeActionKinds }),
      vscode.commands.registerCommand(COMMANDS.checkFigures, () => this.checkActiveDraft()),
      vscode.commands.registerCommand(COMMANDS.ignoreFigure, (uri: unknown, key: unknown) => this.ignore(uri, key)),
      vscode.commands.registerCommand(COMMANDS.disableFigureCheck, () => this.disable()),
    ];
  }

  private enabled(document: vscode.TextDocument): boolean {
    return vscode.workspace.getConfiguration(SETTINGS_SECTION, document).get<boolean>(SETTINGS.figureCheckEnabled, true) !== false;
  }

  private refreshVisible(): void {
    for (const editor of vscode.window.visibleTextEditors) this.schedule(editor.document, 0);
  }

  private schedule(document: vscode.TextDocument, delay = DIAGNOSTIC_DELAY_MS): void {
    this.timers.schedule(document.uri.toString(), delay, () => void this.publish(document));
  }

  /** Keeps a checked draft's findings current: one edit re-checks only the paragraphs it touched. */
  private edited(event: vscode.TextDocumentChangeEvent): void {
    const key = event.document.uri.toString();
    const entry = this.scans.get(key);
    if (!entry || event.contentChanges.length === 0) return;
    const text = event.document.getText();
    if (!DraftTracker.isDraft(event.document, text.length)) {
      this.forget(event.document);
      return;
    }
    entry.scan.update(
      text,
      event.contentChanges.map((change) => ({ start: change.rangeOffset, end: change.rangeOffset + change.rangeLength, text: change.text })),
    );
    entry.version = event.document.version;
    this.schedule(event.document);
    this.reconcileTimers.schedule(key, RECONCILE_DELAY_MS, () => {
      const current = this.scans.get(key);
      if (current && current.version === event.document.version && current.scan.reconcile()) this.schedule(event.document, 0);
    });
  }

  /** The draft's findings, checking it whole the first time (or after an edit the scan missed). */
  private findings(reference: Reference, document: vscode.TextDocument): readonly FigureFinding[] {
    const key = document.uri.toString();
    let entry = this.scans.get(key);
    if (!entry || entry.version !== document.version) {
      const markdown = document.languageId === 'markdown';
      const matcher = {
        findTerms: (text: string) => reference.checkFigures(text, { markdown }),
        findTermsBetween: (text: string, from: number, to: number) => reference.checkFiguresBetween(text, from, to, { markdown }),
      };
      entry = { scan: new DraftTermScan<FigureFinding>(matcher, document.getText(), { markdown }), version: document.version };
      this.scans.set(key, entry);
    }
    const ignored = this.ignored(document);
    return ignored.size === 0 ? entry.scan.matches : entry.scan.matches.filter((finding) => !ignored.has(ignoreKey(finding)));
  }

  private async publish(document: vscode.TextDocument): Promise<void> {
    const key = document.uri.toString();
    if (document.isClosed || !DraftTracker.isDraft(document) || !(this.enabled(document) || this.onDemand.has(key))) {
      this.diagnostics.delete(document.uri);
      if (!this.onDemand.has(key)) this.scans.delete(key);
      return;
    }
    // Terms and the sources their facts cite are all the check reads: no need for the library.
    const reference = await this.loader.termsInBackground();
    if (!reference || document.isClosed) return;
    this.diagnostics.set(document.uri, this.findings(reference, document).map((finding) => this.diagnostic(document, finding)));
  }

  private diagnostic(document: vscode.TextDocument, finding: FigureFinding): vscode.Diagnostic {
    const range = new vscode.Range(document.positionAt(finding.start), document.positionAt(finding.end));
    // The core's message is plain text: nothing in it can turn into a link or a command.
    const diagnostic = new vscode.Diagnostic(range, finding.message, vscode.DiagnosticSeverity.Warning);
    diagnostic.source = DIAGNOSTIC_SOURCE;
    diagnostic.code = FIGURE_CODE;
    return diagnostic;
  }

  async provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
    const reference = this.loader.peekTerms() ?? (await this.loader.terms());
    if (!reference || !DraftTracker.isDraft(document) || !this.scans.has(document.uri.toString())) return [];
    const text = document.getText();
    const actions: vscode.CodeAction[] = [];
    for (const finding of this.findings(reference, document)) {
      const findingRange = new vscode.Range(document.positionAt(finding.start), document.positionAt(finding.end));
      if (!findingRange.intersection(range) && !findingRange.contains(range.start)) continue;
      const diagnostic = context.diagnostics.find((candidate) => candidate.source === DIAGNOSTIC_SOURCE && candidate.code === FIGURE_CODE && candidate.range.isEqual(findingRange));
      const attach = (action: vscode.CodeAction) => {
        if (diagnostic) action.diagnostics = [diagnostic];
        actions.push(action);
        return action;
      };
      const replace = attach(new vscode.CodeAction(vscode.l10n.t('Replace with the reference figure: {0}', finding.replacement), vscode.CodeActionKind.QuickFix));
      replace.edit = new vscode.WorkspaceEdit();
      replace.edit.replace(document.uri, findingRange, finding.replacement);
      replace.isPreferred = true;
      const source = reference.source(finding.sources[0]);
      if (source) {
        // In the style the writer chose: a Pandoc key, or a footnote with its definition at the end.
        const style = citationStyle(document);
        const cite = reference.citation(source.id, { style, ...(finding.locator && { locator: finding.locator }) });
        const at = citationInsertionPoint(text, finding.end);
        const alreadyCited = text.slice(finding.end, at).includes(style === 'pandoc' ? `[@${source.id}` : `[^${source.id}`);
        const action = attach(
          new vscode.CodeAction(vscode.l10n.t('Replace with {0} and cite {1}', finding.replacement, style === 'pandoc' ? `[@${source.id}]` : cite?.inline ?? source.id), vscode.CodeActionKind.QuickFix),
        );
        action.edit = new vscode.WorkspaceEdit();
        action.edit.replace(document.uri, findingRange, finding.replacement);
        if (cite && !alreadyCited) {
          action.edit.insert(document.uri, document.positionAt(at), style === 'pandoc' ? ` ${cite.inline}` : cite.inline);
          if (cite.footnote && !text.includes(`${cite.inline}:`)) {
            const end = document.positionAt(text.length);
            action.edit.insert(document.uri, end, `${/\n\s*$/.test(text) ? '\n' : '\n\n'}${cite.footnote}\n`);
          }
        }
      }
      const entry = reference.entry(finding.termId);
      if (entry) {
        const open = attach(new vscode.CodeAction(vscode.l10n.t('Open “{0}” in the reference', entry.title), vscode.CodeActionKind.QuickFix));
        open.command = { command: COMMANDS.openEntry, title: open.title, arguments: [finding.termId] };
      }
      const ignore = attach(new vscode.CodeAction(vscode.l10n.t('Ignore this figure in this draft'), vscode.CodeActionKind.QuickFix));
      ignore.command = { command: COMMANDS.ignoreFigure, title: ignore.title, arguments: [document.uri.toString(), ignoreKey(finding)] };
      const off = attach(new vscode.CodeAction(vscode.l10n.t('Turn off the figure check'), vscode.CodeActionKind.QuickFix));
      off.command = { command: COMMANDS.disableFigureCheck, title: off.title };
    }
    return actions;
  }

  /** "Check Figures in Draft": checks the active draft now, whatever the setting, and says how many figures differ. */
  async checkActiveDraft(): Promise<number | undefined> {
    const document = vscode.window.activeTextEditor?.document;
    if (!document || !DraftTracker.isDraft(document)) {
      void notify.info(vscode.l10n.t('Open a Markdown or plain-text draft to check its figures.'));
      return undefined;
    }
    const reference = await this.loader.get();
    if (!reference) return undefined;
    this.onDemand.add(document.uri.toString());
    const findings = this.findings(reference, document);
    this.diagnostics.set(document.uri, findings.map((finding) => this.diagnostic(document, finding)));
    const message =
      findings.length === 0
        ? vscode.l10n.t('Figure check: no figure in this draft contradicts the reference.')
        : findings.length === 1
          ? vscode.l10n.t('Figure check: 1 figure in this draft contradicts the reference. See the Problems view.')
          : vscode.l10n.t('Figure check: {0} figures in this draft contradict the reference. See the Problems view.', findings.length);
    void notify.info(message);
    return findings.length;
  }

  private ignored(document: vscode.TextDocument): Set<string> {
    const all = this.workspaceState.get<unknown>(STATE_KEYS.ignoredFigures);
    const list = all !== null && typeof all === 'object' ? (all as Record<string, unknown>)[document.uri.toString()] : undefined;
    return new Set(Array.isArray(list) ? list.filter((item): item is string => typeof item === 'string') : []);
  }

  private async ignore(uri: unknown, key: unknown): Promise<void> {
    if (typeof uri !== 'string' || typeof key !== 'string' || key.length > 400) return;
    const stored = this.workspaceState.get<unknown>(STATE_KEYS.ignoredFigures);
    const all: Record<string, string[]> = stored !== null && typeof stored === 'object' ? { ...(stored as Record<string, string[]>) } : {};
    const list = new Set(Array.isArray(all[uri]) ? all[uri] : []);
    list.add(key);
    all[uri] = [...list].sort();
    await this.workspaceState.update(STATE_KEYS.ignoredFigures, all);
    const document = vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === uri);
    if (document) this.schedule(document, 0);
  }

  private async disable(): Promise<void> {
    const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
    await vscode.workspace.getConfiguration(SETTINGS_SECTION).update(SETTINGS.figureCheckEnabled, false, target);
    this.onDemand.clear();
    this.refreshVisible();
  }

  private forget(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    this.diagnostics.delete(document.uri);
    this.scans.delete(key);
    this.onDemand.delete(key);
    this.timers.cancel(key);
    this.reconcileTimers.cancel(key);
  }

  dispose(): void {
    this.timers.dispose();
    this.reconcileTimers.dispose();
    for (const disposable of this.disposables) disposable.dispose();
  }
}
