import { Module } from '@nestjs/common';
import { DemoSeeder } from './demo-seeder.js';

/** The demo community on first start (DEMO_SEED). Imported by CommandsModule: see DemoSeeder for why. */
@Module({ providers: [DemoSeeder] })
export class DemoModule {}
