import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, ValidateNested } from 'class-validator';
import { ActDto } from '../../../api/act.dto.js';

export class ConfirmTransactionDto {
  @ApiProperty({ type: ActDto, description: 'Signed over { command: "records.ConfirmTransaction", actor, transactionId, ... }.' })
  @IsDefined()
  @ValidateNested()
  @Type(() => ActDto)
  act!: ActDto;
}
