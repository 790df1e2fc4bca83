import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, ValidateNested } from 'class-validator';
import { ActDto } from '../../../api/act.dto.js';

export class TerminateContractDto {
  @ApiProperty({ type: ActDto, description: 'Signed over { command: "contracts.TerminateContract", actor, contractId, ... }.' })
  @IsDefined()
  @ValidateNested()
  @Type(() => ActDto)
  act!: ActDto;
}
