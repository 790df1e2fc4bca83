import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, ValidateNested } from 'class-validator';
import { ActDto } from '../../../api/act.dto.js';

export class VerifyMemberDto {
  @ApiProperty({ type: ActDto, description: 'Signed by the verifier over { command: "members.VerifyMember", actor, memberId, ... }.' })
  @IsDefined()
  @ValidateNested()
  @Type(() => ActDto)
  act!: ActDto;
}
