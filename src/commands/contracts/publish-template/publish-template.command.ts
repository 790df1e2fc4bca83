import type { ContractKind, TemplateField } from '../../../events/contracts/contract-events.js';
import type { Role } from '../../../events/members/member-events.js';
import type { CommandMeta } from '../../shared/command-meta.js';

/** A steward publishes the next version of a template (version 1 creates it). */
export interface PublishTemplate {
  templateId: string;
  version: number;
  kind: ContractKind;
  title: string;
  body: string;
  fields: readonly TemplateField[];
  publisher: { memberId: string; roles: readonly Role[] };
  meta: CommandMeta;
}
