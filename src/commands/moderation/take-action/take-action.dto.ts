import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDefined, IsIn, IsISO8601, IsString, IsUUID, Length, Matches, ValidateIf, ValidateNested } from 'class-validator';
import { ActDto } from '../../../api/act.dto.js';
import { ACTION_KINDS, type ActionKind } from '../../../events/moderation/moderation-events.js';
import { REASON_MAX_CHARS, RULE_MAX_CHARS } from '../../../events/moderation/moderation-schemas.js';
import { ISO_INSTANT } from '../../shared/signed-act.js';
import { TargetDto } from '../target.dto.js';

export class TakeActionDto {
  @ApiProperty({ description: 'Chosen by the client (UUIDv7 recommended) so that it can be signed.' })
  @IsUUID()
  actionId!: string;

  @ApiProperty({ type: TargetDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => TargetDto)
  target!: TargetDto;

  @ApiProperty({ enum: ACTION_KINDS, description: 'hide, remove, restore: content; suspend: a member; warn: either.' })
  @IsIn(ACTION_KINDS, { message: `kind must be one of ${ACTION_KINDS.join(', ')}` })
  kind!: ActionKind;

  @ApiProperty({ maxLength: RULE_MAX_CHARS, description: 'The community rule cited, e.g. "3.2 no personal attacks".' })
  @IsString()
  @Length(1, RULE_MAX_CHARS)
  rule!: string;

  @ApiProperty({ maxLength: REASON_MAX_CHARS, description: 'Public reason, on the moderation log forever.' })
  @IsString()
  @Length(1, REASON_MAX_CHARS)
  reason!: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'For a suspension: when it ends (ISO 8601 instant). Null otherwise.' })
  @ValidateIf((dto: TakeActionDto) => dto.until !== null && dto.until !== undefined)
  @IsISO8601({ strict: true })
  @Matches(ISO_INSTANT, { message: 'until must be an ISO 8601 instant with a time zone' })
  until?: string | null;

  @ApiProperty({ type: [String], description: 'Open reports on this target that the action resolves.' })
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID(undefined, { each: true })
  resolves!: string[];

  @ApiProperty({ type: ActDto, description: 'Signed over { command: "moderation.TakeAction", actor, actionId, target, kind, rule, reason, until, resolves, ... }.' })
  @IsDefined()
  @ValidateNested()
  @Type(() => ActDto)
  act!: ActDto;
}
