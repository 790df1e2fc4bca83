import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsString, Length, ValidateNested } from 'class-validator';
import { ActDto } from '../../../api/act.dto.js';
import { STATEMENT_MAX_CHARS } from '../../../events/arbitration/arbitration-schemas.js';

export class SubmitStatementDto {
  @ApiProperty({ maxLength: STATEMENT_MAX_CHARS, description: 'Your side of the dispute; on the public log: no personal data. Submitting again amends it.' })
  @IsString()
  @Length(1, STATEMENT_MAX_CHARS)
  statement!: string;

  @ApiProperty({ type: ActDto, description: 'Signed over { command: "arbitration.SubmitStatement", actor, caseId, statement, ... }.' })
  @IsDefined()
  @ValidateNested()
  @Type(() => ActDto)
  act!: ActDto;
}
