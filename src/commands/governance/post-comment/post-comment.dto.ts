import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsString, IsUUID, Length, ValidateIf, ValidateNested } from 'class-validator';
import { ActDto } from '../../../api/act.dto.js';

export class PostCommentDto {
  @ApiProperty({ description: 'Chosen by the client (UUIDv7 recommended) so that it can be signed.' })
  @IsUUID()
  commentId!: string;

  @ApiProperty({ type: String, nullable: true, description: 'The comment replied to, on the same proposal; null for a top-level comment.' })
  @ValidateIf((dto: PostCommentDto) => dto.parentId !== null)
  @IsUUID(undefined, { message: 'parentId must be a UUID or null' })
  parentId!: string | null;

  @ApiProperty({ maxLength: 4000 })
  @IsString()
  @Length(1, 4000)
  body!: string;

  @ApiProperty({ type: ActDto, description: 'Signed over { command: "governance.PostComment", actor, proposalId, commentId, parentId, bodySha256 (hex), ... }.' })
  @IsDefined()
  @ValidateNested()
  @Type(() => ActDto)
  act!: ActDto;
}
