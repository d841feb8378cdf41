import * as v from 'valibot';

export type FieldErrors = Record<string, string>;

export type CommandResult<T = void> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

export const ok = <T>(value: T): CommandResult<T> => ({ ok: true, value });
export const fail = <T>(errors: FieldErrors): CommandResult<T> => ({ ok: false, errors });

/** Validates one form field with a protocol schema: the parsed value or its first message. */
export function field<S extends v.GenericSchema>(
  schema: S,
  input: unknown,
): { value: v.InferOutput<S> } | { error: string } {
  const parsed = v.safeParse(schema, input);
  if (parsed.success) return { value: parsed.output };
  return { error: parsed.issues[0]?.message ?? 'invalid' };
}
