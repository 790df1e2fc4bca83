import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ActDto } from '../../../api/act.dto.js';
import { sha256 } from '../../../events/canonical.js';
import { templateStream, type ContractKind, type TemplateField } from '../../../events/contracts/contract-events.js';
import { ActingMembers } from '../../members/acting-member.js';
import { AggregateStore, type Appended } from '../../shared/aggregate-store.js';
import type { CommandMeta } from '../../shared/command-meta.js';
import { templateModel } from '../contract-model.js';
import { decidePublishTemplate } from './publish-template.decide.js';

export const PUBLISH_TEMPLATE = 'contracts.PublishTemplate';

export interface PublishTemplateFields {
  templateId: string;
  version: number;
  kind: ContractKind;
  title: string;
  body: string;
  fields: TemplateField[];
}

/** The body is signed by its SHA-256 (ADR 0004), so the act stays small. */
export function publishTemplateSignedFields(c: PublishTemplateFields): Record<string, unknown> {
  return {
    templateId: c.templateId,
    version: c.version,
    kind: c.kind,
    title: c.title,
    bodySha256: sha256(c.body).toString('hex'),
    fields: c.fields.map((f) => ({ name: f.name, label: f.label, type: f.type, required: f.required })),
  };
}

export class PublishTemplateRequest extends Command<Appended> {
  constructor(
    readonly fields: PublishTemplateFields,
    readonly act: ActDto,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

@CommandHandler(PublishTemplateRequest)
export class PublishTemplateHandler implements ICommandHandler<PublishTemplateRequest> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly members: ActingMembers,
  ) {}

  async execute({ fields, act: given, meta }: PublishTemplateRequest): Promise<Appended> {
    const { member, act } = await this.members.signedBy(meta.actor, PUBLISH_TEMPLATE, publishTemplateSignedFields(fields), given, meta.now);
    return this.aggregates.handle(
      templateStream(fields.templateId),
      templateModel,
      (state) => decidePublishTemplate(state, { ...fields, publisher: { memberId: member.memberId, roles: member.roles }, meta }),
      meta,
      act,
    );
  }
}
