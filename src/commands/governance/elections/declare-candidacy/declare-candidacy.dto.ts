import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsString, MaxLength, ValidateNested } from 'class-validator';
import { ActDto } from '../../../../api/act.dto.js';
import { STATEMENT_MAX_CHARS } from '../../../../events/governance/election-schemas.js';

export class DeclareCandidacyDto {
  @ApiProperty({ maxLength: STATEMENT_MAX_CHARS, description: 'A public statement of the candidate (may be empty).' })
  @IsString()
  @MaxLength(STATEMENT_MAX_CHARS)
  statement!: string;

  @ApiProperty({ type: ActDto, description: 'Signed over { command: "governance.DeclareCandidacy", actor, electionId, statement, ... }.' })
  @IsDefined()
  @ValidateNested()
  @Type(() => ActDto)
  act!: ActDto;
}
