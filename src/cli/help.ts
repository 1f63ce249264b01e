export const HELP = `postdesk — an open-source service desk

Usage: postdesk <command> [options]

Commands:
  serve                         HTTP API, inbound SMTP listener and job worker in one process (npm start)
  worker                        only the job worker (run more of these beside serve on PostgreSQL)
  migrate                       bring the database schema up to date, then exit
  ingest                        store one raw message from standard input (for an MTA pipe); exit 0 once
                                it is durably stored, 75 (try again later) if it could not be, 65 if refused
  inbound list [--state S] [--project P]
                                received mail and its outcome (newest first)
  inbound show ID               one received message, with its raw text
  inbound replay ID             process a failed or ignored message again
  users list                    list users
  users create --username U --email E --name N [--password P] [--admin]
  tokens create --user U --name N [--scopes api,read_api] [--expires YYYY-MM-DD]
                                create a personal access token; it is printed once
  projects list                 list projects
  projects create --name N --path P [--owner U] [--visibility private|internal|public]

Configuration is read from environment variables only; see README.md.
`;
