import { specFor } from '../../../../test/support/given-when-then.js';
import type { TemplateEvent } from '../../../events/contracts/contract-events.js';
import { Conflict, Forbidden, InvalidInput, RuleBroken } from '../../shared/domain-errors.js';
import { published, RENTAL_BODY, RENTAL_FIELDS } from '../contract-fixtures.js';
import { evolveTemplate, initialTemplateState, type TemplateState } from '../template.state.js';
import type { PublishTemplate } from './publish-template.command.js';
import { decidePublishTemplate } from './publish-template.decide.js';

const spec = specFor<TemplateState, PublishTemplate, TemplateEvent>({ initialState: initialTemplateState, evolve: evolveTemplate, decide: decidePublishTemplate });
const meta = { actor: 'm-steward', now: new Date('2030-05-01T00:00:00.000Z'), correlationId: 'c-1' };
const publish = (change: Partial<PublishTemplate> = {}): PublishTemplate => ({
  templateId: 'tpl-1',
  version: 1,
  kind: 'rental',
  title: 'Room rental',
  body: RENTAL_BODY,
  fields: RENTAL_FIELDS,
  publisher: { memberId: 'm-steward', roles: ['steward'] },
  meta,
  ...change,
});
const fieldOf = (run: () => unknown): string | undefined => {
  try {
    run();
  } catch (error) {
    return (error as InvalidInput).field;
  }
  return undefined;
};

describe('PublishTemplate', () => {
  describe('a new template', () => {
    it('publishes version 1', () => {
      spec.given([]).when(publish()).then([published(1)]);
    });

    it('refuses a member who is not a steward', () => {
      spec.given([]).when(publish({ publisher: { memberId: 'm-1', roles: ['verifier'] } })).thenThrows(Forbidden, 'not-steward');
    });

    it('refuses to start at version 2', () => {
      spec.given([]).when(publish({ version: 2 })).thenThrows(RuleBroken, 'template-version-gap');
    });

    it('refuses a placeholder that names no field, naming body', () => {
      expect(fieldOf(() => decidePublishTemplate(initialTemplateState, publish({ body: 'Pay {{deposit}}.' })))).toBe('body');
    });

    it('refuses two fields of one name, and an unknown field type, naming the field', () => {
      const twice = [...RENTAL_FIELDS, { ...RENTAL_FIELDS[0]! }];
      expect(fieldOf(() => decidePublishTemplate(initialTemplateState, publish({ fields: twice })))).toBe(`fields[${RENTAL_FIELDS.length}].name`);
      const oddType = [{ name: 'x', label: 'X', type: 'colour', required: true }] as unknown as PublishTemplate['fields'];
      expect(fieldOf(() => decidePublishTemplate(initialTemplateState, publish({ fields: oddType, body: '{{x}}' })))).toBe('fields[0].type');
    });

    it('refuses a blank title', () => {
      spec.given([]).when(publish({ title: ' ' })).thenThrows(InvalidInput);
    });
  });

  describe('a published template', () => {
    it('publishes the next version as a new event, leaving version 1 as it was', () => {
      spec
        .given([published(1)])
        .when(publish({ version: 2, title: 'Room rental (2031)' }))
        .then([published(2, { title: 'Room rental (2031)' })]);
    });

    it('refuses to publish a version again: a published version is immutable', () => {
      spec.given([published(1)]).when(publish({ version: 1, title: 'Changed' })).thenThrows(Conflict, 'template-version-immutable');
      spec.given([published(1), published(2)]).when(publish({ version: 1 })).thenThrows(Conflict, 'template-version-immutable');
    });

    it('refuses to skip a version', () => {
      spec.given([published(1)]).when(publish({ version: 3 })).thenThrows(RuleBroken, 'template-version-gap');
    });

    it('refuses to change the kind of a template', () => {
      spec.given([published(1)]).when(publish({ version: 2, kind: 'employment' })).thenThrows(RuleBroken, 'template-kind-changed');
    });
  });
});
