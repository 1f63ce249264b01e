import { errorMessage } from '../lib/api-client.ts';

/** A failed request, said in words the agent can act on (role=alert so screen readers announce it). */
export function ErrorMessage({ error, className }: { error: unknown; className?: string }) {
  return (
    <p role="alert" className={`error-message ${className ?? ''}`}>
      {errorMessage(error)}
    </p>
  );
}
