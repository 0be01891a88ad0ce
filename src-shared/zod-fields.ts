/**
 * Field builders shared by every zod schema whose messages a user reads (API payloads, the
 * training config, epoch metrics): each carries the sentence after the field's name.
 */
import { z } from 'zod';

/** An absent field "is required"; a present but wrong one gets `message`. */
export function requiredOr(message: string) {
  return (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : message);
}

/** A number (zod: finite) that `accept` approves, else `must be <description>`. */
export function numberField(description: string, accept: (value: number) => boolean = () => true) {
  const message = `must be ${description}`;
  return z.number({ error: requiredOr(message) }).refine(accept, { error: message });
}

export function integerField(description: string, min: number, max: number) {
  return numberField(description, (v) => Number.isInteger(v) && v >= min && v <= max);
}
