import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsISO8601, ValidateNested } from 'class-validator';
import { ActDto } from '../../../api/act.dto.js';

export class OpenProposalDto {
  @ApiProperty({ example: '2026-12-01T18:00:00Z', description: 'When voting ends: at least 60 s and at most 90 days ahead.' })
  @IsISO8601({ strict: true })
  closesAt!: string;

  @ApiProperty({ type: ActDto, description: 'Signed over { command: "governance.OpenProposal", actor, proposalId, closesAt, ... }.' })
  @IsDefined()
  @ValidateNested()
  @Type(() => ActDto)
  act!: ActDto;
}
