import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, ValidateNested } from 'class-validator';
import { ActDto } from '../../../api/act.dto.js';

export class LeaveDto {
  @ApiProperty({ type: ActDto, description: 'Signed by the member over { command: "members.Leave", actor, ... }.' })
  @IsDefined()
  @ValidateNested()
  @Type(() => ActDto)
  act!: ActDto;
}
