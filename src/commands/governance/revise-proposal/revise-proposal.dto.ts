import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, ValidateNested } from 'class-validator';
import { ActDto } from '../../../api/act.dto.js';
import { ProposalContentDto } from '../draft-proposal/draft-proposal.dto.js';

export class ReviseProposalDto extends ProposalContentDto {
  @ApiProperty({ type: ActDto, description: 'Signed over { command: "governance.ReviseProposal", actor, proposalId, title, bodySha256 (hex), rules, ... }.' })
  @IsDefined()
  @ValidateNested()
  @Type(() => ActDto)
  act!: ActDto;
}
