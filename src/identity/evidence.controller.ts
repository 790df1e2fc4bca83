import { Controller, Get, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { VERIFICATION_METHODS, type VerificationMethod } from '../events/members/member-events.js';
import { CurrentMember, JwtAuthGuard, type AuthenticatedMember } from './auth.js';
import { VerificationEvidenceStore } from './verification-evidence.js';

export class EvidenceItem {
  @ApiProperty() verifierId!: string;
  @ApiProperty({ enum: VERIFICATION_METHODS }) method!: VerificationMethod;
  @ApiProperty({ description: 'Private: what the verifier recorded.' }) description!: string;
  @ApiProperty({ description: 'Hex of the 32 salt bytes.' }) salt!: string;
  @ApiProperty({ description: 'Hex SHA-256 over salt || canonical JSON of { description, method }: equals the commitment in members.MemberVerified.' })
  commitment!: string;
  @ApiProperty() recordedAt!: string;
}

export class EvidenceList {
  @ApiProperty({ type: [EvidenceItem] }) items!: EvidenceItem[];
}

/** A member, and only the member, reads the evidence of their own verification, to prove the commitment on the log. */
@ApiTags('members')
@ApiBearerAuth()
@UseGuards(JwtAuthGuard)
@Controller('members/me/verification-evidence')
export class EvidenceController {
  constructor(private readonly evidence: VerificationEvidenceStore) {}

  @Get()
  @ApiOperation({ summary: 'The private evidence and salt behind my verification (only mine).' })
  @ApiOkResponse({ type: EvidenceList })
  async mine(@CurrentMember() member: AuthenticatedMember): Promise<EvidenceList> {
    const rows = await this.evidence.ofMember(member.memberId);
    return { items: rows.map(({ memberId: _memberId, ...item }) => item) };
  }
}
