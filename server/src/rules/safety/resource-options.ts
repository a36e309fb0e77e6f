import { declareOptions, stringListOption } from '../../engine/option-schema';

const DEFAULT_RESOURCE_CALLS = [
  'socket.socket',
  'socket.create_connection',
  'socket.create_server',
  'socket.socketpair',
  'sqlite3.connect',
  'psycopg2.connect',
  'psycopg.connect',
  'pymysql.connect',
  'MySQLdb.connect',
  'mysql.connector.connect',
  'pyodbc.connect',
  'oracledb.connect',
  'cx_Oracle.connect',
  'ftplib.FTP',
  'smtplib.SMTP',
  'smtplib.SMTP_SSL',
  'imaplib.IMAP4',
  'imaplib.IMAP4_SSL',
  'poplib.POP3',
  'telnetlib.Telnet',
];

/** `[tool.pyconv.pyconv-resources]`: what PCV504 treats as a handle that must be closed. */
export const resourceOptions = declareOptions(
  'pyconv-resources',
  {
    'resource-calls': stringListOption(DEFAULT_RESOURCE_CALLS, {
      typeDoc: 'list of qualified names',
      defaultDoc:
        'sockets (`socket.socket`, `socket.create_connection`, ...), DB-API connections (`sqlite3.connect`, `psycopg2.connect`, `pymysql.connect`, ...) and `ftplib`/`smtplib`/`imaplib`/`poplib`/`telnetlib` clients',
      doc: 'calls whose result PCV504 wants opened in `with` (or closed in `finally`). Setting it replaces the defaults.',
    }),
    'extend-resource-calls': stringListOption([], {
      typeDoc: 'list of qualified names',
      doc: 'more calls for PCV504, on top of `resource-calls` (e.g. `redis.Redis`).',
    }),
  },
  { intro: 'Options of PCV504 (sockets and connections opened outside `with`).' },
);

export const resourceCalls = resourceOptions.derived(
  (options) => new Set([...options['resource-calls'], ...options['extend-resource-calls']]),
);
