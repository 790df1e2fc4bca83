import { ApiProperty } from '@nestjs/swagger';

/** What every command answers: where its events sit in the global order (for read-your-writes). */
export class CommandResult {
  @ApiProperty({ description: 'Global position of the last event appended; pass it as `atPosition` to queries.' })
  position!: number;

  @ApiProperty({ type: [Number], description: 'Global positions of every event appended.' })
  positions!: number[];

  @ApiProperty({
    type: [String],
    description: 'Where the C2SP tlog-proof receipt of each appended event is served (`/api/ledger/receipts/<position>`), once a signed checkpoint covers it; also sent as `Link: <...>; rel="receipt"` headers. Absent when nothing was appended.',
    required: false,
  })
  receipts?: string[];
}
