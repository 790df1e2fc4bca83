import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsISO8601, Matches, ValidateNested } from 'class-validator';
import { ActDto } from '../../../api/act.dto.js';
import { ISO_INSTANT } from '../../shared/signed-act.js';

export class OpenProposalDto {
  @ApiProperty({ example: '2026-12-01T18:00:00Z', description: 'When voting ends: at least 60 s and at most 90 days ahead.' })
  @IsISO8601({ strict: true })
  // Without a zone, `new Date()` would read it in the server's time zone: the deadline must not depend on it.
  @Matches(ISO_INSTANT, { message: 'closesAt must be an ISO 8601 instant with a time zone, e.g. 2026-12-01T18:00:00Z' })
  closesAt!: string;

  @ApiProperty({ type: ActDto, description: 'Signed over { command: "governance.OpenProposal", actor, proposalId, closesAt, ... }.' })
  @IsDefined()
  @ValidateNested()
  @Type(() => ActDto)
  act!: ActDto;
}
