import { Controller, Get, Inject, Param, ParseIntPipe, Query, Req } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { Request } from 'express';
import pg from 'pg';
import { uuidParam } from '../../api/uuid-param.js';
import { Forbidden, InvalidInput, NotFound, Unauthenticated } from '../../commands/shared/domain-errors.js';
import { PG_POOL } from '../../database/database.providers.js';
import type { Visibility } from '../../events/contracts/contract-events.js';
import type { ContractRowStatus } from '../../projections/contracts/contracts.fold.js';
import { AtPositionQuery, ListQuery } from '../query-params.js';
import { ReadYourWrites } from '../read-your-writes.js';
import {
  awaitingSignatureOf,
  contractsOfMember,
  getContract,
  getDocument,
  getTemplateVersion,
  listContracts,
  listTemplates,
  type ContractView,
  type TemplateDetail,
  type TemplateSummary,
} from './contract-queries.js';

const PROJECTIONS = ['contracts'];
const STATUSES: readonly ContractRowStatus[] = ['awaiting-signatures', 'executed', 'terminated', 'disputed'];

export class ContractListQuery extends ListQuery {
  @ApiPropertyOptional({ enum: STATUSES })
  @IsOptional()
  @IsIn(STATUSES, { message: `status must be one of ${STATUSES.join(', ')}` })
  status?: ContractRowStatus;
}

const versionParam = new ParseIntPipe({ exceptionFactory: () => new InvalidInput('version', 'version must be a positive integer') });

@ApiTags('contracts')
@Controller()
export class ContractsController {
  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    private readonly readYourWrites: ReadYourWrites,
    private readonly jwt: JwtService,
  ) {}

  @Get('contract-templates')
  @ApiOperation({ summary: 'Every published contract template version (without bodies).' })
  @ApiOkResponse({ description: '{ items, total }' })
  async templates(@Query() query: ListQuery): Promise<{ items: TemplateSummary[]; total: number }> {
    await this.readYourWrites.await(PROJECTIONS, query.atPosition);
    return listTemplates(this.pool, query);
  }

  @Get('contract-templates/:templateId/versions/:version')
  @ApiOperation({ summary: 'One published template version, with its body and typed fields.' })
  async template(
    @Param('templateId', uuidParam('templateId')) templateId: string,
    @Param('version', versionParam) version: number,
    @Query() query: AtPositionQuery,
  ): Promise<TemplateDetail> {
    await this.readYourWrites.await(PROJECTIONS, query.atPosition);
    const found = await getTemplateVersion(this.pool, templateId, version);
    if (!found) throw new NotFound('template-version', `${templateId} version ${version}`);
    return found;
  }

  @Get('contracts')
  @ApiOperation({ summary: 'Contracts, newest first: parties, signatures, status (documents are not listed).' })
  @ApiOkResponse({ description: '{ items, total }' })
  async list(@Query() query: ContractListQuery): Promise<{ items: ContractView[]; total: number }> {
    await this.readYourWrites.await(PROJECTIONS, query.atPosition);
    return listContracts(this.pool, query);
  }

  @Get('contracts/:contractId')
  @ApiOperation({ summary: 'A contract: template version, parties and roles, who signed when with which key, document SHA-256, status.' })
  async get(@Param('contractId', uuidParam('contractId')) contractId: string, @Query() query: AtPositionQuery): Promise<ContractView> {
    await this.readYourWrites.await(PROJECTIONS, query.atPosition);
    const found = await getContract(this.pool, contractId);
    if (!found) throw new NotFound('contract', contractId);
    return found;
  }

  @Get('contracts/:contractId/document')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The rendered document: anyone reads a public one; a private one only its parties (bearer token).' })
  async document(
    @Req() request: Request,
    @Param('contractId', uuidParam('contractId')) contractId: string,
    @Query() query: AtPositionQuery,
  ): Promise<{ contractId: string; sha256: string; visibility: Visibility; document: string }> {
    await this.readYourWrites.await(PROJECTIONS, query.atPosition);
    const [contract, stored] = await Promise.all([getContract(this.pool, contractId), getDocument(this.pool, contractId)]);
    if (!contract || !stored) throw new NotFound('contract', contractId);
    if (stored.visibility === 'private') {
      const reader = await this.readerOf(request);
      if (!contract.parties.some((p) => p.memberId === reader)) throw new Forbidden('not-a-party', 'this contract is private: only its parties read the document');
    }
    return { contractId, ...stored };
  }

  @Get('members/:memberId/contracts')
  @ApiOperation({ summary: 'The contracts a member is a party to, newest first.' })
  async ofMember(@Param('memberId', uuidParam('memberId')) memberId: string, @Query() query: AtPositionQuery): Promise<{ items: ContractView[] }> {
    await this.readYourWrites.await(PROJECTIONS, query.atPosition);
    return { items: await contractsOfMember(this.pool, memberId) };
  }

  @Get('members/:memberId/contracts/awaiting-signature')
  @ApiOperation({ summary: 'Contracts waiting for this member’s signature now (in sequential order: only when it is their turn).' })
  async awaiting(@Param('memberId', uuidParam('memberId')) memberId: string, @Query() query: AtPositionQuery): Promise<{ items: ContractView[] }> {
    await this.readYourWrites.await(PROJECTIONS, query.atPosition);
    return { items: await awaitingSignatureOf(this.pool, memberId) };
  }

  /** The member a bearer token names; private documents need one. */
  private async readerOf(request: Request): Promise<string> {
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    if (scheme !== 'Bearer' || !token) throw new Unauthenticated('missing-token', 'this contract is private: an Authorization: Bearer <access token> header is required');
    try {
      return (await this.jwt.verifyAsync<{ sub: string }>(token)).sub;
    } catch {
      throw new Unauthenticated('bad-token', 'the access token is invalid or expired');
    }
  }
}
