import { strict as assert } from 'assert';
import { HISTORY_LIMIT, PANEL_MESSAGE_TYPES, parsePanelMessage, parsePanelState, type MessageRules } from '../../src/shared/messages';
import { isWebUrl } from '../../src/shared/urls';

const known = new Set(['qme', 'iron-dome', 'security-cooperation-and-arms-sales']);
const rules: MessageRules = {
  isKnownId: (id) => known.has(id),
  isKnownUrl: (url) => url === 'https://www.congress.gov/bill/110th-congress/house-bill/7177',
};

describe('shared: panel messages', () => {
  it('accepts each known message type in its exact shape', () => {
    assert.deepEqual(parsePanelMessage({ type: 'open', id: 'qme' }, rules), { type: 'open', id: 'qme' });
    assert.deepEqual(parsePanelMessage({ type: 'open', id: 'security-cooperation-and-arms-sales', anchor: 'missile-defense' }, rules), {
      type: 'open',
      id: 'security-cooperation-and-arms-sales',
      anchor: 'missile-defense',
    });
    for (const type of ['back', 'forward', 'pin', 'search', 'insertIntoDraft', 'copyMarkdownLink', 'cite'] as const) assert.deepEqual(parsePanelMessage({ type }, rules), { type });
    assert.deepEqual(parsePanelMessage({ type: 'copyFact', index: 2 }, rules), { type: 'copyFact', index: 2 });
    assert.deepEqual(parsePanelMessage({ type: 'openExternal', url: 'https://www.congress.gov/bill/110th-congress/house-bill/7177' }, rules), {
      type: 'openExternal',
      url: 'https://www.congress.gov/bill/110th-congress/house-bill/7177',
    });
    assert.deepEqual([...PANEL_MESSAGE_TYPES].sort(), ['back', 'cite', 'copyFact', 'copyMarkdownLink', 'forward', 'insertIntoDraft', 'open', 'openExternal', 'pin', 'search']);
  });

  it('takes a fact index only as a small non-negative integer, and the writer’s actions without arguments', () => {
    for (const index of [-1, 1.5, '1', 100, NaN, null, undefined]) assert.equal(parsePanelMessage({ type: 'copyFact', index }, rules), undefined, String(index));
    assert.equal(parsePanelMessage({ type: 'copyFact', index: 0, id: 'qme' }, rules), undefined);
    assert.equal(parsePanelMessage({ type: 'cite', id: 'qme' }, rules), undefined, 'the panel cites its own entry, never one it names');
    assert.equal(parsePanelMessage({ type: 'insertIntoDraft', text: '<b>' }, rules), undefined);
  });

  it('drops unknown types, non-objects and extra fields', () => {
    for (const raw of [undefined, null, 'open', 42, [], ['open'], { type: 'eval', code: 'x' }, { type: 'OPEN', id: 'qme' }, { id: 'qme' }, { type: 'back', extra: 1 }, { type: 'open', id: 'qme', html: '<b>' }]) {
      assert.equal(parsePanelMessage(raw, rules), undefined, JSON.stringify(raw));
    }
  });

  it('drops unknown or malformed ids and anchors', () => {
    for (const raw of [
      { type: 'open', id: 'not-an-entry' },
      { type: 'open', id: '../../etc/passwd' },
      { type: 'open', id: 'QME' },
      { type: 'open', id: 42 },
      { type: 'open', id: 'qme', anchor: '"><script>' },
      { type: 'open', id: 'qme', anchor: 7 },
      { type: 'open', id: 'constructor' },
      { type: 'open', id: '__proto__' },
    ]) {
      assert.equal(parsePanelMessage(raw, rules), undefined, JSON.stringify(raw));
    }
  });

  it('opens only http(s) addresses that the page links to', () => {
    for (const url of ['javascript:alert(1)', 'command:workbench.action.terminal.new', 'file:///etc/passwd', 'https://evil.example/', 'vscode://settings', 42]) {
      assert.equal(parsePanelMessage({ type: 'openExternal', url }, rules), undefined, String(url));
    }
    assert.equal(parsePanelMessage({ type: 'openExternal', url: 'https://www.congress.gov/bill/110th-congress/house-bill/7177' }, { isKnownId: rules.isKnownId }), undefined, 'no allow-list, no opening');
  });

  it('isWebUrl accepts only absolute http(s) addresses', () => {
    assert.equal(isWebUrl('https://crsreports.congress.gov/product/pdf/RL/RL33222'), true);
    assert.equal(isWebUrl('http://example.org'), true);
    assert.equal(isWebUrl('https:'), false);
    assert.equal(isWebUrl('/relative'), false);
    assert.equal(isWebUrl(`https://example.org/${'a'.repeat(3000)}`), false);
  });
});

describe('shared: panel state', () => {
  it('restores a valid state and keeps its history', () => {
    const state = { entryId: 'qme', anchor: 'facts', history: { back: ['iron-dome'], forward: ['security-cooperation-and-arms-sales'] }, pinned: true };
    assert.deepEqual(parsePanelState(state, rules), state);
  });

  it('rejects a state whose entry is unknown, and drops unknown ids from the history', () => {
    assert.equal(parsePanelState({ entryId: 'gone', history: { back: [], forward: [] } }, rules), undefined);
    assert.equal(parsePanelState(undefined, rules), undefined);
    assert.equal(parsePanelState('qme', rules), undefined);
    assert.deepEqual(parsePanelState({ entryId: 'qme', history: { back: ['gone', 'iron-dome', 7], forward: 'x' }, pinned: 'yes', anchor: '<x>' }, rules), {
      entryId: 'qme',
      history: { back: ['iron-dome'], forward: [] },
    });
  });

  it('bounds the history', () => {
    const long = Array.from({ length: HISTORY_LIMIT * 2 }, () => 'iron-dome');
    const state = parsePanelState({ entryId: 'qme', history: { back: long, forward: long } }, rules)!;
    assert.equal(state.history.back.length, HISTORY_LIMIT);
    assert.equal(state.history.forward.length, HISTORY_LIMIT);
  });
});
