import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsString, Length, ValidateNested } from 'class-validator';
import { ActDto } from '../../../api/act.dto.js';
import { APPEAL_OUTCOMES, type AppealOutcome } from '../../../events/moderation/moderation-events.js';
import { REASON_MAX_CHARS } from '../../../events/moderation/moderation-schemas.js';
import { TargetDto } from '../target.dto.js';

export class DecideAppealDto {
  @ApiProperty({ type: TargetDto, description: 'The target the action was taken on.' })
  @IsDefined()
  @ValidateNested()
  @Type(() => TargetDto)
  target!: TargetDto;

  @ApiProperty({ enum: APPEAL_OUTCOMES, description: '`upheld`: the action stands; `overturned`: it is reversed.' })
  @IsIn(APPEAL_OUTCOMES, { message: `outcome must be one of ${APPEAL_OUTCOMES.join(', ')}` })
  outcome!: AppealOutcome;

  @ApiProperty({ maxLength: REASON_MAX_CHARS, description: 'Public reason, on the moderation log forever.' })
  @IsString()
  @Length(1, REASON_MAX_CHARS)
  reason!: string;

  @ApiProperty({ type: ActDto, description: 'Signed over { command: "moderation.DecideAppeal", actor, actionId, target, outcome, reason, ... }.' })
  @IsDefined()
  @ValidateNested()
  @Type(() => ActDto)
  act!: ActDto;
}
