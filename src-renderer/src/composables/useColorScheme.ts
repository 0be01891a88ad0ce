import { onBeforeUnmount, ref, type Ref } from 'vue';

export type ColorScheme = 'light' | 'dark';

/**
 * The OS colour scheme (prefers-color-scheme), live: canvases (charts) cannot follow the CSS
 * variables by themselves and repaint when this changes.
 */
export function useColorScheme(): Ref<ColorScheme> {
  const query =
    typeof window.matchMedia === 'function' ? window.matchMedia('(prefers-color-scheme: dark)') : null;
  const scheme = ref<ColorScheme>(query?.matches ? 'dark' : 'light');
  const onChange = (event: MediaQueryListEvent) => {
    scheme.value = event.matches ? 'dark' : 'light';
  };
  query?.addEventListener('change', onChange);
  onBeforeUnmount(() => query?.removeEventListener('change', onChange));
  return scheme;
}
