import { defineStore } from 'pinia';
import { computed, shallowRef } from 'vue';

export interface ConfirmRequest {
  title: string;
  message: string;
  confirmLabel: string;
  cancelLabel: string;
}

interface PendingConfirm extends ConfirmRequest {
  resolve(answer: boolean): void;
}

/** Drives the one accessible <dialog> used for "discard the run?" questions (never window.confirm). */
export const useConfirmStore = defineStore('confirm', () => {
  const pending = shallowRef<PendingConfirm | null>(null);
  const request = computed<ConfirmRequest | null>(() => pending.value);

  function ask(question: ConfirmRequest): Promise<boolean> {
    // A newer question supersedes an unanswered one; the old caller gets "no".
    pending.value?.resolve(false);
    return new Promise<boolean>((resolve) => {
      pending.value = { ...question, resolve };
    });
  }

  function answer(accepted: boolean): void {
    const current = pending.value;
    pending.value = null;
    current?.resolve(accepted);
  }

  return { request, ask, answer };
});
