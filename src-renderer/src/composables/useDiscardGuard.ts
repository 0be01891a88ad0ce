import { useConfirmStore } from '../stores/confirm';
import { useTrainingStore } from '../stores/training';

/**
 * Wraps a change that invalidates the current run (new layers, new data, reset): while a run
 * is active the user is asked first, and the run is stopped (kept in the runs list) before the
 * change. Returns false when the user kept the run.
 */
export function useDiscardGuard() {
  const confirm = useConfirmStore();
  const training = useTrainingStore();

  async function guard(what: string, change: () => void | Promise<unknown>): Promise<boolean> {
    if (training.isActive) {
      const accepted = await confirm.ask({
        title: 'Discard the current run?',
        message: `${what} ends the training in progress. The run is stopped and kept in the Runs list.`,
        confirmLabel: 'Stop run and continue',
        cancelLabel: 'Keep training',
      });
      if (!accepted) return false;
      if (!(await training.discard())) return false;
    }
    await change();
    return true;
  }

  return { guard };
}
