import type { TreeNode } from '../../core/tree';

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

/** A subsection anchor passed with a tree row or as `{ anchor }`. */
export function anchorFrom(arg: unknown): string | undefined {
  if (typeof arg === 'object' && arg !== null && typeof (arg as { anchor?: unknown }).anchor === 'string') return (arg as { anchor: string }).anchor;
  return undefined;
}
