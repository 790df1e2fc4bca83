import type { ModerationEvent } from '../../events/moderation/moderation-events.js';
import type { WriteModel } from '../shared/aggregate-store.js';
import { evolveModerationCase, initialModerationCase, type ModerationCase } from './moderation.state.js';

export const moderationModel: WriteModel<ModerationCase, ModerationEvent> = { initialState: initialModerationCase, evolve: evolveModerationCase };
