import { useEffect, useRef } from 'react';

/** Keys typed into a field, or while a dialog or menu is open, belong to that, not to the list. */
function ignored(e: KeyboardEvent): boolean {
  if (e.altKey || e.ctrlKey || e.metaKey || e.defaultPrevented) return true;
  const target = e.target as HTMLElement | null;
  const typing =
    'input:not([type="checkbox"]):not([type="radio"]), textarea, select, [contenteditable="true"], [role="combobox"]';
  if (target?.closest(typing)) return true;
  return [...document.querySelectorAll('.ant-modal-wrap, .ant-drawer-open')].some(
    (el) => el.getClientRects().length > 0,
  );
}

/** Enter opens the row only from the page itself or a row's own cells, not from a focused control. */
function enterIsOurs(target: HTMLElement | null): boolean {
  if (!target || target === document.body) return true;
  return !!target.closest('.ant-table-tbody') && !target.closest('button, a, [role="button"]');
}

type Handlers = {
  count: number;
  active: number;
  setActive: (index: number) => void;
  onOpen: (index: number) => void;
  onToggle: (index: number) => void;
  enabled?: boolean;
};

/**
 * Keyboard work through a queue: j/k or ↓/↑ move the highlighted row, Enter opens it, x
 * toggles its selection. Listens on the document so no row needs focus first.
 */
export function useRowKeyboard({ count, active, setActive, onOpen, onToggle, enabled = true }: Handlers) {
  // The latest values, read by one long-lived listener.
  const state = useRef({ count, active, setActive, onOpen, onToggle });
  state.current = { count, active, setActive, onOpen, onToggle };

  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (ignored(e)) return;
      const s = state.current;
      if (s.count === 0) return;
      const current = Math.min(Math.max(s.active, 0), s.count - 1);
      switch (e.key) {
        case 'j':
        case 'ArrowDown':
          s.setActive(s.active < 0 ? 0 : Math.min(current + 1, s.count - 1));
          break;
        case 'k':
        case 'ArrowUp':
          s.setActive(s.active < 0 ? 0 : Math.max(current - 1, 0));
          break;
        case 'Enter':
          if (s.active < 0) return;
          // A focused control (button, link, tab, pager) handles its own Enter.
          if (!enterIsOurs(e.target as HTMLElement | null)) return;
          s.onOpen(current);
          break;
        case 'x':
          if (s.active < 0) return;
          s.onToggle(current);
          break;
        default:
          return;
      }
      e.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [enabled]);
}
