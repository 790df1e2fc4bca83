import { useId, type ReactNode } from 'react';
import type { Problem } from '../api/types';

/** The server's message for `name` (problem+json `errors[].field`), or the form's own check. */
export function fieldMessage(problem: Problem | undefined, name: string, local?: string | null): string | undefined {
  if (local) return local;
  return problem?.errors?.find((e) => e.field === name || e.field.endsWith(`.${name}`))?.message;
}

interface Props {
  label: string;
  hint?: string;
  error?: string;
  children: (ids: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactNode;
}

/** A labelled control with its hint and error, wired for screen readers. */
export function Field({ label, hint, error, children }: Props) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <span id={hintId} className="field__hint">
          {hint}
        </span>
      ) : null}
      {children({ id, describedBy, invalid: Boolean(error) })}
      {error ? (
        <span id={errorId} className="field__error">
          {error}
        </span>
      ) : null}
    </div>
  );
}
