import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';
import { ActDto } from '../../../api/act.dto.js';

export class ProposalRulesDto {
  @ApiProperty({ minimum: 0, maximum: 10000, example: 2000, description: 'Share of the electorate that must vote, in basis points.' })
  @IsInt()
  @Min(0)
  @Max(10000)
  quorumBps!: number;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 9999,
    example: 5000,
    description:
      'Share of yes among yes+no that must be exceeded, in basis points. Required, except for a no-confidence motion: ' +
      'absent, it defaults to 6667 (two thirds), the least such a motion accepts. Signed as stated: an absent threshold is absent from the act.',
  })
  // Absent is decided with the motion (the decider names rules.thresholdBps when it is required); null is not absent.
  @ValidateIf((_rules: ProposalRulesDto, value: unknown) => value !== undefined)
  @IsInt()
  @Min(0)
  @Max(9999)
  thresholdBps?: number;

  @ApiProperty({ description: 'Whether voters may change their vote until the close.' })
  @IsBoolean()
  allowVoteChange!: boolean;
}

const MOTION_KIND_VALUES = ['general', 'grant-role', 'revoke-role', 'no-confidence'];
const ROLE_VALUES = ['steward', 'verifier', 'moderator', 'arbiter'];

/** What a passed proposal does: nothing but record the decision, or grant or take away a role. */
export class MotionDto {
  @ApiProperty({ enum: MOTION_KIND_VALUES, description: 'general, grant-role, revoke-role or no-confidence (threshold at least 6667; 6667 when rules.thresholdBps is absent).' })
  @IsIn(MOTION_KIND_VALUES)
  kind!: string;

  @ApiPropertyOptional({ description: 'The member the role motion is about (required unless general).' })
  @ValidateIf((m: MotionDto) => m.kind !== 'general' || m.memberId !== undefined)
  @IsUUID()
  memberId?: string;

  @ApiPropertyOptional({ enum: ROLE_VALUES, description: 'The role granted or taken away (required unless general).' })
  @ValidateIf((m: MotionDto) => m.kind !== 'general' || m.role !== undefined)
  @IsIn(ROLE_VALUES)
  role?: string;
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

  @ApiPropertyOptional({ type: MotionDto, description: 'Absent: a general proposal. Signed as stated.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => MotionDto)
  motion?: MotionDto;

  @ApiPropertyOptional({ maxLength: 40, example: 'budget', description: 'A slug; topic delegations follow it. Signed as stated.' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'topic must be a lowercase slug such as public-space' })
  topic?: string;
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
