import type { Recorded } from '../../events/envelope.js';
import type { ContractKind, TemplateEvent, TemplateField } from '../../events/contracts/contract-events.js';

export interface TemplateVersion {
  templateId: string;
  version: number;
  kind: ContractKind;
  title: string;
  body: string;
  fields: readonly TemplateField[];
}

/** A template's own stream: its versions, 1, 2, 3, ... each immutable once published. */
export interface TemplateState {
  versions: readonly TemplateVersion[];
}

export const initialTemplateState: TemplateState = { versions: [] };

export function evolveTemplate(state: TemplateState, event: Recorded<TemplateEvent>): TemplateState {
  switch (event.type) {
    case 'contracts.TemplateVersionPublished': {
      // A version that is not the next one cannot come from the decider; the first one stands.
      if (event.data.version !== state.versions.length + 1) return state;
      const { templateId, version, kind, title, body, fields } = event.data;
      return { versions: [...state.versions, { templateId, version, kind, title, body, fields }] };
    }
    default: {
      const unhandled: never = event.type;
      throw new Error(`unhandled template event ${String(unhandled)}`);
    }
  }
}
