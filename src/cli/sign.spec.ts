import { generateKeyPairSync } from 'node:crypto';
import { CAST_VOTE as HANDLER_CAST_VOTE } from '../commands/governance/cast-vote/cast-vote.handler.js';
import { DRAFT_PROPOSAL as HANDLER_DRAFT_PROPOSAL, draftProposalSignedFields } from '../commands/governance/draft-proposal/draft-proposal.handler.js';
import { OPEN_PROPOSAL as HANDLER_OPEN_PROPOSAL } from '../commands/governance/open-proposal/open-proposal.handler.js';
import { CANCEL_PROPOSAL as HANDLER_CANCEL_PROPOSAL } from '../commands/governance/cancel-proposal/cancel-proposal.handler.js';
import { POST_COMMENT as HANDLER_POST_COMMENT, postCommentSignedFields } from '../commands/governance/post-comment/post-comment.handler.js';
import { RETRACT_COMMENT as HANDLER_RETRACT_COMMENT } from '../commands/governance/retract-comment/retract-comment.handler.js';
import { REVISE_PROPOSAL as HANDLER_REVISE_PROPOSAL, reviseProposalSignedFields } from '../commands/governance/revise-proposal/revise-proposal.handler.js';
import { SUBMIT_PROPOSAL as HANDLER_SUBMIT_PROPOSAL } from '../commands/governance/submit-proposal/submit-proposal.handler.js';
import { WITHDRAW_PROPOSAL as HANDLER_WITHDRAW_PROPOSAL } from '../commands/governance/withdraw-proposal/withdraw-proposal.handler.js';
import { REGISTER_KEY as HANDLER_REGISTER_KEY } from '../commands/members/register-key/register-key.handler.js';
import { VERIFY_MEMBER as HANDLER_VERIFY_MEMBER } from '../commands/members/verify-member/verify-member.handler.js';
import { keyIdOf, rawPublicKey, verifyAct } from '../commands/shared/signed-act.js';
import { CliError } from './cli-errors.js';
import {
  CANCEL_PROPOSAL,
  CAST_VOTE,
  DRAFT_PROPOSAL,
  OPEN_PROPOSAL,
  parseFields,
  POST_COMMENT,
  REGISTER_KEY,
  RETRACT_COMMENT,
  REVISE_PROPOSAL,
  signCommand,
  signedFields,
  SIGNED_COMMANDS,
  SUBMIT_PROPOSAL,
  VERIFY_MEMBER,
  WITHDRAW_PROPOSAL,
} from './sign.js';

const { privateKey } = generateKeyPairSync('ed25519');
const publicKey = rawPublicKey(privateKey);
const keyId = keyIdOf(publicKey);

it('spells the command types as the handlers do', () => {
  expect([REGISTER_KEY, VERIFY_MEMBER, DRAFT_PROPOSAL, OPEN_PROPOSAL, CAST_VOTE]).toEqual([
    HANDLER_REGISTER_KEY,
    HANDLER_VERIFY_MEMBER,
    HANDLER_DRAFT_PROPOSAL,
    HANDLER_OPEN_PROPOSAL,
    HANDLER_CAST_VOTE,
  ]);
});

it('spells the proposal lifecycle and discussion commands as the handlers do, and lists each as signed', () => {
  const ours = [REVISE_PROPOSAL, SUBMIT_PROPOSAL, WITHDRAW_PROPOSAL, CANCEL_PROPOSAL, POST_COMMENT, RETRACT_COMMENT];
  expect(ours).toEqual([
    HANDLER_REVISE_PROPOSAL,
    HANDLER_SUBMIT_PROPOSAL,
    HANDLER_WITHDRAW_PROPOSAL,
    HANDLER_CANCEL_PROPOSAL,
    HANDLER_POST_COMMENT,
    HANDLER_RETRACT_COMMENT,
  ]);
  for (const command of ours) expect(SIGNED_COMMANDS).toHaveProperty([command]);
});

it('signs a revised body and a comment body by their digest, exactly as the handlers check them', () => {
  const revision = { proposalId: '0190c6f3-0000-7000-8000-000000000001', title: 'Paint it', body: 'Grün.', rules: { quorumBps: 1000, thresholdBps: 5000, allowVoteChange: true } };
  expect(signedFields(REVISE_PROPOSAL, revision)).toEqual(reviseProposalSignedFields(revision));
  const comment = { proposalId: '0190c6f3-0000-7000-8000-000000000001', commentId: '0190c6f3-0000-7000-8000-000000000002', parentId: null, body: 'Why green?' };
  expect(signedFields(POST_COMMENT, comment)).toEqual(postCommentSignedFields(comment));
  expect(signedFields(CANCEL_PROPOSAL, { proposalId: 'p', reason: 'Spam.' })).toEqual({ proposalId: 'p', reason: 'Spam.' });
  expect(() => signedFields(RETRACT_COMMENT, { proposalId: 'p' })).toThrow(/missing commentId/);
});

it('signs a draft body by its digest, exactly as the draft handler checks it', () => {
  const draft = { proposalId: '0190c6f3-0000-7000-8000-000000000001', title: 'Paint', body: 'Grün, bitte.\n', rules: { quorumBps: 1000, thresholdBps: 5000, allowVoteChange: true } };
  expect(signedFields(DRAFT_PROPOSAL, draft)).toEqual(draftProposalSignedFields(draft));
  const act = signCommand({ command: DRAFT_PROPOSAL, actor: 'member-1', keyId, privateKey, fields: draft });
  const signed = { command: { command: DRAFT_PROPOSAL, actor: 'member-1', keyId: act.keyId, issuedAt: act.issuedAt, nonce: act.nonce, ...draftProposalSignedFields(draft) }, signature: act.signature };
  expect(() => verifyAct(signed, { command: DRAFT_PROPOSAL, actor: 'member-1', fields: draftProposalSignedFields(draft) }, { [keyId]: publicKey }, new Date(), 300)).not.toThrow();
});

it.each([
  ['not JSON', '{"choice": yes}', /not valid JSON/],
  ['not an object', '["yes"]', /must be a JSON object/],
])('refuses --fields that is %s', (_label, json, message) => {
  expect(() => parseFields(json)).toThrow(CliError);
  expect(() => parseFields(json)).toThrow(message);
});

it.each([
  ['an unknown command', 'governance.Vote', { proposalId: 'p', choice: 'yes' }, /unknown command "governance.Vote"/],
  ['a missing path id', CAST_VOTE, { choice: 'yes' }, /missing proposalId/],
  ['an unexpected field', CAST_VOTE, { proposalId: 'p', choice: 'yes', comment: 'x' }, /unexpected comment/],
  ['an envelope field', CAST_VOTE, { proposalId: 'p', choice: 'yes', nonce: 'n-12345678' }, /must not contain "nonce"/],
  ['both body and its digest', DRAFT_PROPOSAL, { proposalId: 'p', title: 't', body: 'b', bodySha256: 'x', rules: {} }, /either body or bodySha256/],
])('refuses %s', (_label, command, fields, message) => {
  expect(() => signedFields(command, fields)).toThrow(message);
});
