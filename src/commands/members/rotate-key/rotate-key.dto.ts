import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { ActDto } from '../../../api/act.dto.js';

const PUBLIC_KEY = /^[A-Za-z0-9_-]{43}$/;
const SIGNATURE = /^[A-Za-z0-9_-]{86}$/;

export class RotateKeyDto {
  @ApiProperty({ description: 'Base64url of the NEW raw 32-byte Ed25519 public key.' })
  @IsString()
  @Matches(PUBLIC_KEY, { message: 'publicKey must be a raw 32-byte Ed25519 key in base64url (43 characters)' })
  publicKey!: string;

  @ApiProperty({ description: "The NEW key's Ed25519 signature (base64url) over the same canonical act command the old key signed: proof of possession." })
  @IsString()
  @Matches(SIGNATURE, { message: 'possession must be a 64-byte Ed25519 signature in base64url (86 characters)' })
  possession!: string;

  @ApiProperty({ type: ActDto, description: 'Signed by the OLD key over { command: "members.RotateKey", actor, publicKey, ... }.' })
  @IsDefined()
  @ValidateNested()
  @Type(() => ActDto)
  act!: ActDto;
}

export class AttestKeyRotationDto {
  @ApiProperty({ description: 'The lost key being replaced.' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'oldKeyId must be base64url' })
  @Length(16, 16, { message: 'oldKeyId must be 16 characters' })
  oldKeyId!: string;

  @ApiProperty({ description: "Base64url of the member's new raw 32-byte Ed25519 public key." })
  @IsString()
  @Matches(PUBLIC_KEY, { message: 'publicKey must be a raw 32-byte Ed25519 key in base64url (43 characters)' })
  publicKey!: string;

  @ApiProperty({ description: "The new key's Ed25519 signature (base64url) over the same canonical act command the verifier signed." })
  @IsString()
  @Matches(SIGNATURE, { message: 'possession must be a 64-byte Ed25519 signature in base64url (86 characters)' })
  possession!: string;

  @ApiProperty({ type: ActDto, description: 'Signed by the verifier over { command: "members.AttestKeyRotation", actor, memberId, oldKeyId, publicKey, ... }.' })
  @IsDefined()
  @ValidateNested()
  @Type(() => ActDto)
  act!: ActDto;
}

export class RotateKeyResult {
  @ApiProperty() keyId!: string;
  @ApiProperty() position!: number;
}
