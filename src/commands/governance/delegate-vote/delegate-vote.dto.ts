import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateNested } from 'class-validator';
import { ActDto } from '../../../api/act.dto.js';

export const TOPIC_SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export class DelegateVoteDto {
  @ApiProperty({ description: 'The member who will carry this vote.' })
  @IsUUID()
  delegateId!: string;

  @ApiPropertyOptional({ maxLength: 40, nullable: true, example: 'budget', description: 'Only proposals of this topic; absent or null: every proposal.' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  @Matches(TOPIC_SLUG, { message: 'topic must be a lowercase slug such as public-space' })
  topic?: string | null;

  @ApiProperty({ type: ActDto, description: 'Signed over { command: "governance.DelegateVote", actor, delegateId, topic (null for all proposals), ... }.' })
  @IsDefined()
  @ValidateNested()
  @Type(() => ActDto)
  act!: ActDto;
}
