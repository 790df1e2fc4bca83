import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { ActDto } from '../../../api/act.dto.js';
import { TOPIC_SLUG } from '../delegate-vote/delegate-vote.dto.js';

export class RevokeDelegationDto {
  @ApiPropertyOptional({ maxLength: 40, nullable: true, description: 'The topic delegation to revoke; absent or null: the general one.' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  @Matches(TOPIC_SLUG, { message: 'topic must be a lowercase slug such as public-space' })
  topic?: string | null;

  @ApiProperty({ type: ActDto, description: 'Signed over { command: "governance.RevokeDelegation", actor, topic (null for the general one), ... }.' })
  @IsDefined()
  @ValidateNested()
  @Type(() => ActDto)
  act!: ActDto;
}
