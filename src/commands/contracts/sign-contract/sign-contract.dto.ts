import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { ActDto } from '../../../api/act.dto.js';

export class SignContractDto {
  @ApiProperty({ description: 'Hex SHA-256 of the contract document being signed.' })
  @IsString()
  @Matches(/^[0-9a-f]{64}$/, { message: 'documentSha256 must be a lowercase hex SHA-256' })
  documentSha256!: string;

  @ApiProperty({ description: 'base64url Ed25519 signature, by the act’s key, over the ASCII bytes "civic-ledger contract document sha256:<documentSha256>".' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'signature must be base64url' })
  @Length(86, 86, { message: 'signature must be 64 bytes in base64url (86 characters)' })
  signature!: string;

  @ApiProperty({ type: ActDto, description: 'Signed over { command: "contracts.SignContract", actor, contractId, documentSha256, ... }.' })
  @IsDefined()
  @ValidateNested()
  @Type(() => ActDto)
  act!: ActDto;
}
