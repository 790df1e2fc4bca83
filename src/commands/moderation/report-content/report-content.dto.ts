import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsString, IsUUID, Length, ValidateNested } from 'class-validator';
import { ActDto } from '../../../api/act.dto.js';
import { REPORT_CATEGORIES, type ReportCategory } from '../../../events/moderation/moderation-events.js';
import { NOTE_MAX_CHARS } from '../../../events/moderation/moderation-schemas.js';
import { TargetDto } from '../target.dto.js';

export class ReportContentDto {
  @ApiProperty({ description: 'Chosen by the client (UUIDv7 recommended) so that it can be signed.' })
  @IsUUID()
  reportId!: string;

  @ApiProperty({ type: TargetDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => TargetDto)
  target!: TargetDto;

  @ApiProperty({ enum: REPORT_CATEGORIES })
  @IsIn(REPORT_CATEGORIES, { message: `category must be one of ${REPORT_CATEGORIES.join(', ')}` })
  category!: ReportCategory;

  @ApiProperty({ maxLength: NOTE_MAX_CHARS, description: 'What is wrong, for the moderators. It is kept on the public log: no personal data.' })
  @IsString()
  @Length(1, NOTE_MAX_CHARS)
  note!: string;

  @ApiProperty({ type: ActDto, description: 'Signed over { command: "moderation.ReportContent", actor, reportId, target, category, note, ... }.' })
  @IsDefined()
  @ValidateNested()
  @Type(() => ActDto)
  act!: ActDto;
}
