import { Readable } from 'node:stream';
import { z } from 'zod';
import { streamPieces } from '../../db/pieces.ts';
import { getAttachment } from '../../app/tickets/get-attachment.ts';
import { idParam } from '../common-schemas.ts';
import { defineRoute } from '../route.ts';

// Raster images a browser shows without running anything; everything else (HTML, SVG, PDF …) downloads.
const SAFE_INLINE = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

export const attachmentRoutes = [
  defineRoute({
    method: 'GET',
    path: '/attachments/:id',
    auth: 'token',
    tag: 'tickets',
    summary: "A file from a ticket, byte for byte, for whoever may read the ticket; served so it can never run in Postdesk's origin",
    params: z.object({ id: idParam }),
    status: 200,
    async handler({ ctx, auth, params, reply }) {
      const file = await getAttachment(ctx, auth.actor, params.id);
      const inline = SAFE_INLINE.has(file.content_type);
      const encoded = encodeURIComponent(file.filename);
      const ascii = file.filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
      return reply
        .header('Content-Type', inline ? file.content_type : 'application/octet-stream')
        .header('Content-Disposition', `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encoded}`)
        .header('X-Content-Type-Options', 'nosniff')
        .header('Content-Security-Policy', "default-src 'none'; sandbox")
        .header('Cache-Control', 'private, no-store')
        .send(Readable.from(streamPieces(ctx.db.db, 'attachment', file.id)));
    },
  }),
];
