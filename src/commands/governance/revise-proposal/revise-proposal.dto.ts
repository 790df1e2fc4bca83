import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsString, Length, MaxLength, ValidateNested } from 'class-validator';
import { ActDto } from '../../../api/act.dto.js';
import { ProposalRulesDto } from '../draft-proposal/draft-proposal.dto.js';

export class ReviseProposalDto {
  @ApiProperty({ maxLength: 200 })
  @IsString()
  @Length(1, 200)
  title!: string;

  @ApiProperty({ maxLength: 20000 })
  @IsString()
  @MaxLength(20000)
  body!: string;

  @ApiProperty({ type: ProposalRulesDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => ProposalRulesDto)
  rules!: ProposalRulesDto;

  @ApiProperty({ type: ActDto, description: 'Signed over { command: "governance.ReviseProposal", actor, proposalId, title, bodySha256 (hex), rules, ... }.' })
  @IsDefined()
  @ValidateNested()
  @Type(() => ActDto)
  act!: ActDto;
}
