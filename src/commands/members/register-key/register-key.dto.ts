import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsString, Matches, ValidateNested } from 'class-validator';
import { ActDto } from '../../../api/act.dto.js';

export class RegisterKeyDto {
  @ApiProperty({ description: 'Base64url of the raw 32-byte Ed25519 public key.' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{43}$/, { message: 'publicKey must be a raw 32-byte Ed25519 key in base64url (43 characters)' })
  publicKey!: string;

  @ApiProperty({ type: ActDto, description: 'Signed by the NEW key over { command: "members.RegisterKey", actor, publicKey, ... }: proof of possession.' })
  @IsDefined()
  @ValidateNested()
  @Type(() => ActDto)
  act!: ActDto;
}

export class RegisterKeyResult {
  @ApiProperty() keyId!: string;
  @ApiProperty() position!: number;
}
