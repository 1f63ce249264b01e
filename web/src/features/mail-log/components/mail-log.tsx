// The mail log: received mail (with why it went where it went, and Replay for what was ignored or
// failed) and sent mail, in two tabs whose choice lives in the URL (?tab=sent) so it survives a reload.
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import type { InboundState } from '../../../lib/admin-api-types.ts';
import type { MailLogScope } from '../api/inbound-messages.ts';
import { type InboundRowActions, InboundTable, type TicketHref } from './inbound-table.tsx';
import { type OpenMessage, MailViewer } from './mail-viewer.tsx';
import { OutboundTable } from './outbound-table.tsx';
import '../mail-log.css';

const TABS = [
  { id: 'received', label: 'Received' },
  { id: 'sent', label: 'Sent' },
] as const;

export function MailLog({ scope, ticketHref, inboundActions }: { scope: MailLogScope; ticketHref: TicketHref; inboundActions?: InboundRowActions }) {
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'sent' ? 'sent' : 'received';
  const state = (params.get('state') || undefined) as InboundState | undefined;
  const [open, setOpen] = useState<OpenMessage | null>(null);
  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [name, value] of Object.entries(changes)) {
      if (value) next.set(name, value);
      else next.delete(name);
    }
    setParams(next, { replace: true });
  };

  return (
    <div className="ml">
      <div role="tablist" aria-label="Mail log" className="ml-tabs">
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`ml-tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`ml-panel-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            className="ml-tab"
            onClick={() => update({ tab: t.id === 'sent' ? 'sent' : undefined })}
            onKeyDown={(e) => {
              if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
                const other = t.id === 'sent' ? 'received' : 'sent';
                update({ tab: other === 'sent' ? 'sent' : undefined });
                document.getElementById(`ml-tab-${other}`)?.focus();
              }
            }}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`ml-panel-${tab}`} aria-labelledby={`ml-tab-${tab}`} className="ml-panel">
        {tab === 'received' ? (
          <InboundTable
            scope={scope}
            state={state}
            onStateChange={(s) => update({ state: s })}
            onOpen={(message) => setOpen({ direction: 'inbound', message })}
            ticketHref={ticketHref}
            rowActions={inboundActions}
          />
        ) : (
          <OutboundTable scope={scope} onOpen={(message) => setOpen({ direction: 'outbound', message })} ticketHref={ticketHref} />
        )}
      </div>
      <MailViewer open={open} onClose={() => setOpen(null)} />
    </div>
  );
}
