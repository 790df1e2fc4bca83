import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsInt, IsString, IsUUID, Length, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ActDto } from '../../../api/act.dto.js';

export class ProposalRulesDto {
  @ApiProperty({ minimum: 0, maximum: 10000, example: 2000, description: 'Share of the electorate that must vote, in basis points.' })
  @IsInt()
  @Min(0)
  @Max(10000)
  quorumBps!: number;

  @ApiProperty({ minimum: 0, maximum: 9999, example: 5000, description: 'Share of yes among yes+no that must be exceeded, in basis points.' })
  @IsInt()
  @Min(0)
  @Max(9999)
  thresholdBps!: number;

  @ApiProperty({ description: 'Whether voters may change their vote until the close.' })
  @IsBoolean()
  allowVoteChange!: boolean;
}

/** What a draft and its revisions state: title, body and rules. */
export class ProposalContentDto {
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
}

export class DraftProposalDto extends ProposalContentDto {
  @ApiProperty({ description: 'Chosen by the client (UUIDv7 recommended) so that it can be signed.' })
  @IsUUID()
  proposalId!: string;

  @ApiProperty({ type: ActDto, description: 'Signed over { command: "governance.DraftProposal", actor, proposalId, title, bodySha256 (hex), rules, ... }.' })
  @IsDefined()
  @ValidateNested()
  @Type(() => ActDto)
  act!: ActDto;
}
