import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ActDto } from '../../../api/act.dto.js';
import { canonicalBytes, sha256 } from '../../../events/canonical.js';
import { contractStream, templateStream, type Party, type SigningOrder, type Visibility } from '../../../events/contracts/contract-events.js';
import { ActingMembers } from '../../members/acting-member.js';
import { participantFrom } from '../../records/participant.js';
import { AggregateStore, type Appended } from '../../shared/aggregate-store.js';
import type { CommandMeta } from '../../shared/command-meta.js';
import { InvalidInput, NotFound } from '../../shared/domain-errors.js';
import { documentSha256 } from '../contract-document.js';
import { ContractDocuments } from '../contract-documents.js';
import { contractModel, templateModel } from '../contract-model.js';
import type { DraftContract, NamedParty } from './draft-contract.command.js';
import { decideDraftContract, draftDocument } from './draft-contract.decide.js';

export const DRAFT_CONTRACT = 'contracts.DraftContract';

export interface DraftContractFields {
  contractId: string;
  templateId: string;
  templateVersion: number;
  parties: Party[];
  signingOrder: SigningOrder;
  visibility: Visibility;
  values: Record<string, unknown>;
  salt: string;
}

/** The field values are private: the drafter signs them by a salted commitment, never in clear (the act is public). */
export function draftContractSignedFields(c: DraftContractFields): Record<string, unknown> {
  let fieldsCommitment: string;
  try {
    fieldsCommitment = sha256(canonicalBytes({ fields: c.values, salt: c.salt })).toString('hex');
  } catch {
    throw new InvalidInput('fields', 'fields must be JSON values (no non-finite numbers)');
  }
  return {
    contractId: c.contractId,
    templateId: c.templateId,
    templateVersion: c.templateVersion,
    parties: c.parties.map((p) => ({ memberId: p.memberId, role: p.role })),
    signingOrder: c.signingOrder,
    visibility: c.visibility,
    fieldsCommitment,
  };
}

export class DraftContractRequest extends Command<Appended> {
  constructor(
    readonly fields: DraftContractFields,
    readonly act: ActDto,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

/** The contract goes on its own stream, its rendered document to a private table once the draft is on the log. */
@CommandHandler(DraftContractRequest)
export class DraftContractHandler implements ICommandHandler<DraftContractRequest> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly members: ActingMembers,
    private readonly documents: ContractDocuments,
  ) {}

  async execute({ fields, act: given, meta }: DraftContractRequest): Promise<Appended> {
    const { member, act } = await this.members.signedBy(meta.actor, DRAFT_CONTRACT, draftContractSignedFields(fields), given, meta.now);
    const { state: template } = await this.aggregates.load(templateStream(fields.templateId), templateModel);
    const parties = await Promise.all(fields.parties.map((p) => this.named(p)));
    const command = (): DraftContract => ({
      contractId: fields.contractId,
      templateId: fields.templateId,
      templateVersion: fields.templateVersion,
      template: template.versions[fields.templateVersion - 1] ?? null,
      parties,
      signingOrder: fields.signingOrder,
      visibility: fields.visibility,
      values: fields.values,
      salt: fields.salt,
      drafter: participantFrom(member),
      meta,
    });
    const appended = await this.aggregates.handle(contractStream(fields.contractId), contractModel, (state) => decideDraftContract(state, command()), meta, act);
    const document = draftDocument(command());
    await this.documents.store(fields.contractId, documentSha256(document), fields.visibility, document);
    return appended;
  }

  private async named(party: Party): Promise<NamedParty> {
    try {
      const member = await this.members.load(party.memberId);
      return { ...party, member: { handle: member.handle, verified: participantFrom(member).verified } };
    } catch (error) {
      if (error instanceof NotFound) return { ...party, member: null };
      throw error;
    }
  }
}
