import type { FormErrors } from '@mantine/form';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import type { z } from 'zod';
import { ApiError } from './api';

/**
 * Validates a form's values as the request they become (ADR 068): `toRequest` turns what the fields hold (text,
 * '' for nothing) into the body the server takes, and the `core` contract checks it, so a form says what the
 * server would say, on the field of the same name. A field shows its first problem, and the contract's
 * word before a rule's.
 */
export function contractValidate<Values>(
  schema: z.ZodType,
  toRequest: (values: Values) => unknown,
  /** Checks the contract cannot make alone (e.g. against the clinic's today), by field. */
  rules: (values: Values) => FormErrors = () => ({}),
): (values: Values) => FormErrors {
  const resolve = zod4Resolver(schema, { errorPriority: 'first' });
  return (values) => ({ ...rules(values), ...resolve(toRequest(values) as Record<string, unknown>) });
}

/**
 * The server's problems with single fields (a 400's `fields`), keyed by those of `names` it named: put them on the
 * fields with `form.setErrors`; an empty result means the error belongs above the form.
 */
export function fieldErrorsOf(error: unknown, names: readonly string[]): FormErrors {
  const errors: FormErrors = {};
  if (!(error instanceof ApiError)) return errors;
  for (const name of names) {
    const message = error.fieldError(name);
    if (message) errors[name] = message;
  }
  return errors;
}

/** The error to show above the form: null when there is none, or when the server named one of these fields. */
export function errorAboveFields<E>(error: E | null, names: readonly string[]): E | null {
  return error && Object.keys(fieldErrorsOf(error, names)).length === 0 ? error : null;
}
