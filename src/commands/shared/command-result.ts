import { ApiProperty } from '@nestjs/swagger';

/** What every command answers: where its events sit in the global order (for read-your-writes). */
export class CommandResult {
  @ApiProperty({ description: 'Global position of the last event appended; pass it as `atPosition` to queries.' })
  position!: number;

  @ApiProperty({ type: [Number], description: 'Global positions of every event appended.' })
  positions!: number[];
}
