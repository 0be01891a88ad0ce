import { firstLine } from '@shared/errors';

/**
 * Turns anything the api rejects with (StudioError, a serialized error, a plain Error) into
 * the one line we show the user. Unknown shapes never leak a stack trace.
 */
export function errorMessage(error: unknown): string {
  if (typeof error === 'string') return firstLine(error);
  if (error && typeof error === 'object' && 'message' in error) {
    const message = (error as { message: unknown }).message;
    if (typeof message === 'string' && message.trim() !== '') return firstLine(message);
  }
  return 'Something went wrong (no details were given)';
}
