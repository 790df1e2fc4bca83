import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, Length, Matches } from 'class-validator';

export const HANDLE_PATTERN = /^[a-z][a-z0-9_-]{2,31}$/;

export class RegisterMemberDto {
  @ApiProperty({ example: 'asha@example.org', description: 'Private: kept off the log.' })
  @IsEmail({}, { message: 'email must be an email address' })
  @Length(3, 254)
  email!: string;

  @ApiProperty({ minLength: 10, maxLength: 200, description: 'Private: only its scrypt hash is kept, off the log.' })
  @IsString()
  @Length(10, 200, { message: 'password must be 10 to 200 characters' })
  password!: string;

  @ApiProperty({ example: 'asha', description: 'Public on the log: 3-32 of a-z 0-9 _ -, starting with a letter.' })
  @IsString()
  @Matches(HANDLE_PATTERN, { message: 'handle must be 3-32 characters of a-z, 0-9, _ or -, starting with a letter' })
  handle!: string;
}

export class RegisterMemberResult {
  @ApiProperty() memberId!: string;
  @ApiProperty() position!: number;
}
