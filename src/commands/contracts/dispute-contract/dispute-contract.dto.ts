import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsString, Length, ValidateNested } from 'class-validator';
import { ActDto } from '../../../api/act.dto.js';

export class DisputeContractDto {
  @ApiProperty({ maxLength: 2000, description: 'Public: what is contested.' })
  @IsString()
  @Length(1, 8000)
  reason!: string;

  @ApiProperty({ type: ActDto, description: 'Signed over { command: "contracts.DisputeContract", actor, contractId, reason, ... }.' })
  @IsDefined()
  @ValidateNested()
  @Type(() => ActDto)
  act!: ActDto;
}
