import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, ValidateNested } from 'class-validator';
import { ActDto } from '../../../api/act.dto.js';
import { VOTE_CHOICES, type VoteChoice } from '../../../events/governance/proposal-events.js';

export class CastVoteDto {
  @ApiProperty({ enum: VOTE_CHOICES })
  @IsIn(VOTE_CHOICES, { message: `choice must be one of ${VOTE_CHOICES.join(', ')}` })
  choice!: VoteChoice;

  @ApiProperty({ type: ActDto, description: 'Signed over { command: "governance.CastVote", actor, proposalId, choice, ... }.' })
  @IsDefined()
  @ValidateNested()
  @Type(() => ActDto)
  act!: ActDto;
}
