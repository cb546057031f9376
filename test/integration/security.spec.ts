// The security review's findings where they meet the editor (F1 notifications, F2 the search
// quick pick, F4/F6 the panel's links, and command arguments any caller can pass), checked in a
// real VS Code. The content-side proofs are in test/unit/security.test.ts.
import * as vscode from 'vscode';
import { assert } from 'chai';
import { closeEditors, api } from './drafts';
import { COMMANDS } from '../../src/vscode/ids';
import { checkWebUrl } from '../../src/shared/urls';

/** VS Code's notification link syntax (src/vs/base/common/linkedText.ts): what would make a message text a link. */
const NOTIFICATION_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;

const HOSTILE_IDS = [
  '[Run](command:workbench.action.files.newUntitledFile)',
  'x](command:usIsraelReference.search?["XSSFIRED"]) [y',
  '$(alert) $(zap~spin) [a](https://evil.example/)',
  `line\n[Run](command:workbench.action.files.newUntitledFile)\u202e${'z'.repeat(5000)}`,
];

/** Asserts a message as VS Code received it can form no link and no icon, and is one short line. */
function assertInert(message: string | undefined, what: string): void {
  assert.isString(message, what);
  assert.deepEqual([...message!.matchAll(NOTIFICATION_LINK)], [], `${what}: ${message}`);
  assert.notMatch(message!, /[[\]\n\u202e]/, `${what}: ${message}`);
  assert.notMatch(message!, /(^|[^\\])\$\(/, `${what}: ${message}`);
  assert.isAtMost(message!.length, 400, what);
}

describe('security review, in the editor', function () {
  this.timeout(60_000);

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await closeEditors();
  });

  it('F1: an id from any caller never reaches a notification, and no command runs', async () => {
    const testApi = await api();
    const untitledBefore = vscode.workspace.textDocuments.filter((document) => document.isUntitled).length;
    for (const id of HOSTILE_IDS) {
      assert.isFalse(await vscode.commands.executeCommand<boolean>(COMMANDS.openEntry, id), id);
      const notice = testApi.notices().at(-1);
      assertInert(notice, `openEntry ${JSON.stringify(id.slice(0, 40))}`);
      assert.notInclude(notice!, 'command:', 'the id itself is left out of the message');
    }
    assert.equal(vscode.workspace.textDocuments.filter((document) => document.isUntitled).length, untitledBefore, 'no command ran');
  });

  it('F1: Insert into Draft without a draft, and Copy as Markdown Link, show fixed, inert messages', async () => {
    const testApi = await api();
    assert.isFalse(await vscode.commands.executeCommand<boolean>(COMMANDS.insertIntoDraft, 'qme'));
    assertInert(testApi.notices().at(-1), 'Insert into Draft with no draft');
    assert.notInclude(testApi.notices().at(-1)!, 'Qualitative', 'no content in the message');
    assert.isTrue(await vscode.commands.executeCommand<boolean>(COMMANDS.copyMarkdownLink, 'qme'));
    assertInert(testApi.notices().at(-1), 'Copy as Markdown Link status message');
  });

  it('F2: the search opens on a pasted 100,000-letter word and a 1 MB query without an error item', async () => {
    // Opening resolves once the first results are in the picker; the time is logged, not asserted.
    const timings: string[] = [];
    for (const [label, query] of [
      ['100,000-letter word', 'qme'.repeat(33_334)],
      ['1 MB query', 'iron dome arrow '.repeat(65_536)],
      ['icons and a link', '$(zap) [x](command:workbench.action.files.newUntitledFile) iron'],
    ] as const) {
      const started = Date.now();
      await vscode.commands.executeCommand(COMMANDS.search, query);
      timings.push(`${label} ${Date.now() - started} ms`);
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    }
    console.log(`    [measure] search opened with: ${timings.join(', ')}`);
    // The search still works after the hostile queries.
    const testApi = await api();
    await vscode.commands.executeCommand(COMMANDS.search, 'iron dome');
    const deadline = Date.now() + 10_000;
    while (testApi.activePanel()?.state.entryId !== 'iron-dome' && Date.now() < deadline) {
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.equal(testApi.activePanel()?.state.entryId, 'iron-dome');
  });

  it('F4/F6: the panel offers only normalised public addresses, and opens nothing else', async () => {
    const testApi = await api();
    assert.isTrue(await vscode.commands.executeCommand<boolean>(COMMANDS.openEntry, 'qme'));
    const links = testApi.activePanel()!.links;
    assert.isNotEmpty(links);
    for (const link of links) assert.deepEqual(checkWebUrl(link), { ok: true, href: link }, link);
    for (const url of ['http://localhost:3000/', 'https://trusted.example\\@evil.example/', `${links[0]} `, links[0].replace('https://', 'https://user@')]) {
      assert.isFalse(await testApi.postPanelMessage({ type: 'openExternal', url }), url);
    }
  });

  it('a subsection anchor from a command argument must look like one', async () => {
    const testApi = await api();
    await vscode.commands.executeCommand(COMMANDS.openEntry, 'security-cooperation-and-arms-sales', { anchor: 'x"><img src=x onerror=alert(1)>' });
    assert.equal(testApi.activePanel()?.state.entryId, 'security-cooperation-and-arms-sales');
    assert.isUndefined(testApi.activePanel()?.state.anchor);
  });
});
