import type { CommentEvent } from '../../events/governance/comment-events.js';
import type { WriteModel } from '../shared/aggregate-store.js';
import { evolveCommentThread, initialCommentThread, type CommentThread } from './comments.state.js';

export const commentsModel: WriteModel<CommentThread, CommentEvent> = { initialState: initialCommentThread, evolve: evolveCommentThread };
