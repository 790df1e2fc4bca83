import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDefined, IsIn, IsInt, IsObject, IsString, IsUUID, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { ActDto } from '../../../api/act.dto.js';
import { SIGNING_ORDERS, VISIBILITIES, type SigningOrder, type Visibility } from '../../../events/contracts/contract-events.js';
import { MAX_PARTIES, MIN_PARTIES } from '../../../events/contracts/contract-schemas.js';

export class PartyDto {
  @ApiProperty()
  @IsUUID()
  memberId!: string;

  @ApiProperty({ maxLength: 100, description: 'e.g. landlord, tenant, investor.' })
  @IsString()
  @Length(1, 400)
  role!: string;
}

export class DraftContractDto {
  @ApiProperty({ description: 'Chosen by the client (UUIDv7 recommended) so that it can be signed.' })
  @IsUUID()
  contractId!: string;

  @ApiProperty()
  @IsUUID()
  templateId!: string;

  @ApiProperty({ minimum: 1 })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  templateVersion!: number;

  @ApiProperty({ type: [PartyDto], description: 'In signing order when the order is sequential; the drafter is one of them.' })
  @IsArray()
  @ArrayMinSize(MIN_PARTIES)
  @ArrayMaxSize(MAX_PARTIES)
  @ValidateNested({ each: true })
  @Type(() => PartyDto)
  parties!: PartyDto[];

  @ApiProperty({ enum: SIGNING_ORDERS })
  @IsIn(SIGNING_ORDERS, { message: `signingOrder must be one of ${SIGNING_ORDERS.join(', ')}` })
  signingOrder!: SigningOrder;

  @ApiProperty({ enum: VISIBILITIES, description: 'private: only the parties read the document; public: anyone does.' })
  @IsIn(VISIBILITIES, { message: `visibility must be one of ${VISIBILITIES.join(', ')}` })
  visibility!: Visibility;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Field name -> value, typed by the template: string, integer, money { amountMinor, currency }, date YYYY-MM-DD, member (id), text.' })
  @IsObject()
  fields!: Record<string, unknown>;

  @ApiProperty({ description: 'base64url of 32 random bytes chosen by the client: rendered into the document so its hash cannot be guessed.' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{43}$/, { message: 'salt must be 32 bytes in base64url (43 characters)' })
  salt!: string;

  @ApiProperty({
    type: ActDto,
    description:
      'Signed over { command: "contracts.DraftContract", actor, contractId, templateId, templateVersion, parties, signingOrder, visibility, fieldsCommitment, ... } where fieldsCommitment is the hex SHA-256 of the RFC 8785 JSON of { fields, salt }.',
  })
  @IsDefined()
  @ValidateNested()
  @Type(() => ActDto)
  act!: ActDto;
}
