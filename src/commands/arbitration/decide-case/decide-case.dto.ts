import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsString, Length, ValidateNested } from 'class-validator';
import { ActDto } from '../../../api/act.dto.js';
import { CASE_OUTCOMES, type CaseOutcome } from '../../../events/arbitration/arbitration-events.js';
import { RATIONALE_MAX_CHARS } from '../../../events/arbitration/arbitration-schemas.js';

export class DecideCaseDto {
  @ApiProperty({ enum: CASE_OUTCOMES, description: 'upheld: the dispute is right; rejected: it is not; split: partly, as the rationale says.' })
  @IsIn(CASE_OUTCOMES, { message: `outcome must be one of ${CASE_OUTCOMES.join(', ')}` })
  outcome!: CaseOutcome;

  @ApiProperty({ maxLength: RATIONALE_MAX_CHARS, description: 'Why; public, on the log forever.' })
  @IsString()
  @Length(1, RATIONALE_MAX_CHARS)
  rationale!: string;

  @ApiProperty({ type: ActDto, description: 'Signed over { command: "arbitration.DecideCase", actor, caseId, outcome, rationale, ... }.' })
  @IsDefined()
  @ValidateNested()
  @Type(() => ActDto)
  act!: ActDto;
}
