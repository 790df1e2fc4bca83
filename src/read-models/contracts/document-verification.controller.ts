import { Body, Controller, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsBase64, IsOptional, IsString, Matches } from 'class-validator';
import type { Request } from 'express';
import pg from 'pg';
import { documentSha256 } from '../../commands/contracts/contract-document.js';
import { InvalidInput } from '../../commands/shared/domain-errors.js';
import { PG_POOL } from '../../database/database.providers.js';
import { contractsByDocument, type ContractView } from './contract-queries.js';

/** Larger than any rendered contract (a template body plus every field at its maximum). */
const MAX_UPLOAD_BYTES = 1024 * 1024;

export class VerifyDocumentDto {
  @ApiPropertyOptional({ description: 'Hex SHA-256 of the document.' })
  @IsOptional()
  @IsString()
  @Matches(/^[0-9a-fA-F]{64}$/, { message: 'sha256 must be 64 hex digits' })
  sha256?: string;

  @ApiPropertyOptional({ description: 'The document itself, base64.' })
  @IsOptional()
  @IsBase64(undefined, { message: 'documentBase64 must be base64' })
  documentBase64?: string;
}

export interface VerificationResult {
  sha256: string;
  /** Whether a contract on the log has a document with exactly this hash. */
  matches: boolean;
  contract: null | (Pick<ContractView, 'contractId' | 'templateId' | 'templateVersion' | 'status' | 'signingOrder' | 'draftedAt' | 'executedAt' | 'terminatedAt'> & {
    signatures: { memberId: string; role: string; signed: boolean; signedAt: string | null; position: number | null; keyId: string | null; signature: string | null }[];
  });
}

@ApiTags('contracts')
@Controller('contracts/verify')
export class DocumentVerificationController {
  constructor(@Inject(PG_POOL) private readonly pool: pg.Pool) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Check a document against the log: upload the file (application/octet-stream, text/plain or text/markdown) or send JSON { sha256 } or { documentBase64 }. Anyone may ask; no token.',
  })
  @ApiBody({ type: VerifyDocumentDto, required: false })
  @ApiOkResponse({ description: '{ sha256, matches, contract: { contractId, status, signatures: [{ memberId, role, signed, signedAt, keyId, signature }] } | null }' })
  async verify(@Req() request: Request, @Body() body: VerifyDocumentDto): Promise<VerificationResult> {
    const sha256 = await this.hashOf(request, body);
    const [contract] = await contractsByDocument(this.pool, sha256);
    if (!contract) return { sha256, matches: false, contract: null };
    return {
      sha256,
      matches: true,
      contract: {
        contractId: contract.contractId,
        templateId: contract.templateId,
        templateVersion: contract.templateVersion,
        status: contract.status,
        signingOrder: contract.signingOrder,
        draftedAt: contract.draftedAt,
        executedAt: contract.executedAt,
        terminatedAt: contract.terminatedAt,
        signatures: contract.parties.map((p) => ({
          memberId: p.memberId,
          role: p.role,
          signed: p.signature !== null,
          signedAt: p.signature?.signedAt ?? null,
          position: p.signature?.position ?? null,
          keyId: p.signature?.keyId ?? null,
          signature: p.signature?.signature ?? null,
        })),
      },
    };
  }

  private async hashOf(request: Request, body: VerifyDocumentDto): Promise<string> {
    if (request.is('application/json')) {
      const given = [body.sha256, body.documentBase64].filter((v) => v !== undefined).length;
      if (given !== 1) throw new InvalidInput('sha256', 'send exactly one of sha256 and documentBase64');
      return body.sha256 !== undefined ? body.sha256.toLowerCase() : documentSha256(Buffer.from(body.documentBase64!, 'base64'));
    }
    const bytes = await readRaw(request);
    if (bytes.length === 0) throw new InvalidInput('body', 'upload the document, or send JSON { sha256 } or { documentBase64 }');
    return documentSha256(bytes);
  }
}

/** The request body as bytes; JSON is the only type the app parses, so other uploads arrive unread. */
async function readRaw(request: Request): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_UPLOAD_BYTES) throw new InvalidInput('body', `the document is larger than ${MAX_UPLOAD_BYTES} bytes: send its sha256 instead`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
