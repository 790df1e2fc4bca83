import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsString, Length, ValidateNested } from 'class-validator';
import { ActDto } from '../../../api/act.dto.js';
import { VERIFICATION_METHODS, type VerificationMethod } from '../../../events/members/member-events.js';

/** Private evidence: stored off the log; the log gets the method and a salted commitment. */
export class EvidenceDto {
  @ApiProperty({ enum: VERIFICATION_METHODS })
  @IsIn(VERIFICATION_METHODS, { message: `method must be one of ${VERIFICATION_METHODS.join(', ')}` })
  method!: VerificationMethod;

  @ApiProperty({ minLength: 1, maxLength: 2000, description: 'Private: what was checked, a reference. Never published.' })
  @IsString()
  @Length(1, 2000, { message: 'description must be 1 to 2000 characters' })
  description!: string;
}

export class VerifyMemberDto {
  @ApiProperty({ type: EvidenceDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => EvidenceDto)
  evidence!: EvidenceDto;

  @ApiProperty({
    type: ActDto,
    description: 'Signed by the verifier over { command: "members.VerifyMember", actor, memberId, ... }. The evidence is not signed: the act is public.',
  })
  @IsDefined()
  @ValidateNested()
  @Type(() => ActDto)
  act!: ActDto;
}
