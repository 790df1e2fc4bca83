import type { ActionState } from '../hooks/useAction';
import { ErrorBanner } from './ErrorBanner';

/** The failure of a form's last submission, with Retry (the form's fields are still there). */
export function ActionProblem({ action }: { action: ActionState<never[]> | ActionState<any[]> }) {
  if (!action.problem) return null;
  return <ErrorBanner problem={action.problem} onRetry={action.retry} busy={action.busy} />;
}
