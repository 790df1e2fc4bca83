import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsDefined, IsUUID, ValidateNested } from 'class-validator';
import { ActDto } from '../../../../api/act.dto.js';
import { MAX_CANDIDATES } from '../../../../events/governance/election-schemas.js';

export class CastBallotDto {
  @ApiProperty({
    type: [String],
    description: 'Candidate member ids: the approved ones (approval), or a ranking, most preferred first (irv, stv). Each at most once.',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_CANDIDATES)
  @ArrayUnique({ message: 'choices must not name a candidate twice' })
  @IsUUID('all', { each: true, message: 'each of choices must be a member id (UUID)' })
  choices!: string[];

  @ApiProperty({ type: ActDto, description: 'Signed over { command: "governance.CastBallot", actor, electionId, choices, ... }.' })
  @IsDefined()
  @ValidateNested()
  @Type(() => ActDto)
  act!: ActDto;
}
