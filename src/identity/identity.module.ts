import { Global, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { DATABASE, type Database } from '../database/database.providers.js';
import { AccountEntity } from './account.entity.js';
import { Accounts } from './accounts.js';
import { JwtAuthGuard } from './auth.js';
import { EvidenceController } from './evidence.controller.js';
import { LoginController } from './login.controller.js';
import { MemberErasure } from './member-erasure.js';
import { VerificationEvidenceStore } from './verification-evidence.js';

/** Private identity (accounts, passwords, tokens): the part of the system that never reaches the log. */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [DATABASE],
      useFactory: (db: Database) => ({ type: 'postgres', url: db.url, entities: [AccountEntity], synchronize: false, poolSize: 5 }),
    }),
    TypeOrmModule.forFeature([AccountEntity]),
    JwtModule.registerAsync({
      global: true,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ secret: config.jwtSecret, signOptions: { algorithm: 'HS256' }, verifyOptions: { algorithms: ['HS256'] } }),
    }),
  ],
  controllers: [LoginController, EvidenceController],
  providers: [Accounts, JwtAuthGuard, VerificationEvidenceStore, MemberErasure],
  exports: [Accounts, JwtAuthGuard, VerificationEvidenceStore, MemberErasure],
})
export class IdentityModule {}
