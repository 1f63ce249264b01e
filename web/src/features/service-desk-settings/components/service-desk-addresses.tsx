import { CopyButton } from '../../../components/copy-button.tsx';
import type { ServiceDesk } from '../../../lib/admin-api-types.ts';

/** The addresses customers write to, each with a copy button. */
export function ServiceDeskAddresses({ settings }: { settings: ServiceDesk }) {
  const showIncoming = settings.incoming_address !== settings.service_desk_address;
  return (
    <dl className="sd-addresses">
      <div>
        <dt>Service desk address</dt>
        <dd>
          <code className="sd-address">{settings.service_desk_address}</code>
          <CopyButton text={settings.service_desk_address} label="Copy service desk address" />
        </dd>
      </div>
      {showIncoming ? (
        <div>
          <dt>Incoming address</dt>
          <dd>
            <code className="sd-address">{settings.incoming_address}</code>
            <CopyButton text={settings.incoming_address} label="Copy incoming address" />
          </dd>
        </div>
      ) : null}
      <div>
        <dt>Alias address</dt>
        <dd>
          {settings.alias_address ? (
            <>
              <code className="sd-address">{settings.alias_address}</code>
              <CopyButton text={settings.alias_address} label="Copy alias address" />
            </>
          ) : (
            <span className="muted">None (set SERVICE_DESK_ALIAS_ADDRESS on the server to offer one)</span>
          )}
        </dd>
      </div>
    </dl>
  );
}
