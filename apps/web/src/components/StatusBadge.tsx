import { labelFor } from '../i18n/t';

interface Props {
  status: string;
}

/** A proposal's status: drafted, submitted, open, closed, withdrawn or cancelled. */
export function StatusBadge({ status }: Props) {
  return <span className={`badge badge--status-${status}`}>{labelFor('proposalStatus', status)}</span>;
}
