import { onBeforeUnmount, onMounted } from 'vue';

export interface ShortcutHandlers {
  toggle(): void;
  step(): void;
  reset(): void;
}

export const SHORTCUTS: ReadonlyArray<{ keys: string; action: string }> = [
  { keys: 'Space', action: 'Train / pause / resume' },
  { keys: 'S', action: 'Step one epoch' },
  { keys: 'R', action: 'Reset' },
  { keys: 'Ctrl+Z', action: 'Undo a paint stroke (Paint mode)' },
];

const NON_TEXT_INPUTS = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file']);

/** Typing in a field must never trigger training shortcuts. */
export function isTextEntry(target: EventTarget | null): boolean {
  if (!target || typeof (target as HTMLElement).closest !== 'function') return false;
  const element = target as HTMLElement;
  if (element.isContentEditable || element.closest('[contenteditable="true"], textarea, select, dialog'))
    return true;
  const input = element.closest('input');
  return input !== null && !NON_TEXT_INPUTS.has(input.type);
}

/** Space on a focused button/checkbox already activates it natively; a shortcut would double it. */
export function isSpaceActivated(target: EventTarget | null): boolean {
  if (!target || typeof (target as HTMLElement).closest !== 'function') return false;
  return (target as HTMLElement).closest('button, input, summary, a[href], [role="button"]') !== null;
}

export function useKeyboardShortcuts(handlers: ShortcutHandlers): void {
  function onKeydown(event: KeyboardEvent): void {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || event.repeat) return;
    if (isTextEntry(event.target)) return;
    const key = event.key.toLowerCase();
    if (key === ' ' || event.code === 'Space') {
      if (isSpaceActivated(event.target)) return;
      event.preventDefault(); // no page scroll
      handlers.toggle();
    } else if (key === 's') {
      event.preventDefault();
      handlers.step();
    } else if (key === 'r') {
      event.preventDefault();
      handlers.reset();
    }
  }
  onMounted(() => window.addEventListener('keydown', onKeydown));
  onBeforeUnmount(() => window.removeEventListener('keydown', onKeydown));
}
