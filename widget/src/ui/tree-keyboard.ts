import type { KeyboardEvent } from 'react';

export interface TreeKeyActions {
  isExpanded(workspaceId: string): boolean;
  setExpanded(workspaceId: string, open: boolean): void;
  /** The "N more workspaces" row was activated. */
  showMore(): void;
}

/**
 * Keyboard of the treegrid (WAI-ARIA treegrid pattern, row focus): ArrowUp/ArrowDown/Home/End
 * move between rows, Enter/Space toggle a workspace (or reveal the rest on the "more" row),
 * ArrowRight opens it, ArrowLeft closes it or, on a campaign row, goes back to its workspace.
 * Inside a row's own controls (the host's actions, Retry) every key keeps its meaning but
 * ArrowUp/ArrowDown, which still move to the row above or below. Handled once on the
 * container, so rows stay presentational.
 */
export function handleTreeKey(event: KeyboardEvent<HTMLElement>, actions: TreeKeyActions): void {
  const target = event.target as HTMLElement;
  const row = target.closest<HTMLElement>('[role="row"][data-row-key]');
  if (!row) return;
  const rows = Array.from(event.currentTarget.querySelectorAll<HTMLElement>('[role="row"][data-row-key]'));
  const index = rows.indexOf(row);
  const focus = (next: HTMLElement | undefined) => next?.focus();
  if (row !== target) {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    focus(rows[index + (event.key === 'ArrowDown' ? 1 : -1)]);
    event.preventDefault();
    return;
  }
  const more = row.dataset['more'] !== undefined;
  // Only workspace rows (level 1) open and close.
  const workspaceId = !more && row.getAttribute('aria-level') === '1' ? row.dataset['workspaceId'] : undefined;

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
      if (more) actions.showMore();
      else if (workspaceId) actions.setExpanded(workspaceId, !actions.isExpanded(workspaceId));
      else return;
      break;
    case 'ArrowRight':
      if (!workspaceId) return;
      actions.setExpanded(workspaceId, true);
      break;
    case 'ArrowLeft':
      if (workspaceId) actions.setExpanded(workspaceId, false);
      else if (!more) focus(rows.slice(0, index).reverse().find((candidate) => candidate.getAttribute('aria-level') === '1'));
      else return;
      break;
    default:
      return;
  }
  // Space would scroll the host page; arrows too.
  event.preventDefault();
}
