import { randomUUID, type KeyObject } from 'node:crypto';
import { signAct } from '../commands/shared/signed-act.js';
import { sha256 } from '../events/canonical.js';
import { CliError } from './cli-errors.js';

/** The `act` part of a request body, as the API expects it next to the command's fields. */
export interface ActJson {
  keyId: string;
  issuedAt: string;
  nonce: string;
  signature: string;
}

// The handlers' constants, spelled out: importing the handlers would load Nest and make `civic sign`
// take seconds. sign.spec.ts checks that these and the body digest agree with the handlers.
export const REGISTER_KEY = 'members.RegisterKey';
export const VERIFY_MEMBER = 'members.VerifyMember';
export const DRAFT_PROPOSAL = 'governance.DraftProposal';
export const OPEN_PROPOSAL = 'governance.OpenProposal';
export const CAST_VOTE = 'governance.CastVote';
export const REVISE_PROPOSAL = 'governance.ReviseProposal';
export const SUBMIT_PROPOSAL = 'governance.SubmitProposal';
export const WITHDRAW_PROPOSAL = 'governance.WithdrawProposal';
export const CANCEL_PROPOSAL = 'governance.CancelProposal';
export const POST_COMMENT = 'governance.PostComment';
export const RETRACT_COMMENT = 'governance.RetractComment';

/** What draftProposalSignedFields (draft-proposal.handler.ts) and postCommentSignedFields sign instead of the body. */
export function bodySha256(body: string): string {
  return sha256(body).toString('hex');
}

/**
 * Every member command that carries a signed act, with the fields its act signs: the request's
 * body fields and its path ids (e.g. the proposalId of POST /api/proposals/{proposalId}/votes).
 */
export const SIGNED_COMMANDS: Readonly<Record<string, { fields: readonly string[]; optional?: readonly string[]; request: string }>> = {
  [REGISTER_KEY]: { fields: ['publicKey'], request: 'POST /api/members/me/keys' },
  [VERIFY_MEMBER]: { fields: ['memberId'], request: 'POST /api/members/{memberId}/verification' },
  [DRAFT_PROPOSAL]: { fields: ['proposalId', 'title', 'bodySha256', 'rules'], optional: ['motion', 'topic'], request: 'POST /api/proposals' },
  [OPEN_PROPOSAL]: { fields: ['proposalId', 'closesAt'], request: 'POST /api/proposals/{proposalId}/open' },
  [CAST_VOTE]: { fields: ['proposalId', 'choice'], request: 'POST /api/proposals/{proposalId}/votes' },
  [REVISE_PROPOSAL]: { fields: ['proposalId', 'title', 'bodySha256', 'rules'], optional: ['motion', 'topic'], request: 'POST /api/proposals/{proposalId}/revisions' },
  'governance.DelegateVote': { fields: ['delegateId', 'topic'], request: 'POST /api/delegations' },
  'governance.RevokeDelegation': { fields: ['topic'], request: 'POST /api/delegations/revocations' },
  [SUBMIT_PROPOSAL]: { fields: ['proposalId'], request: 'POST /api/proposals/{proposalId}/submission' },
  [WITHDRAW_PROPOSAL]: { fields: ['proposalId'], request: 'POST /api/proposals/{proposalId}/withdrawal' },
  [CANCEL_PROPOSAL]: { fields: ['proposalId', 'reason'], request: 'POST /api/proposals/{proposalId}/cancellation' },
  [POST_COMMENT]: { fields: ['proposalId', 'commentId', 'parentId', 'bodySha256'], request: 'POST /api/proposals/{proposalId}/comments' },
  [RETRACT_COMMENT]: { fields: ['proposalId', 'commentId'], request: 'POST /api/proposals/{proposalId}/comments/{commentId}/retraction' },
  // Elections (docs/adr/0007-elections-counting.md).
  'governance.CallElection': { fields: ['electionId', 'title', 'role', 'seats', 'method', 'nominationsCloseAt', 'closesAt'], request: 'POST /api/elections' },
  'governance.DeclareCandidacy': { fields: ['electionId', 'statement'], request: 'POST /api/elections/{electionId}/candidacies' },
  'governance.WithdrawCandidacy': { fields: ['electionId'], request: 'POST /api/elections/{electionId}/candidacies/mine/withdrawal' },
  'governance.CastBallot': { fields: ['electionId', 'choices'], request: 'POST /api/elections/{electionId}/ballots' },
  // The member lifecycle (docs/adr/0011-member-lifecycle.md); a rotation also carries the new key's signature (`possession`) over the same act.
  'members.AttestKeyRotation': { fields: ['memberId', 'oldKeyId', 'publicKey'], request: 'POST /api/members/{memberId}/attested-key-rotations' },
  'members.Leave': { fields: [], request: 'POST /api/members/me/leave' },
  // Moderation and arbitration (docs/adr/0012-moderation-and-arbitration.md); `target` and `subject` are JSON objects.
  'moderation.ReportContent': { fields: ['reportId', 'target', 'category', 'note'], request: 'POST /api/moderation/reports' },
  'moderation.TakeAction': { fields: ['actionId', 'target', 'kind', 'rule', 'reason', 'until', 'resolves'], request: 'POST /api/moderation/actions' },
  'moderation.AppealAction': { fields: ['actionId', 'target', 'statement'], request: 'POST /api/moderation/actions/{actionId}/appeal' },
  'moderation.DecideAppeal': { fields: ['actionId', 'target', 'outcome', 'reason'], request: 'POST /api/moderation/actions/{actionId}/appeal/decision' },
  'arbitration.OpenCase': { fields: ['subject', 'arbiterId'], request: 'POST /api/arbitration/cases' },
  'arbitration.SubmitStatement': { fields: ['caseId', 'statement'], request: 'POST /api/arbitration/cases/{caseId}/statements' },
  'arbitration.DecideCase': { fields: ['caseId', 'outcome', 'rationale'], request: 'POST /api/arbitration/cases/{caseId}/decision' },
  // Records and contracts (docs/adr/0013-contract-documents-and-signatures.md): private values are signed by their salted commitments.
  'records.RecordTransaction': {
    fields: ['transactionId', 'payerId', 'payeeId', 'amountMinor', 'currency', 'rail', 'purpose', 'contractId', 'referenceCommitment'],
    request: 'POST /api/transactions',
  },
  'records.ConfirmTransaction': { fields: ['transactionId'], request: 'POST /api/transactions/{transactionId}/confirmation' },
  'records.DisputeTransaction': { fields: ['transactionId', 'reason'], request: 'POST /api/transactions/{transactionId}/dispute' },
  'contracts.PublishTemplate': { fields: ['templateId', 'version', 'kind', 'title', 'bodySha256', 'fields'], request: 'POST /api/contract-templates' },
  'contracts.DraftContract': {
    fields: ['contractId', 'templateId', 'templateVersion', 'parties', 'signingOrder', 'visibility', 'fieldsCommitment'],
    request: 'POST /api/contracts',
  },
  'contracts.SignContract': { fields: ['contractId', 'documentSha256'], request: 'POST /api/contracts/{contractId}/signatures' },
  'contracts.TerminateContract': { fields: ['contractId'], request: 'POST /api/contracts/{contractId}/termination' },
  'contracts.DisputeContract': { fields: ['contractId', 'reason'], request: 'POST /api/contracts/{contractId}/dispute' },
};

/** The commands whose act signs the digest of a body rather than the body itself (ADR 0004). */
const SIGNS_BODY_DIGEST: ReadonlySet<string> = new Set([DRAFT_PROPOSAL, REVISE_PROPOSAL, POST_COMMENT, 'contracts.PublishTemplate']);

const ENVELOPE = ['command', 'actor', 'keyId', 'issuedAt', 'nonce'];
/** What verifyAct accepts as issuedAt. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

export function parseFields(json: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw new CliError(`--fields is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new CliError('--fields must be a JSON object, e.g. {"proposalId":"...","choice":"yes"}');
  return value as Record<string, unknown>;
}

/** The fields as they are signed: for a draft, a revision or a comment, `body` becomes `bodySha256` (hex), as the API computes it. */
export function signedFields(command: string, fields: Record<string, unknown>): Record<string, unknown> {
  const spec = SIGNED_COMMANDS[command];
  if (!spec) throw new CliError(`unknown command "${command}"; signed commands: ${Object.keys(SIGNED_COMMANDS).join(', ')}`);
  for (const field of ENVELOPE) {
    if (Object.hasOwn(fields, field)) throw new CliError(`--fields must not contain "${field}": the act sets it`);
  }
  let signed = fields;
  if (SIGNS_BODY_DIGEST.has(command) && Object.hasOwn(fields, 'body')) {
    if (Object.hasOwn(fields, 'bodySha256')) throw new CliError('--fields: give either body or bodySha256, not both');
    if (typeof fields.body !== 'string') throw new CliError('--fields: body must be a string');
    const { body, ...rest } = fields;
    signed = { ...rest, bodySha256: bodySha256(body) };
  }
  const missing = spec.fields.filter((f) => !Object.hasOwn(signed, f));
  const extra = Object.keys(signed).filter((f) => !spec.fields.includes(f) && !(spec.optional ?? []).includes(f));
  if (missing.length > 0 || extra.length > 0) {
    const problems = [missing.length > 0 ? `missing ${missing.join(', ')}` : '', extra.length > 0 ? `unexpected ${extra.join(', ')}` : ''].filter(Boolean);
    const expected = SIGNS_BODY_DIGEST.has(command) ? spec.fields.join(', ').replace('bodySha256', 'body (or bodySha256)') : spec.fields.join(', ');
    throw new CliError(`--fields for ${command}: ${problems.join('; ')} (expected ${expected})`);
  }
  return signed;
}

export interface SignInput {
  command: string;
  actor: string;
  keyId: string;
  privateKey: KeyObject;
  fields: Record<string, unknown>;
  issuedAt?: string;
  nonce?: string;
}

export function signCommand(input: SignInput): ActJson {
  if (input.actor.trim() === '') throw new CliError('--actor must be a member id');
  const fields = signedFields(input.command, input.fields);
  const issuedAt = input.issuedAt ?? new Date().toISOString();
  if (!ISO_INSTANT.test(issuedAt) || Number.isNaN(Date.parse(issuedAt))) throw new CliError(`--issued-at "${issuedAt}" is not an ISO 8601 instant`);
  const nonce = input.nonce ?? randomUUID();
  if (nonce.length < 8 || nonce.length > 128) throw new CliError('--nonce must be 8 to 128 characters');
  const { signature } = signAct({ command: input.command, actor: input.actor, keyId: input.keyId, issuedAt, nonce, ...fields }, input.privateKey);
  return { keyId: input.keyId, issuedAt, nonce, signature };
}
