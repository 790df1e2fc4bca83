import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** Swagger UI at /docs, the OpenAPI document at /docs-json. */
export function setUpSwagger(app: INestApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Civic Ledger API')
      .setDescription(
        'Commands are signed acts (Ed25519 over RFC 8785 canonical JSON, see `act`); they answer with the global `position` of their events. ' +
          'Queries accept `atPosition` and wait until their read model has applied it. Errors are RFC 9457 application/problem+json.',
      )
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}
