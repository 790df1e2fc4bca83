import { ApiProperty } from '@nestjs/swagger';
import { IsISO8601, IsString, Length, Matches } from 'class-validator';
import { ISO_INSTANT } from '../commands/shared/signed-act.js';
import type { SignedAct } from '../events/envelope.js';

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/**
 * The signature part of a signed act. The member signs the RFC 8785 canonical JSON of
 * `{ command, actor, keyId, issuedAt, nonce, ...the command's fields (path ids included) }`;
 * `civic sign` produces this object.
 */
export class ActDto {
  @ApiProperty({ description: 'Id of a key registered to the acting member.' })
  @IsString()
  @Matches(BASE64URL, { message: 'keyId must be base64url' })
  @Length(16, 16)
  keyId!: string;

  @ApiProperty({ description: 'When the act was signed (ISO 8601); must be within ACT_MAX_SKEW_SECONDS of the server clock.' })
  @IsISO8601({ strict: true })
  @Matches(ISO_INSTANT, { message: 'issuedAt must be an ISO 8601 instant with a time zone, e.g. 2030-05-01T12:00:00Z' })
  issuedAt!: string;

  @ApiProperty({ description: 'Unique per act, so that a captured act cannot be replayed.' })
  @IsString()
  @Length(8, 128)
  nonce!: string;

  @ApiProperty({ description: 'Base64url Ed25519 signature (64 bytes).' })
  @IsString()
  @Matches(BASE64URL, { message: 'signature must be base64url' })
  @Length(86, 86, { message: 'signature must be 64 bytes in base64url (86 characters)' })
  signature!: string;
}

/** Rebuilds what the member signed from the request, so a mismatch fails the signature. */
export function signedActOf(command: string, actor: string, fields: Record<string, unknown>, act: ActDto): SignedAct {
  return {
    command: { command, actor, keyId: act.keyId, issuedAt: act.issuedAt, nonce: act.nonce, ...fields },
    signature: act.signature,
  };
}
