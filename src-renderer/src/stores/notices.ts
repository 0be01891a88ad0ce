import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { errorMessage } from '../lib/errors';

export interface Notice {
  id: number;
  message: string;
}

export interface BackendFailure {
  message: string;
  recoverable: boolean;
}

/** Errors and confirmations the user should see; the alert regions render them. */
export const useNoticesStore = defineStore('notices', () => {
  const errors = ref<Notice[]>([]);
  const info = ref<string | null>(null);
  const backendFailure = shallowRef<BackendFailure | null>(null);
  let nextId = 1;

  /** Shows the error's one-line message, prefixed with what the user was doing. */
  function report(error: unknown, action?: string): string {
    const message = action ? `${action}: ${errorMessage(error)}` : errorMessage(error);
    // Repeating the same failure (e.g. pressing Export twice) should not stack duplicate alerts.
    if (!errors.value.some((notice) => notice.message === message)) {
      errors.value = [...errors.value.slice(-4), { id: nextId++, message }];
    }
    return message;
  }

  function dismiss(id: number): void {
    errors.value = errors.value.filter((notice) => notice.id !== id);
  }

  function clearErrors(): void {
    errors.value = [];
  }

  function notify(message: string | null): void {
    info.value = message;
  }

  function setBackendFailure(failure: BackendFailure | null): void {
    backendFailure.value = failure;
  }

  return { errors, info, backendFailure, report, dismiss, clearErrors, notify, setBackendFailure };
});
