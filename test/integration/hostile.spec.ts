// The hostile-input suite in a real VS Code (test/hostile/README.md). The fixture workspace holds
// hostile/hostile.terms.json, made by test/hostile/generate.ts: every payload of
// test/hostile/payloads.js in every field of a workspace glossary that the validator lets it into.
// This spec opens each payload term in the hover card, the panel, the Glossary view (row and
// tooltip) and the search quick pick, runs every notification path and every insert action on
// it, and checks from inside the editor that no command ran and that what reached the draft is
// inert Markdown. test/runWeb.js watches real Chromium meanwhile: a payload that ran would log
// `HOSTILE-FIRED-<id>` or set it as a title in some frame, or make a request to hostile.example,
// and the run fails if any of that is ever seen.
import * as vscode from 'vscode';
import { assert } from 'chai';
import { sleep, waitFor, api, draft } from './drafts';
import { COMMANDS, HOVER_COMMANDS, VIEWS } from '../../src/vscode/ids';
import type { ExtensionApi } from '../../src/vscode/testApi';
import { checkWebUrl } from '../../src/shared/urls';
import placements from '../hostile/placements.json';

/** How long the workbench gets to render each view of a payload (a hover, the panel, the pick) before the next. */
const RENDER_MS = 80;

/** VS Code's notification link syntax (src/vs/base/common/linkedText.ts). */
const NOTIFICATION_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;

interface Placement {
  id: string;
  kind: string;
  termId: string;
  alias: string;
  placedIn: string[];
}
const PAYLOADS = (placements as Placement[]).filter((placement) => placement.placedIn.length > 0);

async function revertDrafts(): Promise<void> {
  for (let open = 0; open < 20 && vscode.window.activeTextEditor; open++) {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** Evidence that a command ran: payloads aim at "new untitled file", the terminal and this extension's search. */
function sideEffects(): { untitled: number; terminals: number } {
  return { untitled: vscode.workspace.textDocuments.filter((document) => document.isUntitled).length, terminals: vscode.window.terminals.length };
}

/**
 * Text written into a draft is inert Markdown: one line, nothing that makes a tag, an entity, an
 * image, a code span or a second link; at most the one link the action means to write, to a
 * normalised public address.
 */
function assertInertMarkdown(text: string, what: string, allowLink: boolean): void {
  assert.notMatch(text, /[\r\n\u2028\u2029]/, `${what}: one line`);
  const link = allowLink ? /^(.*)\]\((https?:\/\/[^\s()<>]+)\)$/s.exec(text) : null;
  let label = text;
  if (link) {
    assert.isTrue(link[1].startsWith('['), `${what}: the link starts the text`);
    assert.deepEqual(checkWebUrl(link[2]), { ok: true, href: link[2] }, `${what}: ${link[2]}`);
    label = link[1].slice(1);
  }
  const unescaped = label.replace(/\\[\\`*_{}[\]()#+\-.!<>|~&]/g, '');
  assert.notMatch(unescaped, /[<>`[\]]/, `${what}: no tag, code span or link syntax left unescaped`);
  assert.notMatch(unescaped, /&#?[0-9A-Za-z]+;/, `${what}: no entity`);
  assert.notMatch(unescaped, /\]\(|!\[/, `${what}: no second link or image`);
}

/** A notification or status message as VS Code received it: no link can form, no icon, one short line. */
function assertInertNotice(message: string | undefined, what: string): void {
  assert.isString(message, what);
  assert.deepEqual([...message!.matchAll(NOTIFICATION_LINK)], [], `${what}: a link would form`);
  assert.notMatch(message!, /[[\]\n\u202a-\u202e\u2066-\u2069]/, `${what}: brackets, breaks or direction controls`);
  assert.notMatch(message!, /(^|[^\\])\$\(/, `${what}: an icon would render`);
  assert.isAtMost(message!.length, 400, what);
}

/** Hover Markdown may link only to the extension's own allow-listed commands and to public web addresses. */
function assertHoverLinks(markdown: vscode.MarkdownString, what: string): void {
  assert.isFalse(markdown.supportHtml === true, `${what}: no HTML`);
  assert.deepEqual(markdown.isTrusted, { enabledCommands: [...HOVER_COMMANDS] }, `${what}: trust limited to the card's commands`);
  for (const [, destination] of markdown.value.matchAll(/\]\(([^)\s]*)/g)) {
    const command = /^command:([\w.]+)/.exec(destination);
    if (command) assert.include(HOVER_COMMANDS, command[1], `${what}: command link ${destination.slice(0, 60)}`);
    else assert.isTrue(checkWebUrl(destination).ok, `${what}: link to ${destination.slice(0, 60)}`);
  }
}

describe('hostile input in workspace glossaries', function () {
  // Every payload is opened in several views; the runner's own time box still bounds the run.
  this.timeout(240_000);
  let testApi: ExtensionApi;

  before(async () => {
    testApi = await api();
    const status = await testApi.glossaryStatus();
    assert.equal(status.state, 'loaded');
    assert.isAtLeast(PAYLOADS.length, 40, 'at least 40 payloads are loaded to be rendered');
  });

  // Drafts are reverted before they close: a dirty untitled draft closed in VS Code for the Web
  // hands its URI (and its text) to the next draft another spec opens.
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await revertDrafts();
  });

  it('hover card: each payload term shows its card, rendered in the workbench, with only allow-listed links', async () => {
    // draft() makes sure the editor holds this text: a new untitled draft can inherit an old one's.
    const editor = await draft(PAYLOADS.map((payload) => `Line ${payload.alias} here.`).join('\n\n'));
    const document = editor.document;
    const before = sideEffects();
    for (const payload of PAYLOADS) {
      const position = document.positionAt(document.getText().indexOf(payload.alias) + 2);
      const hovers = await waitFor(async () => {
        const found = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position)) ?? [];
        return found.length > 0 ? found : undefined;
      }, `a hover on ${payload.alias}`);
      const card = hovers[0].contents[0] as vscode.MarkdownString;
      assert.include(card.value, payload.alias, payload.id);
      assertHoverLinks(card, `${payload.id} hover`);
      // Rendered for real: the card opens in the editor, where a payload that ran would be seen.
      editor.selection = new vscode.Selection(position, position);
      editor.revealRange(new vscode.Range(position, position));
      await vscode.commands.executeCommand('editor.action.showHover');
      await sleep(RENDER_MS);
    }
    assert.deepEqual(sideEffects(), before, 'no command ran');
  });

  it('panel: each payload term, its abbreviation record and its source render in the webview', async () => {
    const before = sideEffects();
    for (const payload of PAYLOADS) {
      for (const id of [payload.termId, `${payload.termId}-abbr`]) {
        const shown = await vscode.commands.executeCommand<boolean>(COMMANDS.openEntry, id);
        if (id.endsWith('-abbr') && !shown) continue;
        assert.isTrue(shown, id);
        assert.equal(testApi.activePanel()?.state.entryId, id);
        for (const link of testApi.activePanel()!.links) assert.isTrue(checkWebUrl(link).ok, `${id} panel link ${link.slice(0, 60)}`);
        await sleep(RENDER_MS);
      }
    }
    assert.deepEqual(sideEffects(), before, 'no command ran');
  });

  it('Glossary view: each payload row is revealed, and its tooltip is untrusted Markdown without HTML', async () => {
    await vscode.commands.executeCommand(`${VIEWS.glossary}.focus`);
    const workspace = (await testApi.viewItems(VIEWS.glossary)).find((root) => root.label === 'Workspace');
    assert.isDefined(workspace);
    for (const payload of PAYLOADS) {
      assert.isTrue(workspace!.children.some((row) => row.entryId === payload.termId), payload.termId);
      const tooltip = await testApi.treeTooltip(VIEWS.glossary, payload.termId);
      assert.isDefined(tooltip, payload.termId);
      assert.isFalse(tooltip!.isTrusted === true || typeof tooltip!.isTrusted === 'object', `${payload.id}: untrusted`);
      assert.isFalse(tooltip!.supportHtml, `${payload.id}: no HTML`);
      assert.notMatch(tooltip!.value, /\]\((?:command|javascript|data|file|vscode):/i, `${payload.id}: no link to a scheme that acts`);
      // Opening the entry reveals and selects its row in the visible view, so the row renders.
      await vscode.commands.executeCommand(COMMANDS.openEntry, payload.termId, { preserveFocus: true });
      await sleep(RENDER_MS / 2);
    }
  });

  it('search quick pick: each payload title is typed as a query and its results render', async () => {
    const before = sideEffects();
    for (const payload of PAYLOADS) {
      const query = `Ttl-${payload.id}`;
      await vscode.commands.executeCommand(COMMANDS.search, query);
      await sleep(RENDER_MS);
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    }
    assert.deepEqual(sideEffects(), before, 'no command ran');
  });

  it('notifications: every path that names an entry shows an inert message', async () => {
    const before = sideEffects();
    await revertDrafts();
    for (const payload of PAYLOADS) {
      // Insert into Draft with no draft open.
      assert.isFalse(await vscode.commands.executeCommand<boolean>(COMMANDS.insertIntoDraft, payload.termId));
      assertInertNotice(testApi.notices().at(-1), `${payload.id} insert without a draft`);
      // Copy as Markdown Link: the status-bar message.
      assert.isTrue(await vscode.commands.executeCommand<boolean>(COMMANDS.copyMarkdownLink, payload.termId));
      assertInertNotice(testApi.notices().at(-1), `${payload.id} copy status`);
      // An unknown id made of the payload's title, from any caller.
      await vscode.commands.executeCommand(COMMANDS.openEntry, `Ttl-${payload.id} [x](command:workbench.action.files.newUntitledFile)`);
      assertInertNotice(testApi.notices().at(-1), `${payload.id} unknown entry`);
    }
    assertInertNotice(testApi.viewMessage(VIEWS.glossary) ?? 'none', 'the Glossary view message');
    await sleep(RENDER_MS);
    assert.deepEqual(sideEffects(), before, 'no command ran');
  });

  it('insert actions: Insert into Draft, Copy as Markdown Link, Insert Expansion, the spell-out fix and completion write inert Markdown', async () => {
    const before = sideEffects();
    for (const payload of PAYLOADS) {
      const editor = await draft(`Intro. The ${payload.alias} matters.\n\nAlias ${payload.id.slice(0, 2)}`);
      const document = editor.document;
      const term = payload.termId;

      // The spell-out quick fix on the bare first use, then Insert Expansion on a fresh copy.
      const at = document.getText().indexOf(payload.alias);
      const range = new vscode.Range(document.positionAt(at), document.positionAt(at + payload.alias.length));
      const actions = await waitFor(async () => {
        const found = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, range)) ?? [];
        const fix = found.find((action) => action.edit && /^Spell out/.test(action.title));
        return fix ? fix : undefined;
      }, `${payload.id}: the spell-out fix`, 20_000);
      const edit = actions.edit!.get(document.uri)[0];
      assertInertMarkdown(edit.newText, `${payload.id} spell-out fix`, false);
      assert.isTrue(await vscode.commands.executeCommand<boolean>(COMMANDS.insertExpansion, { uri: document.uri.toString(), range: [range.start.line, range.start.character, range.end.line, range.end.character], text: payload.alias, termId: term }));
      const expanded = document.lineAt(0).text;
      assertInertMarkdown(expanded.slice('Intro. The '.length, expanded.length - ' matters.'.length), `${payload.id} Insert Expansion`, false);

      // Completion of the payload's alias phrase ("Alias H0…"), typed on the last line.
      const end = document.lineAt(document.lineCount - 1).range.end;
      const items = (await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, end))?.items ?? [];
      for (const item of items.filter((candidate) => String(typeof candidate.label === 'string' ? candidate.label : candidate.label.label).includes(payload.id))) {
        const text = typeof item.insertText === 'string' ? item.insertText : item.insertText?.value ?? (typeof item.label === 'string' ? item.label : item.label.label);
        assertInertMarkdown(text, `${payload.id} completion`, false);
      }

      // Insert into Draft, over the last line's words.
      editor.selection = new vscode.Selection(end.translate(0, -`Alias ${payload.id.slice(0, 2)}`.length), end);
      assert.isTrue(await vscode.commands.executeCommand<boolean>(COMMANDS.insertIntoDraft, term), `${payload.id} insert`);
      const inserted = document.lineAt(document.lineCount - 1).text;
      assertInertMarkdown(inserted, `${payload.id} Insert into Draft`, true);

      // Copy as Markdown Link: what the clipboard holds.
      assert.isTrue(await vscode.commands.executeCommand<boolean>(COMMANDS.copyMarkdownLink, term));
      assertInertMarkdown(await vscode.env.clipboard.readText(), `${payload.id} Copy as Markdown Link`, true);

      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    assert.deepEqual({ ...sideEffects(), untitled: 0 }, { ...before, untitled: 0 }, 'no terminal opened');
    assert.equal(sideEffects().untitled, before.untitled, 'no untitled file was left behind by a command');
  });
});
