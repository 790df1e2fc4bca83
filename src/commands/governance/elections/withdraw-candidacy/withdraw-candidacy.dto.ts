import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, ValidateNested } from 'class-validator';
import { ActDto } from '../../../../api/act.dto.js';

export class WithdrawCandidacyDto {
  @ApiProperty({ type: ActDto, description: 'Signed over { command: "governance.WithdrawCandidacy", actor, electionId, ... }.' })
  @IsDefined()
  @ValidateNested()
  @Type(() => ActDto)
  act!: ActDto;
}
