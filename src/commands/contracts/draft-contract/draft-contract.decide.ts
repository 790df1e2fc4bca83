import type { ContractDrafted } from '../../../events/contracts/contract-events.js';
import { MAX_PARTIES, MIN_PARTIES, ROLE_MAX_CHARS } from '../../../events/contracts/contract-schemas.js';
import { charsBetween } from '../../../events/records/record-schemas.js';
import { Conflict, Forbidden, InvalidInput, NotFound, RuleBroken } from '../../shared/domain-errors.js';
import { decodeSalt } from '../../records/payment-reference.js';
import { documentSha256, renderContractDocument } from '../contract-document.js';
import type { ContractState } from '../contract.state.js';
import { checkFieldValues } from '../field-values.js';
import type { DraftContract } from './draft-contract.command.js';

/** The draft's document, rendered from the command; the decider and the handler render the same bytes. */
export function draftDocument(command: DraftContract): string {
  const { contractId, template, parties, signingOrder, values, salt } = command;
  if (template === null) throw new NotFound('template-version', `${command.templateId} version ${command.templateVersion}`);
  return renderContractDocument({
    contractId,
    template,
    parties: parties.map((p) => ({ memberId: p.memberId, role: p.role, handle: p.member?.handle ?? p.memberId })),
    signingOrder,
    values: checkFieldValues(template.fields, values),
    salt,
  });
}

export function decideDraftContract(state: ContractState, command: DraftContract): ContractDrafted[] {
  const { contractId, templateId, templateVersion, parties, signingOrder, visibility, drafter } = command;
  decodeSalt(command.salt, 'salt');
  if (parties.length < MIN_PARTIES || parties.length > MAX_PARTIES) throw new InvalidInput('parties', `a contract has ${MIN_PARTIES}-${MAX_PARTIES} parties`);
  const seen = new Set<string>();
  parties.forEach((party, i) => {
    if (seen.has(party.memberId)) throw new InvalidInput(`parties[${i}].memberId`, `member ${party.memberId} is listed twice`);
    seen.add(party.memberId);
    if (!charsBetween(party.role, 1, ROLE_MAX_CHARS)) throw new InvalidInput(`parties[${i}].role`, `role must be 1-${ROLE_MAX_CHARS} characters`);
  });
  const document = draftDocument(command);
  if (state.status !== 'none') throw new Conflict('contract-exists', `contract ${contractId} is already drafted`);
  if (!drafter.verified) throw new RuleBroken('member-not-verified', 'only verified members may draft contracts');
  if (!seen.has(drafter.memberId)) throw new Forbidden('not-a-party', 'a member drafts only contracts they are a party to');
  for (const party of parties) {
    if (party.member === null) throw new NotFound('member', party.memberId);
    if (!party.member.verified) throw new RuleBroken('party-not-verified', `party ${party.memberId} is not a verified member`);
  }
  return [
    {
      type: 'contracts.ContractDrafted',
      data: {
        contractId,
        templateId,
        templateVersion,
        draftedBy: drafter.memberId,
        parties: parties.map((p) => ({ memberId: p.memberId, role: p.role })),
        signingOrder,
        visibility,
        documentSha256: documentSha256(document),
      },
    },
  ];
}
