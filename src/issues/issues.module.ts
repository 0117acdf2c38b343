import { Module } from '@nestjs/common';
import { IssueCommandHandler } from './commands/issue-command.handler';
import { IssueCommandSender } from './http/command-sender';
import { IssueCommandsController } from './http/issue-commands.controller';
import { IssueQueriesController } from './http/issue-queries.controller';

/** The issue feature: its HTTP commands and queries and the one command handler behind them. */
@Module({
  controllers: [IssueCommandsController, IssueQueriesController],
  providers: [IssueCommandHandler, IssueCommandSender],
})
export class IssuesModule {}
