import type { SigningOrder, Visibility } from '../../../events/contracts/contract-events.js';
import type { CommandMeta } from '../../shared/command-meta.js';
import type { Participant } from '../../records/participant.js';
import type { TemplateVersion } from '../template.state.js';

/** A party as the drafter names it, with what the handler read from that member's stream (`null`: no such member). */
export interface NamedParty {
  memberId: string;
  role: string;
  member: { handle: string; verified: boolean } | null;
}

/** Draft a contract from one published template version: parties, their roles, the filled-in fields. */
export interface DraftContract {
  contractId: string;
  templateId: string;
  templateVersion: number;
  /** The template version, read from the template's stream; `null` when it is not published. */
  template: TemplateVersion | null;
  parties: readonly NamedParty[];
  signingOrder: SigningOrder;
  visibility: Visibility;
  values: Readonly<Record<string, unknown>>;
  salt: string;
  drafter: Participant;
  meta: CommandMeta;
}
