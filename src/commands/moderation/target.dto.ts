import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsUUID, ValidateIf } from 'class-validator';
import { TARGET_KINDS, type ModerationTarget } from '../../events/moderation/moderation-events.js';

/** The target of a report or an action, as a request names it; `toTarget` keeps only the ids its kind uses. */
export class TargetDto {
  @ApiProperty({ enum: TARGET_KINDS })
  @IsIn(TARGET_KINDS, { message: `kind must be one of ${TARGET_KINDS.join(', ')}` })
  kind!: ModerationTarget['kind'];

  @ApiPropertyOptional({ description: 'For a proposal, or the proposal a comment belongs to.' })
  @ValidateIf((t: TargetDto) => t.kind === 'proposal' || t.kind === 'comment')
  @IsUUID()
  proposalId?: string;

  @ApiPropertyOptional({ description: 'For a comment.' })
  @ValidateIf((t: TargetDto) => t.kind === 'comment')
  @IsUUID()
  commentId?: string;

  @ApiPropertyOptional({ description: 'For a member.' })
  @ValidateIf((t: TargetDto) => t.kind === 'member')
  @IsUUID()
  memberId?: string;
}

export function toTarget(dto: TargetDto): ModerationTarget {
  switch (dto.kind) {
    case 'proposal':
      return { kind: 'proposal', proposalId: dto.proposalId! };
    case 'comment':
      return { kind: 'comment', proposalId: dto.proposalId!, commentId: dto.commentId! };
    case 'member':
      return { kind: 'member', memberId: dto.memberId! };
    default: {
      const unhandled: never = dto.kind;
      throw new Error(`unhandled moderation target ${String(unhandled)}`);
    }
  }
}
