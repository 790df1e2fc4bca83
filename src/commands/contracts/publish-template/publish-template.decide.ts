import type { TemplateVersionPublished } from '../../../events/contracts/contract-events.js';
import { TEMPLATE_BODY_MAX_CHARS, TEMPLATE_TITLE_MAX_CHARS, templateFieldProblems } from '../../../events/contracts/contract-schemas.js';
import { charsBetween } from '../../../events/records/record-schemas.js';
import { Conflict, Forbidden, InvalidInput, RuleBroken } from '../../shared/domain-errors.js';
import type { TemplateState } from '../template.state.js';
import type { PublishTemplate } from './publish-template.command.js';

const PLACEHOLDER = /\{\{\s*([a-z][A-Za-z0-9_]*)\s*\}\}/g;

export function decidePublishTemplate(state: TemplateState, command: PublishTemplate): TemplateVersionPublished[] {
  const { templateId, version, kind, title, body, fields, publisher } = command;
  if (!charsBetween(title, 1, TEMPLATE_TITLE_MAX_CHARS)) throw new InvalidInput('title', `title must be 1-${TEMPLATE_TITLE_MAX_CHARS} characters`);
  if (!charsBetween(body, 1, TEMPLATE_BODY_MAX_CHARS)) throw new InvalidInput('body', `body must be 1-${TEMPLATE_BODY_MAX_CHARS} characters`);
  const [problem] = templateFieldProblems(fields);
  if (problem !== undefined) {
    const [field, ...message] = problem.split(': ');
    throw new InvalidInput(field!, message.join(': '));
  }
  const names = new Set(fields.map((f) => f.name));
  for (const [, name] of body.matchAll(PLACEHOLDER)) {
    if (!names.has(name!)) throw new InvalidInput('body', `the placeholder {{${name}}} names no field of the template`);
  }
  if (!publisher.roles.includes('steward')) throw new Forbidden('not-steward', 'only a steward may publish contract templates');
  const latest = state.versions.length;
  if (version <= latest) {
    throw new Conflict('template-version-immutable', `version ${version} of template ${templateId} is published and cannot change: publish version ${latest + 1}`);
  }
  if (version !== latest + 1) throw new RuleBroken('template-version-gap', `the next version of template ${templateId} is ${latest + 1}, not ${version}`);
  if (latest > 0 && state.versions[latest - 1]!.kind !== kind) {
    throw new RuleBroken('template-kind-changed', `template ${templateId} is a ${state.versions[latest - 1]!.kind} template: a new kind is a new template`);
  }
  return [
    {
      type: 'contracts.TemplateVersionPublished',
      data: { templateId, version, kind, title, body, fields: fields.map((f) => ({ name: f.name, label: f.label, type: f.type, required: f.required })), publishedBy: publisher.memberId },
    },
  ];
}
