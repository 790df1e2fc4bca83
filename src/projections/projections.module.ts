import { Global, Module } from '@nestjs/common';
import { ProjectionsController } from './projections.controller.js';
import { ProjectionsService } from './projections.service.js';

@Global()
@Module({ controllers: [ProjectionsController], providers: [ProjectionsService], exports: [ProjectionsService] })
export class ProjectionsModule {}
