import {
  Controller,
  Get,
  Headers,
  Inject,
  Query,
  Req,
  Res,
  ServiceUnavailableException,
} from '@nestjs/common';
import { ApiOkResponse, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { EVENT_STORE, type EventStore } from '../event-store/event-store';
import { Access } from '../identity/access/access.decorator';
import { CurrentPrincipal } from '../identity/access/current-principal.decorator';
import { IssueDistricts } from '../identity/access/issue-districts';
import { Authenticator, NotSignedIn } from '../identity/auth/authenticator';
import type { AuthenticatedRequest, Principal } from '../identity/auth/principal';
import { READ_MODEL_PROGRESS, type ReadModelProgress } from '../ports/read-model-progress';
import { LiveFeed } from './live-feed';
import { SSE_RETRY_MS } from './live-message';
import { LiveQueryDto, resumeFrom } from './live-query';
import { LiveReader } from './live-reader';
import { MAX_REPLAY, replayMissed } from './live-replay';

/**
 * GET /live: the issue events the reader may see, as Server-Sent Events, each once the read
 * models have applied it (see docs/web.md, "Live"). Signed in like any read (the session
 * cookie, which EventSource sends, or a bearer token); a district role hears its district.
 */
@ApiTags('queries')
@ApiResponse({ status: 401, description: 'Not signed in' })
@ApiResponse({ status: 403, description: 'The role reads no issues (admin)' })
@Controller('live')
export class LiveController {
  constructor(
    private readonly feed: LiveFeed,
    private readonly districts: IssueDistricts,
    private readonly authenticator: Authenticator,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_MODEL_PROGRESS) private readonly progress: ReadModelProgress,
  ) {}

  @Get()
  @Access('issues.read')
  @ApiOkResponse({
    description:
      'text/event-stream: `issue` messages ({ position, type, issueId, district, recordedAt }), `ready`, `position`, `reset`, `signed-out`; every id is a log position',
  })
  async stream(
    @Query() query: LiveQueryDto,
    @Headers('last-event-id') lastEventId: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const after = resumeFrom(lastEventId, query.after);
    if (!this.feed.open()) throw new ServiceUnavailableException('the engine is stopping; reconnect shortly');

    reply.hijack();
    const response = reply.raw;
    response.writeHead(200, {
      // The edge's own headers (security, CORS) that the hook set on the reply.
      ...(reply.getHeaders() as Record<string, string>),
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      // nginx and the like would hold the stream back to fill a buffer.
      'x-accel-buffering': 'no',
      connection: 'keep-alive',
    });
    request.raw.socket.setNoDelay(true);
    response.write(`retry: ${SSE_RETRY_MS}\n\n`);

    const stillSignedIn = () =>
      this.authenticator.authenticate(request).then(
        () => true,
        // A store that cannot answer now is no sign-out: the next beat asks again.
        (error: unknown) => !(error instanceof NotSignedIn),
      );
    const reader = new LiveReader(response, principal, after ?? 0, stillSignedIn, () =>
      this.feed.leave(reader),
    );
    const upTo = this.feed.join(reader, this.progress.position());
    await this.catchUp(reader, after, upTo);
  }

  /** Replays what the reader missed, then says it is live (or, too far behind, to read again). */
  private async catchUp(reader: LiveReader, after: number | null, upTo: number): Promise<void> {
    try {
      if (after === null) {
        reader.startAt(upTo);
        return reader.goLive('ready');
      }
      // Too far behind to replay, or ahead of this log (another engine's id, a log started afresh).
      if (upTo - after > MAX_REPLAY || (after > upTo && after > (await this.events.headPosition()))) {
        reader.startAt(upTo);
        return reader.goLive('reset');
      }
      await replayMissed(this.events, this.districts, reader, after, upTo);
      reader.goLive('ready');
    } catch {
      // The log could not be read: end the stream; the reader reconnects and replays from its last id.
      reader.close();
    }
  }
}
