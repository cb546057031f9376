import * as vscode from 'vscode';
import { KeyedTimers } from '../debounce';
import type { ReferenceView as Reference } from '../../core/composedReference';
import { spellOutFindings, type SpellOutFinding } from '../../core/spellOut';
import { COMMANDS, SETTINGS, SETTINGS_SECTION, STATE_KEYS } from '../ids';
import type { ReferenceSource } from '../referenceSource';
import { DraftTracker } from './draftTracker';

/** The `source` every diagnostic of the extension carries, so writers can filter on it. */
export const DIAGNOSTIC_SOURCE = 'US–Israel Reference';
const SPELL_OUT_CODE = 'spell-out-first-use';
/** How long after the last keystroke the diagnostics are brought up to date. */
const DIAGNOSTIC_DELAY_MS = 300;

type SeveritySetting = 'off' | 'hint' | 'information' | 'warning' | 'error';
const SEVERITIES: Record<Exclude<SeveritySetting, 'off'>, vscode.DiagnosticSeverity> = {
  hint: vscode.DiagnosticSeverity.Hint,
  information: vscode.DiagnosticSeverity.Information,
  warning: vscode.DiagnosticSeverity.Warning,
  error: vscode.DiagnosticSeverity.Error,
};

/**
 * "Spell out on first use": a diagnostic where an abbreviation's first use in a draft is bare,
 * with the quick fixes "Spell out: … (QME)" and "Treat QME as known"; and, on a later full
 * spelling, the rewrite "Use QME".
 */
export class SpellOutFeature implements vscode.CodeActionProvider, vscode.Disposable {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix, vscode.CodeActionKind.RefactorRewrite];
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('usIsraelReference.spellOut');
  private readonly timers = new KeyedTimers();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly loader: ReferenceSource,
    private readonly tracker: DraftTracker,
    private readonly workspaceState: vscode.Memento,
  ) {
    this.disposables.push(
      this.diagnostics,
      tracker.onDidChange((document) => this.schedule(document)),
      vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach((editor) => this.schedule(editor.document))),
      vscode.workspace.onDidCloseTextDocument((document) => this.diagnostics.delete(document.uri)),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(`${SETTINGS_SECTION}.${SETTINGS.spellOutSeverity}`) || event.affectsConfiguration(`${SETTINGS_SECTION}.${SETTINGS.hoverLanguages}`)) this.refreshVisible();
      }),
    );
    this.refreshVisible();
  }

  /** Abbreviations the writer has said readers know, for this workspace. */
  known(): Set<string> {
    const value = this.workspaceState.get<unknown>(STATE_KEYS.knownAbbreviations);
    return new Set(Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);
  }

  async treatAsKnown(abbreviation: unknown): Promise<void> {
    if (typeof abbreviation !== 'string' || abbreviation.length === 0 || abbreviation.length > 40) return;
    const known = this.known();
    known.add(abbreviation);
    await this.workspaceState.update(STATE_KEYS.knownAbbreviations, [...known].sort());
    this.refreshVisible();
  }

  private severity(document: vscode.TextDocument): vscode.DiagnosticSeverity | undefined {
    const value = vscode.workspace.getConfiguration(SETTINGS_SECTION, document).get<SeveritySetting>(SETTINGS.spellOutSeverity, 'information');
    return value === 'off' ? undefined : SEVERITIES[value] ?? vscode.DiagnosticSeverity.Information;
  }

  private refreshVisible(): void {
    for (const editor of vscode.window.visibleTextEditors) this.schedule(editor.document, 0);
  }

  private schedule(document: vscode.TextDocument, delay = DIAGNOSTIC_DELAY_MS): void {
    this.timers.schedule(document.uri.toString(), delay, () => void this.update(document));
  }

  private async update(document: vscode.TextDocument): Promise<void> {
    const severity = this.severity(document);
    if (severity === undefined || document.isClosed || !DraftTracker.isDraft(document)) {
      this.diagnostics.delete(document.uri);
      return;
    }
    const reference = await this.loader.termsInBackground();
    if (!reference || document.isClosed) return;
    const findings = this.findings(reference, document).filter((finding) => finding.kind === 'first-use');
    this.diagnostics.set(
      document.uri,
      findings.map((finding) => {
        const range = new vscode.Range(document.positionAt(finding.start), document.positionAt(finding.end));
        const diagnostic = new vscode.Diagnostic(range, vscode.l10n.t('First use of {0}: spell it out as “{1}”.', finding.abbreviation, finding.expansion), severity);
        diagnostic.source = DIAGNOSTIC_SOURCE;
        diagnostic.code = SPELL_OUT_CODE;
        return diagnostic;
      }),
    );
  }

  private findings(reference: Reference, document: vscode.TextDocument): SpellOutFinding[] {
    const state = this.tracker.stateWith(reference, document);
    return spellOutFindings(document.getText(), state.matches, (id) => {
      const entry = reference.entry(id);
      return entry?.kind === 'term' ? entry : undefined;
    }, this.known());
  }

  async provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
    const reference = this.loader.peekTerms() ?? (await this.loader.terms());
    if (!reference || !DraftTracker.isDraft(document)) return [];
    const actions: vscode.CodeAction[] = [];
    for (const finding of this.findings(reference, document)) {
      const findingRange = new vscode.Range(document.positionAt(finding.start), document.positionAt(finding.end));
      if (!findingRange.intersection(range) && !findingRange.contains(range.start)) continue;
      if (finding.kind === 'first-use') {
        const diagnostic = context.diagnostics.find((candidate) => candidate.source === DIAGNOSTIC_SOURCE && candidate.range.isEqual(findingRange));
        const fix = new vscode.CodeAction(vscode.l10n.t('Spell out: {0}', finding.replacement), vscode.CodeActionKind.QuickFix);
        fix.edit = new vscode.WorkspaceEdit();
        fix.edit.replace(document.uri, findingRange, finding.replacement);
        fix.isPreferred = true;
        if (diagnostic) fix.diagnostics = [diagnostic];
        const known = new vscode.CodeAction(vscode.l10n.t('Treat {0} as known', finding.abbreviation), vscode.CodeActionKind.QuickFix);
        known.command = { command: COMMANDS.treatAsKnown, title: known.title, arguments: [finding.abbreviation] };
        if (diagnostic) known.diagnostics = [diagnostic];
        actions.push(fix, known);
      } else {
        const shorten = new vscode.CodeAction(vscode.l10n.t('Use {0}', finding.abbreviation), vscode.CodeActionKind.RefactorRewrite);
        shorten.edit = new vscode.WorkspaceEdit();
        shorten.edit.replace(document.uri, findingRange, finding.replacement);
        actions.push(shorten);
      }
    }
    return actions;
  }

  /** Spells out the first use of a term in a draft (the Terms in This Draft view's row action). */
  async spellOutTerm(uri: unknown, termId: unknown): Promise<void> {
    if (typeof uri !== 'string' || typeof termId !== 'string') return;
    const document = vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === uri);
    const reference = await this.loader.terms();
    if (!document || !reference) return;
    const finding = this.findings(reference, document).find((candidate) => candidate.termId === termId && candidate.kind === 'first-use');
    if (!finding) return;
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, new vscode.Range(document.positionAt(finding.start), document.positionAt(finding.end)), finding.replacement);
    await vscode.workspace.applyEdit(edit);
  }

  dispose(): void {
    this.timers.dispose();
    for (const disposable of this.disposables) disposable.dispose();
  }
}
