import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsString, Length, ValidateNested } from 'class-validator';
import { ActDto } from '../../../api/act.dto.js';

export class CancelProposalDto {
  @ApiProperty({ maxLength: 1000, description: 'Why the proposal is cancelled: public, on the log forever.' })
  @IsString()
  @Length(1, 1000)
  reason!: string;

  @ApiProperty({ type: ActDto, description: 'Signed over { command: "governance.CancelProposal", actor, proposalId, reason, ... }.' })
  @IsDefined()
  @ValidateNested()
  @Type(() => ActDto)
  act!: ActDto;
}
