import type { EventSchema } from '../registry.js';
import { check, id } from '../schema-checks.js';
import type { DelegationEvent } from './delegation-events.js';
import { isTopic, TOPIC_MAX_CHARS } from './proposal-schemas.js';

function topic(problems: string[], value: unknown): void {
  if (value !== null && !isTopic(value)) problems.push(`topic: must be null or a slug of at most ${TOPIC_MAX_CHARS} characters`);
}

export const DELEGATION_SCHEMAS = {
  'governance.VoteDelegated': {
    schemaVersion: 1,
    validate: (data) =>
      check(data, ['delegatorId', 'delegateId', 'topic'], (d, problems) => {
        id(problems, 'delegatorId', d.delegatorId);
        id(problems, 'delegateId', d.delegateId);
        if (d.delegatorId === d.delegateId) problems.push('delegateId: must differ from delegatorId');
        topic(problems, d.topic);
      }),
  },
  'governance.DelegationRevoked': {
    schemaVersion: 1,
    validate: (data) =>
      check(data, ['delegatorId', 'topic'], (d, problems) => {
        id(problems, 'delegatorId', d.delegatorId);
        topic(problems, d.topic);
      }),
  },
} satisfies { [T in DelegationEvent['type']]: EventSchema };
