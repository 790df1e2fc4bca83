import { verify } from 'node:crypto';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ActDto } from '../../../api/act.dto.js';
import { canonicalBytes } from '../../../events/canonical.js';
import type { SignedAct } from '../../../events/envelope.js';
import { memberStream } from '../../../events/members/member-events.js';
import { AggregateStore } from '../../shared/aggregate-store.js';
import type { CommandMeta } from '../../shared/command-meta.js';
import { Unauthenticated } from '../../shared/domain-errors.js';
import { keyIdOf, publicKeyFromRaw } from '../../shared/signed-act.js';
import { ActingMembers, memberModel } from '../acting-member.js';
import type { RotateKey } from './rotate-key.command.js';
import { decideRotateKey } from './rotate-key.decide.js';

export const ROTATE_KEY = 'members.RotateKey';
export const ATTEST_KEY_ROTATION = 'members.AttestKeyRotation';

type Rotated = { keyId: string; position: number };

/** The member rotates a key they still hold: the old key signs the act, the new key signs it too. */
export class RotateKeyRequest extends Command<Rotated> {
  constructor(
    readonly memberId: string,
    readonly publicKey: string,
    readonly possession: string,
    readonly act: ActDto,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

/** A verifier replaces a member's lost key: the verifier signs the act, the member's new key signs it too. */
export class AttestKeyRotationRequest extends Command<Rotated> {
  constructor(
    readonly memberId: string,
    readonly oldKeyId: string,
    readonly publicKey: string,
    readonly possession: string,
    readonly act: ActDto,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

/** Proof of possession: the new key signed exactly the act command that the act's signature covers. */
export function checkPossession(act: SignedAct, publicKey: string, possession: string): void {
  let ok = false;
  try {
    ok = verify(null, canonicalBytes(act.command), publicKeyFromRaw(publicKey), Buffer.from(possession, 'base64url'));
  } catch {
    ok = false;
  }
  if (!ok) throw new Unauthenticated('bad-possession', 'possession must be the signature of the new key over the same act; it does not verify');
}

@CommandHandler(RotateKeyRequest)
export class RotateKeyHandler implements ICommandHandler<RotateKeyRequest> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly members: ActingMembers,
  ) {}

  async execute(request: RotateKeyRequest): Promise<Rotated> {
    // signedBy checks the old key: registered, not rotated out, and the member may act.
    const { act } = await this.members.signedBy(request.memberId, ROTATE_KEY, { publicKey: request.publicKey }, request.act, request.meta.now);
    checkPossession(act, request.publicKey, request.possession);
    const rotate: RotateKey = {
      memberId: request.memberId,
      oldKeyId: request.act.keyId,
      publicKey: request.publicKey,
      possession: request.possession,
      attestation: { kind: 'old-key' },
      meta: request.meta,
    };
    const { position } = await this.aggregates.handle(memberStream(request.memberId), memberModel, (state) => decideRotateKey(state, rotate), request.meta, act);
    return { keyId: keyIdOf(request.publicKey), position };
  }
}

@CommandHandler(AttestKeyRotationRequest)
export class AttestKeyRotationHandler implements ICommandHandler<AttestKeyRotationRequest> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly members: ActingMembers,
  ) {}

  async execute(request: AttestKeyRotationRequest): Promise<Rotated> {
    const fields = { memberId: request.memberId, oldKeyId: request.oldKeyId, publicKey: request.publicKey };
    const { member: verifier, act } = await this.members.signedBy(request.meta.actor, ATTEST_KEY_ROTATION, fields, request.act, request.meta.now);
    checkPossession(act, request.publicKey, request.possession);
    const rotate: RotateKey = {
      memberId: request.memberId,
      oldKeyId: request.oldKeyId,
      publicKey: request.publicKey,
      possession: request.possession,
      attestation: { kind: 'verifier', verifierId: verifier.memberId, roles: verifier.roles },
      meta: request.meta,
    };
    const { position } = await this.aggregates.handle(memberStream(request.memberId), memberModel, (state) => decideRotateKey(state, rotate), request.meta, act);
    return { keyId: keyIdOf(request.publicKey), position };
  }
}
