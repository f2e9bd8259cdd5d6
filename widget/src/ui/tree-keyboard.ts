import type { KeyboardEvent } from 'react';

export interface TreeKeyActions {
  isExpanded(workspaceId: string): boolean;
  setExpanded(workspaceId: string, open: boolean): void;
}

/**
 * Keyboard of the treegrid (WAI-ARIA treegrid pattern, row focus): ArrowUp/ArrowDown/Home/End
 * move between rows, Enter/Space toggle a workspace, ArrowRight opens it, ArrowLeft closes it
 * or, on a campaign row, goes back to its workspace. Handled once on the container, so rows
 * stay presentational.
 */
export function handleTreeKey(event: KeyboardEvent<HTMLElement>, actions: TreeKeyActions): void {
  const row = (event.target as HTMLElement).closest<HTMLElement>('[role="row"][data-row-key]');
  // Keys pressed on a button inside a row (Retry) keep their own meaning.
  if (!row || row !== event.target) return;
  const rows = Array.from(event.currentTarget.querySelectorAll<HTMLElement>('[role="row"][data-row-key]'));
  const index = rows.indexOf(row);
  // Only workspace rows (level 1) open and close.
  const workspaceId = row.getAttribute('aria-level') === '1' ? row.dataset['workspaceId'] : undefined;
  const focus = (target: HTMLElement | undefined) => target?.focus();

  switch (event.key) {
    case 'ArrowDown':
      focus(rows[index + 1]);
      break;
    case 'ArrowUp':
      focus(rows[index - 1]);
      break;
    case 'Home':
      focus(rows[0]);
      break;
    case 'End':
      focus(rows[rows.length - 1]);
      break;
    case 'Enter':
    case ' ':
      if (!workspaceId) return;
      actions.setExpanded(workspaceId, !actions.isExpanded(workspaceId));
      break;
    case 'ArrowRight':
      if (!workspaceId) return;
      actions.setExpanded(workspaceId, true);
      break;
    case 'ArrowLeft':
      if (workspaceId) actions.setExpanded(workspaceId, false);
      else focus(rows.slice(0, index).reverse().find((candidate) => candidate.getAttribute('aria-level') === '1'));
      break;
    default:
      return;
  }
  // Space would scroll the host page; arrows too.
  event.preventDefault();
}
