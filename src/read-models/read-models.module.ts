import { Module } from '@nestjs/common';
import { CommentsController } from './governance/comments.controller.js';
import { ProposalsController } from './governance/proposals.controller.js';
import { MembersController } from './members/members.controller.js';
import { ReadYourWrites } from './read-your-writes.js';

/** Queries: straight reads of the read-model tables, never through the write side. */
@Module({ controllers: [MembersController, ProposalsController, CommentsController], providers: [ReadYourWrites] })
export class ReadModelsModule {}
