import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsString, Length, ValidateNested } from 'class-validator';
import { ActDto } from '../../../api/act.dto.js';

export class DisputeTransactionDto {
  @ApiProperty({ maxLength: 2000, description: 'Public: why the record is wrong.' })
  @IsString()
  @Length(1, 8000)
  reason!: string;

  @ApiProperty({ type: ActDto, description: 'Signed over { command: "records.DisputeTransaction", actor, transactionId, reason, ... }.' })
  @IsDefined()
  @ValidateNested()
  @Type(() => ActDto)
  act!: ActDto;
}
