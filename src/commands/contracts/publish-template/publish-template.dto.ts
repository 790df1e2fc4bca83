import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsDefined, IsIn, IsInt, IsString, IsUUID, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { ActDto } from '../../../api/act.dto.js';
import { CONTRACT_KINDS, FIELD_TYPES, type ContractKind, type FieldType } from '../../../events/contracts/contract-events.js';
import { FIELD_NAME, TEMPLATE_MAX_FIELDS } from '../../../events/contracts/contract-schemas.js';

export class TemplateFieldDto {
  @ApiProperty({ description: 'Placeholder name: `{{name}}` in the body.', pattern: FIELD_NAME.source })
  @IsString()
  @Matches(FIELD_NAME, { message: `name must match ${FIELD_NAME.source}` })
  name!: string;

  @ApiProperty({ maxLength: 200 })
  @IsString()
  @Length(1, 200)
  label!: string;

  @ApiProperty({ enum: FIELD_TYPES })
  @IsIn(FIELD_TYPES, { message: `type must be one of ${FIELD_TYPES.join(', ')}` })
  type!: FieldType;

  @ApiProperty()
  @IsBoolean()
  required!: boolean;
}

export class PublishTemplateDto {
  @ApiProperty({ description: 'Chosen by the client for version 1; the same id for later versions.' })
  @IsUUID()
  templateId!: string;

  @ApiProperty({ minimum: 1, description: 'The next version: 1 for a new template, latest + 1 after that.' })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  version!: number;

  @ApiProperty({ enum: CONTRACT_KINDS })
  @IsIn(CONTRACT_KINDS, { message: `kind must be one of ${CONTRACT_KINDS.join(', ')}` })
  kind!: ContractKind;

  @ApiProperty({ maxLength: 200 })
  @IsString()
  @Length(1, 200)
  title!: string;

  @ApiProperty({ maxLength: 6000, description: 'Markdown with `{{fieldName}}` placeholders.' })
  @IsString()
  @Length(1, 24_000)
  body!: string;

  @ApiProperty({ type: [TemplateFieldDto] })
  @IsArray()
  @ArrayMaxSize(TEMPLATE_MAX_FIELDS)
  @ValidateNested({ each: true })
  @Type(() => TemplateFieldDto)
  fields!: TemplateFieldDto[];

  @ApiProperty({ type: ActDto, description: 'Signed over { command: "contracts.PublishTemplate", actor, templateId, version, kind, title, bodySha256 (hex), fields, ... }.' })
  @IsDefined()
  @ValidateNested()
  @Type(() => ActDto)
  act!: ActDto;
}
