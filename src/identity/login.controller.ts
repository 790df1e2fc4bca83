import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsEmail, IsString, Length } from 'class-validator';
import { Unauthenticated } from '../commands/shared/domain-errors.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { Accounts } from './accounts.js';
import { verifyPassword } from './password.js';

export class LoginDto {
  @ApiProperty() @IsEmail({}, { message: 'email must be an email address' }) email!: string;
  @ApiProperty() @IsString() @Length(1, 200) password!: string;
}

export class LoginResult {
  @ApiProperty() accessToken!: string;
  @ApiProperty({ example: 'Bearer' }) tokenType!: 'Bearer';
  @ApiProperty({ description: 'Seconds until the token expires.' }) expiresIn!: number;
  @ApiProperty() memberId!: string;
}

// Compared against when the email is unknown, so both failures take the same time.
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

@ApiTags('members')
@Controller('auth/login')
export class LoginController {
  constructor(
    private readonly accounts: Accounts,
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange email and password for a JWT access token.' })
  @ApiOkResponse({ type: LoginResult })
  async login(@Body() body: LoginDto): Promise<LoginResult> {
    const account = await this.accounts.findByEmail(body.email);
    const ok = await verifyPassword(body.password, account?.passwordHash ?? DUMMY_HASH);
    if (!account || !ok) throw new Unauthenticated('bad-credentials', 'email or password is wrong');
    const accessToken = await this.jwt.signAsync({ sub: account.memberId }, { expiresIn: this.config.jwtTtlSeconds });
    return { accessToken, tokenType: 'Bearer', expiresIn: this.config.jwtTtlSeconds, memberId: account.memberId };
  }
}
