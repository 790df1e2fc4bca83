import { verify } from 'node:crypto';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ActDto } from '../../../api/act.dto.js';
import { contractStream } from '../../../events/contracts/contract-events.js';
import { ActingMembers } from '../../members/acting-member.js';
import { participantFrom } from '../../records/participant.js';
import { AggregateStore, type Appended } from '../../shared/aggregate-store.js';
import type { CommandMeta } from '../../shared/command-meta.js';
import { Unauthenticated } from '../../shared/domain-errors.js';
import { publicKeyFromRaw } from '../../shared/signed-act.js';
import { documentSigningMessage } from '../contract-document.js';
import { contractModel } from '../contract-model.js';
import { decideSignContract } from './sign-contract.decide.js';

export const SIGN_CONTRACT = 'contracts.SignContract';

/** Whether `signature` (base64url) is Ed25519 by `publicKey` over the document signing message of `sha256Hex`. */
export function documentSignatureVerifies(publicKey: string, sha256Hex: string, signature: string): boolean {
  const bytes = Buffer.from(signature, 'base64url');
  if (bytes.length !== 64 || bytes.toString('base64url') !== signature) return false;
  try {
    return verify(null, documentSigningMessage(sha256Hex), publicKeyFromRaw(publicKey), bytes);
  } catch {
    return false;
  }
}

export class SignContractRequest extends Command<Appended> {
  constructor(
    readonly contractId: string,
    readonly documentSha256: string,
    readonly signature: string,
    readonly act: ActDto,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

@CommandHandler(SignContractRequest)
export class SignContractHandler implements ICommandHandler<SignContractRequest> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly members: ActingMembers,
  ) {}

  async execute({ contractId, documentSha256, signature, act: given, meta }: SignContractRequest): Promise<Appended> {
    const { member, act } = await this.members.signedBy(meta.actor, SIGN_CONTRACT, { contractId, documentSha256 }, given, meta.now);
    // The act proved the key is the member's; the document signature must be by that same key.
    if (!documentSignatureVerifies(member.keys[given.keyId]!, documentSha256, signature)) {
      throw new Unauthenticated('bad-document-signature', `the signature is not by key ${given.keyId} over document hash ${documentSha256}`);
    }
    return this.aggregates.handle(
      contractStream(contractId),
      contractModel,
      (state) => decideSignContract(state, { contractId, signer: participantFrom(member), documentSha256, keyId: given.keyId, signature, meta }),
      meta,
      act,
    );
  }
}
