import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** Paging and read-your-writes, shared by every list query. */
export class ListQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit: number = 50;

  @ApiPropertyOptional({ minimum: 0, default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  offset: number = 0;

  @ApiPropertyOptional({ description: 'Wait (bounded) until the read model has applied this global position: pass the `position` a command returned.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  // A position is a bigint in the database: anything larger (1e20) would fail there as a 500.
  @Max(Number.MAX_SAFE_INTEGER)
  atPosition?: number;
}

export class AtPositionQuery {
  @ApiPropertyOptional({ description: 'Wait (bounded) until the read model has applied this global position.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  // A position is a bigint in the database: anything larger (1e20) would fail there as a 500.
  @Max(Number.MAX_SAFE_INTEGER)
  atPosition?: number;
}
