import { Injectable } from '@nestjs/common';
import { ProjectionBehind } from '../commands/shared/domain-errors.js';
import { ProjectionsService } from '../projections/projections.service.js';

/** Makes a query wait until its projections have applied the position a command returned. */
@Injectable()
export class ReadYourWrites {
  constructor(private readonly projections: ProjectionsService) {}

  async await(projections: readonly string[], atPosition: number | undefined): Promise<void> {
    if (atPosition === undefined) return;
    if (!(await this.projections.waitFor(projections, atPosition))) throw new ProjectionBehind(projections.join(', '), atPosition);
  }
}
