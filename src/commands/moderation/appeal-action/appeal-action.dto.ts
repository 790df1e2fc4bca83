import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsString, Length, ValidateNested } from 'class-validator';
import { ActDto } from '../../../api/act.dto.js';
import { STATEMENT_MAX_CHARS } from '../../../events/moderation/moderation-schemas.js';
import { TargetDto } from '../target.dto.js';

export class AppealActionDto {
  @ApiProperty({ type: TargetDto, description: 'The target the action was taken on, as the moderation log shows it.' })
  @IsDefined()
  @ValidateNested()
  @Type(() => TargetDto)
  target!: TargetDto;

  @ApiProperty({ maxLength: STATEMENT_MAX_CHARS, description: 'Why the action should be overturned; public.' })
  @IsString()
  @Length(1, STATEMENT_MAX_CHARS)
  statement!: string;

  @ApiProperty({ type: ActDto, description: 'Signed over { command: "moderation.AppealAction", actor, actionId, target, statement, ... }.' })
  @IsDefined()
  @ValidateNested()
  @Type(() => ActDto)
  act!: ActDto;
}
