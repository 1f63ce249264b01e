import type { Selectable } from 'kysely';

/** A project's own SMTP account (SD-91), one per project, kept until the custom address is reset (SD-100). */
export interface CustomEmailCredentialsTable {
  project_id: number;
  smtp_address: string;
  smtp_port: number;
  smtp_username: string;
  /** Sealed with SECRET_KEY (app/secret-box.ts, purpose smtp_password); never returned. */
  smtp_password_sealed: string;
  /** null: the server's AUTH list decides. */
  smtp_authentication: 'plain' | 'login' | 'cram_md5' | null;
  created_at: string;
  updated_at: string;
}

export type CustomEmailCredentialsRow = Selectable<CustomEmailCredentialsTable>;
