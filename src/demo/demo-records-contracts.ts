import { randomBytes, randomUUID, sign, type KeyObject } from 'node:crypto';
import type { CommandBus } from '@nestjs/cqrs';
import type { ActDto } from '../api/act.dto.js';
import { documentSha256, documentSigningMessage, renderContractDocument } from '../commands/contracts/contract-document.js';
import { DRAFT_CONTRACT, DraftContractRequest, draftContractSignedFields, type DraftContractFields } from '../commands/contracts/draft-contract/draft-contract.handler.js';
import { checkFieldValues } from '../commands/contracts/field-values.js';
import { PUBLISH_TEMPLATE, PublishTemplateRequest, publishTemplateSignedFields, type PublishTemplateFields } from '../commands/contracts/publish-template/publish-template.handler.js';
import { SIGN_CONTRACT, SignContractRequest } from '../commands/contracts/sign-contract/sign-contract.handler.js';
import { CONFIRM_TRANSACTION, ConfirmTransactionRequest } from '../commands/records/confirm-transaction/confirm-transaction.handler.js';
import { DISPUTE_TRANSACTION, DisputeTransactionRequest } from '../commands/records/dispute-transaction/dispute-transaction.handler.js';
import { RECORD_TRANSACTION, RecordTransactionRequest, recordTransactionSignedFields, type RecordTransactionFields } from '../commands/records/record-transaction/record-transaction.handler.js';
import { metaAt } from '../commands/shared/command-meta.js';
import { DECIDE_CASE, DecideCaseRequest } from '../commands/arbitration/decide-case/decide-case.handler.js';
import { OPEN_CASE, OpenCaseRequest, openCaseSignedFields } from '../commands/arbitration/open-case/open-case.handler.js';
import { SUBMIT_STATEMENT, SubmitStatementRequest } from '../commands/arbitration/submit-statement/submit-statement.handler.js';
import type { DemoStep } from './demo-election.js';

type Member = { memberId: string; handle: string; privateKey: KeyObject };

/** What the demo seed lends these steps: its members, signing, and its simulated time. */
export interface DemoRecordsContext<M extends Member> {
  commands: CommandBus;
  memberNamed(handle: string): M;
  act(member: M, command: string, fields: Record<string, unknown>, at: Date): ActDto;
  tick(): Date;
  dayAt(day: number): Date;
}

const RENTAL: Omit<PublishTemplateFields, 'templateId'> = {
  version: 1,
  kind: 'rental',
  title: 'Workshop bench rental',
  body: 'The owner lets {{premises}} to the renter for {{months}} months from {{startDate}}, at {{rent}} a month, paid by bank transfer.',
  fields: [
    { name: 'premises', label: 'Premises', type: 'string', required: true },
    { name: 'rent', label: 'Monthly rent', type: 'money', required: true },
    { name: 'startDate', label: 'Start date', type: 'date', required: true },
    { name: 'months', label: 'Term in months', type: 'integer', required: true },
  ],
};

/**
 * asha publishes a rental template; ben lets a workshop bench to chen under an executed contract
 * (signed in order), chen records the first month's rent and ben confirms it; dara records a
 * payment to eli that eli disputes. The steward asha takes the dispute to arbitration before
 * farah (an arbiter since the passed motion of day 14); both parties state their side and farah
 * decides. hana records a cash payment to gus that gus has not answered: it shows unconfirmed.
 */
export function demoRecordsAndContractsSteps<M extends Member>(ctx: DemoRecordsContext<M>, firstOrder: number): DemoStep[] {
  const { commands, memberNamed, act, tick, dayAt } = ctx;
  const [asha, ben, chen, dara, eli, farah, gus, hana] = ['asha', 'ben', 'chen', 'dara', 'eli', 'farah', 'gus', 'hana'].map(memberNamed) as [M, M, M, M, M, M, M, M];
  let order = firstOrder;
  const steps: DemoStep[] = [];
  const step = (at: Date, run: () => Promise<void>): void => void steps.push({ at, order: order++, run });
  const template: PublishTemplateFields = { templateId: randomUUID(), ...RENTAL };
  const contract: DraftContractFields = {
    contractId: randomUUID(),
    templateId: template.templateId,
    templateVersion: 1,
    parties: [
      { memberId: ben.memberId, role: 'owner' },
      { memberId: chen.memberId, role: 'renter' },
    ],
    signingOrder: 'sequential',
    visibility: 'private',
    values: { premises: 'Bench 2 of the repair café workshop', rent: { amountMinor: 4500, currency: 'EUR' }, startDate: '2030-01-01', months: 6 },
    salt: randomBytes(32).toString('base64url'),
  };
  // The same rendering the draft's handler does, so the parties can sign the hash it logs.
  const sha256 = documentSha256(
    renderContractDocument({
      contractId: contract.contractId,
      template: { templateId: template.templateId, version: 1, kind: template.kind, title: template.title, body: template.body, fields: template.fields },
      parties: [
        { ...contract.parties[0]!, handle: ben.handle },
        { ...contract.parties[1]!, handle: chen.handle },
      ],
      signingOrder: contract.signingOrder,
      values: checkFieldValues(template.fields, contract.values),
      salt: contract.salt,
    }),
  );

  step(dayAt(12), async () => {
    const at = tick();
    await commands.execute(new PublishTemplateRequest(template, act(asha, PUBLISH_TEMPLATE, publishTemplateSignedFields(template), at), metaAt(asha.memberId, at)));
  });
  step(dayAt(13), async () => {
    const at = tick();
    await commands.execute(new DraftContractRequest(contract, act(ben, DRAFT_CONTRACT, draftContractSignedFields(contract), at), metaAt(ben.memberId, at)));
    for (const party of [ben, chen]) {
      const signedAt = tick();
      const signature = sign(null, documentSigningMessage(sha256), party.privateKey).toString('base64url');
      const fields = { contractId: contract.contractId, documentSha256: sha256 };
      await commands.execute(new SignContractRequest(contract.contractId, sha256, signature, act(party, SIGN_CONTRACT, fields, signedAt), metaAt(party.memberId, signedAt)));
    }
  });

  const rent: RecordTransactionFields = {
    transactionId: randomUUID(),
    payerId: chen.memberId,
    payeeId: ben.memberId,
    amountMinor: 4500,
    currency: 'EUR',
    rail: 'sepa',
    purpose: 'Bench rent, first month',
    contractId: contract.contractId,
    paymentReference: { reference: 'SEPA 2030-01-0042', salt: randomBytes(32).toString('base64url') },
  };
  const loan: RecordTransactionFields = {
    transactionId: randomUUID(),
    payerId: dara.memberId,
    payeeId: eli.memberId,
    amountMinor: 250000,
    currency: 'INR',
    rail: 'upi',
    purpose: 'Share of the seed order',
    contractId: null,
    paymentReference: null,
  };
  const paint: RecordTransactionFields = {
    transactionId: randomUUID(),
    payerId: hana.memberId,
    payeeId: gus.memberId,
    amountMinor: 1800,
    currency: 'EUR',
    rail: 'cash',
    purpose: 'Paint for the hall doors',
    contractId: null,
    paymentReference: null,
  };
  const record = async (recorder: M, fields: RecordTransactionFields): Promise<void> => {
    const at = tick();
    await commands.execute(new RecordTransactionRequest(fields, act(recorder, RECORD_TRANSACTION, recordTransactionSignedFields(fields), at), metaAt(recorder.memberId, at)));
  };
  step(dayAt(14), async () => {
    await record(chen, rent);
    const at = tick();
    await commands.execute(new ConfirmTransactionRequest(rent.transactionId, act(ben, CONFIRM_TRANSACTION, { transactionId: rent.transactionId }, at), metaAt(ben.memberId, at)));
  });
  step(dayAt(15), async () => {
    await record(dara, loan);
    const at = tick();
    const reason = 'No UPI payment from dara reached my account';
    await commands.execute(
      new DisputeTransactionRequest(loan.transactionId, reason, act(eli, DISPUTE_TRANSACTION, { transactionId: loan.transactionId, reason }, at), metaAt(eli.memberId, at)),
    );
  });
  step(dayAt(15.2), async () => {
    await record(hana, paint);
  });
  const caseId = loan.transactionId;
  step(dayAt(15.3), async () => {
    const fields = { subject: { kind: 'transaction' as const, id: loan.transactionId }, arbiterId: farah.memberId };
    const at = tick();
    await commands.execute(new OpenCaseRequest(fields.subject, fields.arbiterId, act(asha, OPEN_CASE, openCaseSignedFields(fields), at), metaAt(asha.memberId, at)));
  });
  const statements: readonly (readonly [M, string])[] = [
    [dara, 'I paid eli 2,500 rupees by UPI on the evening of the seed order; my bank app shows the transfer as completed.'],
    [eli, 'Nothing from dara arrived on my UPI id that week; my statement shows no incoming payment of that amount.'],
  ];
  statements.forEach(([party, statement], i) => {
    step(dayAt(15.5 + i * 0.2), async () => {
      const at = tick();
      await commands.execute(new SubmitStatementRequest(caseId, statement, act(party, SUBMIT_STATEMENT, { caseId, statement }, at), metaAt(party.memberId, at)));
    });
  });
  step(dayAt(16), async () => {
    const outcome = 'split' as const;
    const rationale = "dara's app shows a transfer to a mistyped UPI id, so eli never received it: the record stays, marked as not received, and dara asks her bank to reverse the transfer.";
    const at = tick();
    await commands.execute(new DecideCaseRequest(caseId, outcome, rationale, act(farah, DECIDE_CASE, { caseId, outcome, rationale }, at), metaAt(farah.memberId, at)));
  });
  return steps;
}
