import { useId } from 'react';
import { PROPOSAL_STATUSES, type ProposalStatus } from '../api/types';
import { labelFor, t } from '../i18n/t';

interface Props {
  value: ProposalStatus | null;
  onChange: (status: ProposalStatus | null) => void;
}

const ALL = 'all';

export function StatusFilter({ value, onChange }: Props) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{t('proposals.filter.label')}</label>
      <select
        id={id}
        value={value ?? ALL}
        onChange={(event) => {
          const next = PROPOSAL_STATUSES.find((status) => status === event.target.value) ?? null;
          onChange(next);
        }}
      >
        <option value={ALL}>{t('proposals.filter.all')}</option>
        {PROPOSAL_STATUSES.map((status) => (
          <option key={status} value={status}>
            {labelFor('proposalStatus', status)}
          </option>
        ))}
      </select>
    </div>
  );
}
