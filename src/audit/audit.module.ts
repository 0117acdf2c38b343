import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller';

/** Every fact across all issues, from the audit index. */
@Module({ controllers: [AuditController] })
export class AuditModule {}
