import type { ReactNode } from 'react';
import { codedErrors, sentenceFor } from '../api/errors';

/** A polite live region while something loads. */
export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <p className="status" role="status">
      {label}
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}

/** The sentences of a failed operation, announced at once. */
export function ErrorMessage({ error }: { error: unknown }) {
  return <FormErrors sentences={[...new Set(codedErrors(error).map(sentenceFor))]} />;
}

/** Sentences for the whole form (errors no field shows), announced at once. */
export function FormErrors({ sentences }: { sentences: string[] }) {
  if (sentences.length === 0) return null;
  return (
    <div className="error" role="alert">
      {sentences.map((sentence) => (
        <p key={sentence}>{sentence}</p>
      ))}
    </div>
  );
}
