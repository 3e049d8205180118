/*
 * crm/cli.h - the shared front end of every crm-<noun> program.
 *
 * A program declares its verbs in a table; each verb names the common
 * option groups it takes and a table of its own options.  crm_cli_main()
 * parses the command line with getopt_long from those tables, prints the
 * usage that the same tables describe for -h/--help, prints -V/--version,
 * runs the verb, prints any error as "crm-<noun>: message" on stderr and
 * returns the exit status.  These are the only libcrm functions that
 * write to stdout or stderr.
 *
 * The bad-input policy lives here too (crm_cli_each): strict by default,
 * the first bad record stops the run with its code; with --reject FILE
 * bad records are written to FILE as {"file","line","error","text"} and
 * the run goes on.  Either way the counts add up: read = accepted +
 * rejected.
 */
#ifndef CRM_CLI_H
#define CRM_CLI_H

#include <stdio.h>

#include "db.h"
#include "err.h"
#include "fmt.h"
#include "io.h"
#include "rec.h"
#include "report.h"

/* One option.  key is the short letter, or a value above 255 for a long
 * option only; it is also how the verb asks for the option's value. */
typedef struct crm_opt {
	const char *name;
	int key;
	const char *arg;    /* argument name for --help; NULL for a flag */
	const char *help;
} crm_opt;

/* Common option groups a verb may take (bits of crm_verb.common).
 * -h/--help, -V/--version, -q/--quiet and -v/--verbose are always there. */
enum {
	CRM_CLI_DB = 1,      /* -d/--db PATH, --busy-timeout MS */
	CRM_CLI_INPUT = 2,   /* -i/--input-format FMT, --max-line BYTES */
	CRM_CLI_OUTPUT = 4,  /* -o/--output FILE, -f/--format FMT, -z/--gzip,
	                        --fields LIST */
	CRM_CLI_REJECT = 8   /* --reject FILE */
};

/* Keys of the common options, for crm_cli_opt(). */
enum {
	CRM_OPT_DB = 'd', CRM_OPT_INPUT_FORMAT = 'i', CRM_OPT_OUTPUT = 'o',
	CRM_OPT_FORMAT = 'f', CRM_OPT_GZIP = 'z', CRM_OPT_QUIET = 'q',
	CRM_OPT_VERBOSE = 'v',
	CRM_OPT_BUSY_TIMEOUT = 1000, CRM_OPT_MAX_LINE, CRM_OPT_FIELDS,
	CRM_OPT_REJECT
};

typedef struct crm_cli crm_cli;

typedef struct crm_verb {
	const char *name;
	int (*run)(crm_cli *cli);   /* returns CRM_OK or a code, err set */
	unsigned common;            /* CRM_CLI_* bits */
	const crm_opt *opts;        /* own options, ended by {NULL}; or NULL */
	const char *operands;       /* "[FILE ...]", "DEST", or NULL */
	const char *summary;        /* one line for --help */
} crm_verb;

typedef struct crm_prog {
	const char *name;           /* "crm-db" */
	const char *summary;
	const crm_verb *verbs;      /* ended by {NULL} */
} crm_prog;

/* Parse, dispatch, report; returns the exit status for main(). */
CRM_API int crm_cli_main(const crm_prog *prog, int argc, char **argv);

/* Inside a verb: */
CRM_API const char *crm_cli_prog(const crm_cli *cli);
/* The value given for option key; "" for a flag that was given; NULL when
 * not given (for options given twice, the last). */
CRM_API const char *crm_cli_opt(const crm_cli *cli, int key);
/* The value of date option key, which must be YYYY-MM-DD: *out (may be
 * NULL) gets it, or NULL when not given.  CRM_EUSAGE "--NAME: reason:
 * value" for a value that is not a date. */
CRM_API int crm_cli_date_opt(crm_cli *cli, int key, const char **out);
/* The value of option key as a whole number from min to max (at most nine
 * digits), def when not given.  CRM_EUSAGE "--NAME: not a whole number
 * from MIN to MAX: value". */
CRM_API int crm_cli_whole_opt(crm_cli *cli, int key, long min, long max,
	long def, long *out);
/* The value of option key as a country calling code (1 to 3 digits, such
 * as 86 or 1) into *out, def (may be NULL) when not given.  CRM_EUSAGE
 * "--NAME: not a country calling code (...): value". */
CRM_API int crm_cli_country_opt(crm_cli *cli, int key, const char *def,
	const char **out);
CRM_API int crm_cli_quiet(const crm_cli *cli);
CRM_API int crm_cli_verbose(const crm_cli *cli);
/* The operands (non-option arguments after the verb). */
CRM_API int crm_cli_nargs(const crm_cli *cli);
CRM_API const char *crm_cli_arg(const crm_cli *cli, int i);
/* The crm_err a verb fills before returning a code. */
CRM_API crm_err *crm_cli_err(crm_cli *cli);
/* Drop the first n operands (at most all), so that crm_cli_each reads
 * only the files after operands that are not files (the field list of
 * crm-rec rename). */
CRM_API void crm_cli_shift(crm_cli *cli, int n);
/* Report a usage error (CRM_EUSAGE) with the verb's usage line. */
CRM_API int crm_cli_usage_error(crm_cli *cli, const char *fmt, ...)
	CRM_PRINTF(2, 3);

/* Open the database named by -d/--db (else $CRM_DB, else ./crm.db) with
 * the crm_db_open flags and --busy-timeout. */
CRM_API int crm_cli_open_db(crm_cli *cli, int flags, crm_db **db);
/* Open the output named by -o (stdout if none) in the -f format, gzip
 * with -z or a .gz name, with --fields as its columns. */
CRM_API int crm_cli_open_out(crm_cli *cli, crm_out **out);

/* The same, with columns[0..n) as the columns of the tabular formats
 * when --fields does not choose them: for records that differ in the
 * fields they have. */
CRM_API int crm_cli_open_out_columns(crm_cli *cli,
	const char *const *columns, size_t n, crm_out **out);

/* Close out, which flushes what was written so far even when the verb
 * failed (a filter streams: the records before a bad one are out).
 * Returns rc, or the close's error when rc is CRM_OK (a full disk).
 * out may be NULL. */
CRM_API int crm_cli_close_out(crm_cli *cli, crm_out *out, int rc);

/* Open the report of spec on the output named by -o in the -f format
 * (html too), gzip with -z or a .gz name, with --fields as its columns.
 * Close it with crm_cli_close_report(cli, rep, rc), which finishes it
 * when rc is CRM_OK and else drops what it kept (rows already streamed
 * as JSON lines, CSV or TSV stay written).  Returns rc, or the close's
 * error (a full disk). */
CRM_API int crm_cli_open_report(crm_cli *cli, const crm_report_spec *spec,
	crm_report **rep);
CRM_API int crm_cli_close_report(crm_cli *cli, crm_report *rep, int rc);

/* Read every record of the operands (each a file, "-" for stdin; stdin
 * when there are none) in the -i format, calling fn for each.  fn returns
 * CRM_OK, CRM_EDATA for a bad record (handled by the policy above), or
 * another code that stops the run.  With db not NULL and --reject given,
 * each fn call runs inside a savepoint that is rolled back when fn fails,
 * so a rejected record leaves nothing in the database.  Shows progress
 * on stderr when stderr is a terminal. */
typedef int (*crm_rec_fn)(void *ctx, crm_rec *rec, crm_err *err);
CRM_API int crm_cli_each(crm_cli *cli, crm_db *db, crm_rec_fn fn, void *ctx);

/* The same for records that belong together, such as the lines of one
 * order: consecutive records with the same value of field key (a record
 * without it is a group of its own; a group never spans two files) are
 * handed to fn at once as recs[0..n), valid until fn returns.  With
 * --reject, a group that fails with CRM_EDATA goes to the reject file
 * whole, every record with the group's error, and a record that cannot
 * be read takes the group it falls in with it (and the records of that
 * group's key that follow): a group is written whole or not at all.
 * The counts are of records. */
typedef int (*crm_group_fn)(void *ctx, crm_rec *const *recs, size_t n,
	crm_err *err);
CRM_API int crm_cli_each_group(crm_cli *cli, crm_db *db, const char *key,
	crm_group_fn fn, void *ctx);

/* Records read, accepted and rejected by crm_cli_each so far. */
CRM_API void crm_cli_counts(const crm_cli *cli, unsigned long *read,
	unsigned long *accepted, unsigned long *rejected);
/* "crm-x: read N, accepted A, rejected R" (plus extra if not NULL) on
 * stderr, unless -q. */
CRM_API void crm_cli_summary(const crm_cli *cli, const char *extra);
/* The same for a filter, which is silent unless asked (-v) or unless it
 * may have set records aside (--reject). */
CRM_API void crm_cli_filter_summary(const crm_cli *cli);

#endif
