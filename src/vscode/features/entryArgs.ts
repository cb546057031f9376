import type { TreeNode } from '../../core/tree';
import { isAnchor } from '../../shared/messages';

/**
 * The entry id a command was given: an id string (palette, hover links, tests) or the tree
 * row it was run on (view context menus).
 */
export function entryIdFrom(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  if (typeof arg === 'object' && arg !== null) {
    const node = arg as Partial<TreeNode> & { id?: unknown };
    if (typeof node.entryId === 'string') return node.entryId;
  }
  return undefined;
}

/** A subsection anchor passed with a tree row or as `{ anchor }`; any caller can pass one, so it must look like an anchor. */
export function anchorFrom(arg: unknown): string | undefined {
  const anchor = typeof arg === 'object' && arg !== null ? (arg as { anchor?: unknown }).anchor : undefined;
  return isAnchor(anchor) ? anchor : undefined;
}
