import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository, QueryFailedError } from 'typeorm';
import { Conflict } from '../commands/shared/domain-errors.js';
import { AccountEntity } from './account.entity.js';

export interface Account {
  memberId: string;
  email: string;
  handle: string;
  passwordHash: string;
}

/** Private account rows; the entity stays inside this class. */
@Injectable()
export class Accounts {
  constructor(@InjectRepository(AccountEntity) private readonly repository: Repository<AccountEntity>) {}

  async findByEmail(email: string): Promise<Account | undefined> {
    const row = await this.repository.createQueryBuilder('a').where('lower(a.email) = lower(:email)', { email }).getOne();
    return row ? { memberId: row.memberId, email: row.email, handle: row.handle, passwordHash: row.passwordHash } : undefined;
  }

  async create(account: Account): Promise<void> {
    try {
      await this.repository.insert(account);
    } catch (error) {
      if (error instanceof QueryFailedError && (error as { driverError?: { code?: string; constraint?: string } }).driverError?.code === '23505') {
        const constraint = (error as { driverError: { constraint?: string } }).driverError.constraint ?? '';
        throw constraint.includes('handle') ? new Conflict('handle-taken', 'that handle is taken') : new Conflict('email-taken', 'an account with that email exists');
      }
      throw error;
    }
  }

  /** Takes over an account row whose member never reached the log (a crash between the two writes). */
  async replace(account: Account): Promise<void> {
    await this.repository.update({ memberId: account.memberId }, { email: account.email, handle: account.handle, passwordHash: account.passwordHash });
  }

  async remove(memberId: string): Promise<void> {
    await this.repository.delete({ memberId });
  }
}
