import { webHref } from './urls';

/**
 * The protocol between the reference panel's script and the extension. The panel only ever
 * asks; the extension answers by rendering a new page. Everything arriving from the panel is
 * untrusted and goes through `parsePanelMessage` before anything acts on it.
 */

/** Messages the panel script may send. */
export type PanelMessage =
  | { type: 'open'; id: string; anchor?: string }
  | { type: 'back' }
  | { type: 'forward' }
  | { type: 'pin' }
  | { type: 'search' }
  | { type: 'openExternal'; url: string }
  /** The writer's actions on the entry the panel shows; they act on the draft the writer came from. */
  | { type: 'insertIntoDraft' }
  | { type: 'copyMarkdownLink' }
  | { type: 'cite' }
  /** Copy the panel entry's fact number `index` (from 0) with its citation. */
  | { type: 'copyFact'; index: number };

export type PanelMessageType = PanelMessage['type'];

export const PANEL_MESSAGE_TYPES: readonly PanelMessageType[] = ['open', 'back', 'forward', 'pin', 'search', 'openExternal', 'insertIntoDraft', 'copyMarkdownLink', 'cite', 'copyFact'];

/** The most facts an entry has; a larger index is refused before anything looks it up. */
const MAX_FACT_INDEX = 99;

/** What a panel remembers across navigation and window reloads (the webview state). */
export interface PanelState {
  entryId: string;
  /** A subsection anchor inside the entry, when one was opened. */
  anchor?: string;
  history: {
    /** Entries before this one, oldest first. */
    back: string[];
    /** Entries after this one (after going back), nearest first. */
    forward: string[];
  };
  pinned?: boolean;
}

/** How far back and forward a panel remembers; older steps fall off. */
export const HISTORY_LIMIT = 50;

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const ANCHOR = /^[a-z0-9][a-z0-9-]{0,99}$/;

/** What the validator checks ids and addresses against. */
export interface MessageRules {
  /** True for an id the reference knows (entries only, not sources). */
  isKnownId(id: string): boolean;
  /** True for an external address the current page actually links to. */
  isKnownUrl?(url: string): boolean;
}

/**
 * Checks a message from the panel: a known `type`, exactly the fields that type carries, ids
 * the reference knows, and external addresses that are http(s) and on the page. Returns the
 * clean message, or `undefined` for anything else (which the caller drops).
 *
 * @example
 *   parsePanelMessage({ type: 'open', id: 'qme' }, { isKnownId: (id) => id === 'qme' }) // => { type: 'open', id: 'qme' }
 *   parsePanelMessage({ type: 'eval', code: '…' }, rules)                              // => undefined
 */
export function parsePanelMessage(raw: unknown, rules: MessageRules): PanelMessage | undefined {
  if (!isRecord(raw) || typeof raw.type !== 'string') return undefined;
  switch (raw.type) {
    case 'open': {
      if (!hasOnlyKeys(raw, ['type', 'id', 'anchor'])) return undefined;
      if (!isId(raw.id) || !rules.isKnownId(raw.id)) return undefined;
      if (raw.anchor === undefined) return { type: 'open', id: raw.id };
      return typeof raw.anchor === 'string' && ANCHOR.test(raw.anchor) ? { type: 'open', id: raw.id, anchor: raw.anchor } : undefined;
    }
    case 'back':
    case 'forward':
    case 'pin':
    case 'search':
    case 'insertIntoDraft':
    case 'copyMarkdownLink':
    case 'cite':
      return hasOnlyKeys(raw, ['type']) ? { type: raw.type } : undefined;
    case 'copyFact':
      if (!hasOnlyKeys(raw, ['type', 'index']) || typeof raw.index !== 'number' || !Number.isInteger(raw.index) || raw.index < 0 || raw.index > MAX_FACT_INDEX) return undefined;
      return { type: 'copyFact', index: raw.index };
    case 'openExternal': {
      // The address is read once, by the same WHATWG parse the page was rendered with, and only its href goes on.
      const href = hasOnlyKeys(raw, ['type', 'url']) ? webHref(raw.url) : undefined;
      if (href === undefined || !rules.isKnownUrl || !rules.isKnownUrl(href)) return undefined;
      return { type: 'openExternal', url: href };
    }
    default:
      return undefined;
  }
}

/**
 * Checks a panel state restored after a window reload: known entry ids only, bounded
 * history. Unknown ids in the history are dropped rather than failing the whole panel.
 *
 * @example
 *   parsePanelState({ entryId: 'qme', history: { back: [], forward: [] } }, rules)?.entryId // => 'qme'
 */
export function parsePanelState(raw: unknown, rules: Pick<MessageRules, 'isKnownId'>): PanelState | undefined {
  if (!isRecord(raw) || !isId(raw.entryId) || !rules.isKnownId(raw.entryId)) return undefined;
  const history = isRecord(raw.history) ? raw.history : {};
  const ids = (value: unknown, keep: 'first' | 'last') => {
    const list = Array.isArray(value) ? value.filter((id): id is string => isId(id) && rules.isKnownId(id)) : [];
    return keep === 'last' ? list.slice(-HISTORY_LIMIT) : list.slice(0, HISTORY_LIMIT);
  };
  const state: PanelState = { entryId: raw.entryId, history: { back: ids(history.back, 'last'), forward: ids(history.forward, 'first') } };
  if (typeof raw.anchor === 'string' && ANCHOR.test(raw.anchor)) state.anchor = raw.anchor;
  if (raw.pinned === true) state.pinned = true;
  return state;
}

/**
 * True for a subsection anchor as the panel accepts it (from commands as from the page).
 *
 * @example
 *   isAnchor('missile-defense') // => true
 *   isAnchor('x"><img>')        // => false
 */
export function isAnchor(value: unknown): value is string {
  return typeof value === 'string' && ANCHOR.test(value);
}

function isId(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 100 && ID.test(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasOnlyKeys(value: Record<string, unknown>, allowed: readonly string[]): boolean {
  return Object.keys(value).every((key) => allowed.includes(key));
}
