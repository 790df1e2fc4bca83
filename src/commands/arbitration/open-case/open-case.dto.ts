import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsUUID, ValidateIf, ValidateNested } from 'class-validator';
import { ActDto } from '../../../api/act.dto.js';
import { SUBJECT_KINDS, type CaseSubject } from '../../../events/arbitration/arbitration-events.js';

export class SubjectDto {
  @ApiProperty({ enum: SUBJECT_KINDS })
  @IsIn(SUBJECT_KINDS, { message: `kind must be one of ${SUBJECT_KINDS.join(', ')}` })
  kind!: CaseSubject['kind'];

  @ApiProperty({ description: 'The disputed transaction or contract; it is also the case id.' })
  @IsUUID()
  id!: string;
}

export class OpenCaseDto {
  @ApiProperty({ type: SubjectDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => SubjectDto)
  subject!: SubjectDto;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'The arbiter a steward names; null or absent: chosen by rule (fewest open cases, then lowest id).' })
  @ValidateIf((dto: OpenCaseDto) => dto.arbiterId !== null && dto.arbiterId !== undefined)
  @IsUUID()
  arbiterId?: string | null;

  @ApiProperty({ type: ActDto, description: 'Signed over { command: "arbitration.OpenCase", actor, subject, arbiterId, ... }.' })
  @IsDefined()
  @ValidateNested()
  @Type(() => ActDto)
  act!: ActDto;
}
