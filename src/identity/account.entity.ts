import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A member's private account: personal data that never goes on the log (DESIGN §6). */
@Entity({ schema: 'identity', name: 'accounts' })
export class AccountEntity {
  @PrimaryColumn('uuid', { name: 'member_id' })
  memberId!: string;

  @Column('text')
  email!: string;

  @Column('text')
  handle!: string;

  @Column('text', { name: 'password_hash' })
  passwordHash!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
