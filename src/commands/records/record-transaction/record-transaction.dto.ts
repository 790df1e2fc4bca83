import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import { ActDto } from '../../../api/act.dto.js';
import { CURRENCY_CODES } from '../../../events/records/currencies.js';
import { RAILS, type Rail } from '../../../events/records/record-events.js';

export class RecordTransactionDto {
  @ApiProperty({ description: 'Chosen by the client (UUIDv7 recommended) so that it can be signed.' })
  @IsUUID()
  transactionId!: string;

  @ApiProperty({ description: 'Member who paid; the recorder is the payer or the payee.' })
  @IsUUID()
  payerId!: string;

  @ApiProperty({ description: 'Member who was paid.' })
  @IsUUID()
  payeeId!: string;

  @ApiProperty({ description: 'Integer minor units (cents, paise): 1250 is 12.50 EUR.', minimum: 1 })
  @IsInt({ message: 'amountMinor must be an integer number of minor units' })
  @Min(1, { message: 'amountMinor must be positive' })
  @Max(Number.MAX_SAFE_INTEGER)
  amountMinor!: number;

  @ApiProperty({ description: 'ISO 4217 code, e.g. EUR, INR, USD.' })
  @IsString()
  @IsIn(CURRENCY_CODES, { message: 'currency must be an ISO 4217 currency code' })
  currency!: string;

  @ApiProperty({ enum: RAILS })
  @IsIn(RAILS, { message: `rail must be one of ${RAILS.join(', ')}` })
  rail!: Rail;

  @ApiProperty({ maxLength: 500, description: 'Public: what the payment was for.' })
  @IsString()
  @Length(1, 2000)
  purpose!: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'An executed contract between payer and payee that this payment settles.' })
  @IsOptional()
  @IsUUID()
  contractId?: string | null;

  @ApiPropertyOptional({ description: 'The external payment reference: kept private; the log holds a salted commitment to it.' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  paymentReference?: string;

  @ApiPropertyOptional({ description: 'base64url of 32 random bytes chosen by the client; required with paymentReference.' })
  @ValidateIf((dto: RecordTransactionDto) => dto.paymentReference !== undefined || dto.referenceSalt !== undefined)
  @IsString({ message: 'referenceSalt is required with paymentReference' })
  @Matches(/^[A-Za-z0-9_-]{43}$/, { message: 'referenceSalt must be 32 bytes in base64url (43 characters)' })
  referenceSalt?: string;

  @ApiProperty({
    type: ActDto,
    description:
      'Signed over { command: "records.RecordTransaction", actor, transactionId, payerId, payeeId, amountMinor, currency, rail, purpose, contractId, referenceCommitment, ... } where referenceCommitment is hex SHA-256(salt bytes ‖ UTF-8 reference), or null.',
  })
  @IsDefined()
  @ValidateNested()
  @Type(() => ActDto)
  act!: ActDto;
}
