import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsInt, IsISO8601, IsString, IsUUID, Length, Matches, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import { ActDto } from '../../../../api/act.dto.js';
import { ELECTION_METHODS, type ElectionMethod } from '../../../../events/governance/election-events.js';
import { MAX_SEATS } from '../../../../events/governance/election-schemas.js';
import { ROLES, type Role } from '../../../../events/members/member-events.js';
import { ISO_INSTANT } from '../../../shared/signed-act.js';

export class CallElectionDto {
  @ApiProperty({ description: 'Chosen by the client (UUIDv7 recommended) so that it can be signed.' })
  @IsUUID()
  electionId!: string;

  @ApiProperty({ maxLength: 200, example: 'Moderators 2027' })
  @IsString()
  @Length(1, 200)
  title!: string;

  @ApiProperty({ enum: ROLES, nullable: true, description: 'The role the winners receive, or null for a seat the title names.' })
  @ValidateIf((o: CallElectionDto) => o.role !== null)
  @IsIn(ROLES, { message: `role must be null or one of ${ROLES.join(', ')}` })
  role!: Role | null;

  @ApiProperty({ minimum: 1, maximum: MAX_SEATS })
  @IsInt()
  @Min(1)
  @Max(MAX_SEATS)
  seats!: number;

  @ApiProperty({ enum: ELECTION_METHODS, description: 'approval; irv (instant runoff, one seat); stv (single transferable vote).' })
  @IsIn(ELECTION_METHODS, { message: `method must be one of ${ELECTION_METHODS.join(', ')}` })
  method!: ElectionMethod;

  @ApiProperty({ example: '2026-12-01T18:00:00Z', description: 'End of candidacies and start of voting: at least 60 s ahead.' })
  @IsISO8601({ strict: true })
  @Matches(ISO_INSTANT, { message: 'nominationsCloseAt must be an ISO 8601 instant with a time zone, e.g. 2026-12-01T18:00:00Z' })
  nominationsCloseAt!: string;

  @ApiProperty({ example: '2026-12-08T18:00:00Z', description: 'End of voting: at least 60 s after nominationsCloseAt, at most 90 days ahead.' })
  @IsISO8601({ strict: true })
  @Matches(ISO_INSTANT, { message: 'closesAt must be an ISO 8601 instant with a time zone, e.g. 2026-12-08T18:00:00Z' })
  closesAt!: string;

  @ApiProperty({ type: ActDto, description: 'Signed over { command: "governance.CallElection", actor, electionId, title, role, seats, method, nominationsCloseAt, closesAt, ... }.' })
  @IsDefined()
  @ValidateNested()
  @Type(() => ActDto)
  act!: ActDto;
}
