import { ref } from 'vue';
import { readNumberEntry, type SettingField } from '../lib/hyper-fields';
import { useHyperStore } from '../stores/hyper';

/**
 * The number fields of one form (the hyper-parameter panel, its Advanced section): what each
 * shows, its error, and committing an entry to the hyper store. Methods, so a form of one kind
 * of field serves a NumberField of that kind.
 */
export interface NumberForm<F extends SettingField> {
  shown(field: F): number;
  error(field: F): string | null;
  commit(event: Event, field: F): void;
}

/**
 * `shown` is the value a field shows (the input is reset to it after each entry); `problem`,
 * the error a field has besides a refused entry. The form remembers the one entry it refused
 * last, with the schema's sentence, until the next entry in any of its fields.
 */
export function useNumberForm<F extends SettingField>(
  shown: (field: F) => number,
  problem: (field: F) => string | null = () => null,
): NumberForm<F> & { clearRefused(): void } {
  const hyper = useHyperStore();
  const refused = ref<{ key: string; message: string } | null>(null);
  return {
    shown,
    error: (field) => (refused.value?.key === field.key ? refused.value.message : problem(field)),
    commit(event, field) {
      const input = event.target as HTMLInputElement;
      const entry = readNumberEntry(input.value, field);
      if (entry.ok) hyper.update(field.key, entry.value);
      refused.value = !entry.ok && entry.error ? { key: field.key, message: entry.error } : null;
      input.value = String(shown(field));
    },
    clearRefused: () => void (refused.value = null),
  };
}
