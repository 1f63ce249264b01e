// A receiver takes mail from outside (an SMTP listener, IMAP mailboxes …) and stores it through
// receiveInboundMessage; `serve` starts each one and stops them in reverse order on shutdown.
export interface Receiver {
  readonly name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** One line for the start-up banner, saying where mail comes in (after `start`). */
  describe(): string;
}
