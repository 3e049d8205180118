/*
 * cli.c - the front end shared by every program: option tables that
 * drive both getopt_long and --help, verb dispatch, error reporting, and
 * the bad-input policy over a stream of records.
 */
#include "internal.h"
#include "json.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <time.h>
#include <unistd.h>

#define MAX_OPTS 64

static const crm_opt always_opts[] = {
	{ "quiet", 'q', NULL, "say nothing on stderr but errors" },
	{ "verbose", 'v', NULL, "say more on stderr" },
	{ "help", 'h', NULL, "show this help and exit" },
	{ "version", 'V', NULL, "show the version and exit" },
	{ NULL, 0, NULL, NULL }
};

static const crm_opt db_opts[] = {
	{ "db", 'd', "DB", "the database file (default $CRM_DB, else "
	    "./crm.db)" },
	{ "busy-timeout", CRM_OPT_BUSY_TIMEOUT, "MS", "wait this long for a "
	    "locked database (default $CRM_BUSY_TIMEOUT, else 5000)" },
	{ NULL, 0, NULL, NULL }
};

static const crm_opt input_opts[] = {
	{ "input-format", 'i', "FMT", "input format: jsonl, csv or tsv "
	    "(default: from the file name, else jsonl)" },
	{ "max-line", CRM_OPT_MAX_LINE, "BYTES", "longest input line or "
	    "record accepted (default 1048576)" },
	{ NULL, 0, NULL, NULL }
};

static const crm_opt output_opts[] = {
	{ "output", 'o', "FILE", "write to FILE instead of stdout" },
	{ "format", 'f', "FMT", "output format: jsonl, csv, tsv, table, md "
	    "(default jsonl)" },
	{ "gzip", 'z', NULL, "gzip the output (also for -o NAME.gz)" },
	{ "fields", CRM_OPT_FIELDS, "LIST", "comma-separated fields to "
	    "write, in this order" },
	{ NULL, 0, NULL, NULL }
};

static const crm_opt reject_opts[] = {
	{ "reject", CRM_OPT_REJECT, "FILE", "set bad records aside in FILE "
	    "and go on (default: stop at the first)" },
	{ NULL, 0, NULL, NULL }
};

struct crm_cli {
	const crm_prog *prog;
	const crm_verb *verb;
	const crm_opt *opts[MAX_OPTS];
	size_t nopts;
	const char *values[MAX_OPTS];
	int nargs;
	char **args;
	int quiet, verbose;
	crm_err err;
	unsigned long read, accepted, rejected;
};

static void
add_opts(crm_cli *cli, const crm_opt *o)
{
	for (; o != NULL && o->name != NULL && cli->nopts < MAX_OPTS; o++)
		cli->opts[cli->nopts++] = o;
}

static void
collect_opts(crm_cli *cli, const crm_verb *v)
{
	cli->nopts = 0;
	add_opts(cli, always_opts);
	if (v->common & CRM_CLI_DB)
		add_opts(cli, db_opts);
	if (v->common & CRM_CLI_INPUT)
		add_opts(cli, input_opts);
	if (v->common & CRM_CLI_OUTPUT)
		add_opts(cli, output_opts);
	if (v->common & CRM_CLI_REJECT)
		add_opts(cli, reject_opts);
	add_opts(cli, v->opts);
}

static int
is_short(int key)
{
	return key > 0 && key < 256;
}

/* "usage: crm-db load [-qv] [-d DB] [--reject FILE] [FILE ...]": short
 * flags grouped first, then each option with an argument or long only,
 * in table order. */
static void
print_usage_line(FILE *fp, const crm_cli *cli, const crm_verb *v)
{
	size_t i;
	int any = 0;

	fprintf(fp, "usage: %s %s", cli->prog->name, v->name);
	for (i = 0; i < cli->nopts; i++) {
		const crm_opt *o = cli->opts[i];

		if (!is_short(o->key) || o->arg != NULL || o->key == 'h' ||
		    o->key == 'V')
			continue;
		fprintf(fp, "%s%c", any++ ? "" : " [-", o->key);
	}
	if (any)
		fputc(']', fp);
	for (i = 0; i < cli->nopts; i++) {
		const crm_opt *o = cli->opts[i];

		if (o->key == 'h' || o->key == 'V')
			continue;
		if (is_short(o->key) && o->arg != NULL)
			fprintf(fp, " [-%c %s]", o->key, o->arg);
		else if (!is_short(o->key))
			fprintf(fp, " [--%s%s%s]", o->name, o->arg ? " " : "",
			    o->arg ? o->arg : "");
	}
	if (v->operands != NULL)
		fprintf(fp, " %s", v->operands);
	fputc('\n', fp);
}

static void
print_verb_help(FILE *fp, crm_cli *cli, const crm_verb *v)
{
	size_t i;

	print_usage_line(fp, cli, v);
	fprintf(fp, "\n%s\n\noptions:\n", v->summary);
	for (i = 0; i < cli->nopts; i++) {
		const crm_opt *o = cli->opts[i];
		char left[64];

		if (is_short(o->key))
			snprintf(left, sizeof(left), "-%c, --%s%s%s", o->key,
			    o->name, o->arg ? " " : "", o->arg ? o->arg : "");
		else
			snprintf(left, sizeof(left), "    --%s%s%s", o->name,
			    o->arg ? " " : "", o->arg ? o->arg : "");
		fprintf(fp, "  %-26s %s\n", left, o->help);
	}
}

static void
print_prog_help(FILE *fp, const crm_prog *p)
{
	const crm_verb *v;
	int width = 10;

	for (v = p->verbs; v->name != NULL; v++)
		if ((int)strlen(v->name) > width)
			width = (int)strlen(v->name);
	fprintf(fp, "usage: %s VERB [options] [ARG ...]\n\n%s\n\nverbs:\n",
	    p->name, p->summary);
	for (v = p->verbs; v->name != NULL; v++)
		fprintf(fp, "  %-*s %s\n", width, v->name, v->summary);
	fprintf(fp, "\nRun '%s VERB --help' for a verb's options; "
	    "man %s for the manual.\n", p->name, p->name);
}

static int
print_version(const crm_prog *p)
{
	printf("%s (crm) %s\n", p->name, crm_version());
	return CRM_OK;
}

/* stdout must reach its reader: a full disk is an error (exit 74). */
static int
flush_stdout(const crm_prog *p, int status)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "%s: stdout: %s\n", p->name, strerror(errno));
		return status ? status : CRM_EIO;
	}
	return status;
}

int
crm_cli_usage_error(crm_cli *cli, const char *fmt, ...)
{
	crm_err why;
	va_list ap;

	/* Into a copy first: an argument may be the message it replaces
	 * (crm_cli_err(cli)->msg). */
	va_start(ap, fmt);
	crm_err_vset(&why, CRM_EUSAGE, fmt, ap);
	va_end(ap);
	cli->err = why;
	return CRM_EUSAGE;
}

static int
parse_opts(crm_cli *cli, int argc, char **argv)
{
	struct option lopts[MAX_OPTS + 1];
	char shorts[3 * MAX_OPTS + 2], *sp = shorts;
	size_t i;
	int c;

	*sp++ = ':';    /* report a missing argument as ':' */
	for (i = 0; i < cli->nopts; i++) {
		const crm_opt *o = cli->opts[i];

		lopts[i].name = o->name;
		lopts[i].has_arg = o->arg ? required_argument : no_argument;
		lopts[i].flag = NULL;
		lopts[i].val = o->key;
		if (is_short(o->key)) {
			*sp++ = (char)o->key;
			if (o->arg)
				*sp++ = ':';
		}
	}
	*sp = '\0';
	memset(&lopts[cli->nopts], 0, sizeof(lopts[0]));
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, shorts, lopts, NULL)) != -1) {
		if (c == '?' || c == ':') {
			const char *bad = argv[optind - 1];

			return crm_cli_usage_error(cli, "%s: %s", c == ':' ?
			    "option needs a value" : "unknown option", bad);
		}
		for (i = 0; i < cli->nopts; i++)
			if (cli->opts[i]->key == c)
				cli->values[i] = optarg ? optarg : "";
	}
	cli->args = argv + optind;
	cli->nargs = argc - optind;
	return CRM_OK;
}

const char *
crm_cli_opt(const crm_cli *cli, int key)
{
	size_t i;

	for (i = 0; i < cli->nopts; i++)
		if (cli->opts[i]->key == key)
			return cli->values[i];
	return NULL;
}

int
crm_cli_date_opt(crm_cli *cli, int key, const char **out)
{
	const char *s = NULL, *name = "";
	crm_err why;
	int32_t day;
	size_t i;

	for (i = 0; i < cli->nopts && name[0] == '\0'; i++)
		if (cli->opts[i]->key == key) {
			s = cli->values[i];
			name = cli->opts[i]->name;
		}
	if (out != NULL)
		*out = s;
	if (s != NULL && crm_date_parse(s, strlen(s), &day, &why) != CRM_OK)
		return crm_cli_usage_error(cli, "--%s: %s: %s", name, why.msg,
		    s);
	return CRM_OK;
}

int
crm_cli_whole_opt(crm_cli *cli, int key, long min, long max, long def,
    long *out)
{
	const char *s = NULL, *name = "";
	size_t i;

	for (i = 0; i < cli->nopts && name[0] == '\0'; i++)
		if (cli->opts[i]->key == key) {
			s = cli->values[i];
			name = cli->opts[i]->name;
		}
	*out = def;
	if (s == NULL)
		return CRM_OK;
	if (*s == '\0' || strspn(s, "0123456789") != strlen(s) ||
	    strlen(s) > 9 || strtol(s, NULL, 10) < min ||
	    strtol(s, NULL, 10) > max)
		return crm_cli_usage_error(cli, "--%s: not a whole number "
		    "from %ld to %ld: %s", name, min, max, s);
	*out = strtol(s, NULL, 10);
	return CRM_OK;
}

int
crm_cli_country_opt(crm_cli *cli, int key, const char *def,
    const char **out)
{
	const char *s = NULL, *name = "";
	size_t i;

	for (i = 0; i < cli->nopts && name[0] == '\0'; i++)
		if (cli->opts[i]->key == key) {
			s = cli->values[i];
			name = cli->opts[i]->name;
		}
	*out = s != NULL ? s : def;
	if (s == NULL)
		return CRM_OK;
	if (*s == '\0' || strlen(s) > 3 || strspn(s, "0123456789") !=
	    strlen(s))
		return crm_cli_usage_error(cli, "--%s: not a country calling "
		    "code (1 to 3 digits, such as 86 or 1): %s", name, s);
	return CRM_OK;
}

int
crm_cli_main(const crm_prog *prog, int argc, char **argv)
{
	crm_cli cli;
	const crm_verb *v;
	int rc;

	memset(&cli, 0, sizeof(cli));
	cli.prog = prog;
	if (argc < 2) {
		print_prog_help(stderr, prog);
		return CRM_EUSAGE;
	}
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
		print_prog_help(stdout, prog);
		return flush_stdout(prog, CRM_OK);
	}
	if (strcmp(argv[1], "-V") == 0 || strcmp(argv[1], "--version") == 0)
		return flush_stdout(prog, print_version(prog));
	for (v = prog->verbs; v->name != NULL; v++)
		if (strcmp(v->name, argv[1]) == 0)
			break;
	if (v->name == NULL) {
		fprintf(stderr, "%s: unknown verb '%s'; %s --help lists them\n",
		    prog->name, argv[1], prog->name);
		return CRM_EUSAGE;
	}
	cli.verb = v;
	collect_opts(&cli, v);
	if ((rc = parse_opts(&cli, argc - 1, argv + 1)) != CRM_OK) {
		fprintf(stderr, "%s %s: %s\n", prog->name, v->name, cli.err.msg);
		print_usage_line(stderr, &cli, v);
		return rc;
	}
	if (crm_cli_opt(&cli, 'h') != NULL) {
		print_verb_help(stdout, &cli, v);
		return flush_stdout(prog, CRM_OK);
	}
	if (crm_cli_opt(&cli, 'V') != NULL)
		return flush_stdout(prog, print_version(prog));
	cli.quiet = crm_cli_opt(&cli, 'q') != NULL;
	cli.verbose = crm_cli_opt(&cli, 'v') != NULL;
	rc = v->run(&cli);
	rc = flush_stdout(prog, rc);
	if (rc != CRM_OK && cli.err.msg[0] != '\0') {
		fprintf(stderr, "%s: %s\n", prog->name, cli.err.msg);
		if (rc == CRM_EUSAGE)
			print_usage_line(stderr, &cli, v);
	}
	return rc;
}

const char *
crm_cli_prog(const crm_cli *cli)
{
	return cli->prog->name;
}

int
crm_cli_quiet(const crm_cli *cli)
{
	return cli->quiet;
}

int
crm_cli_verbose(const crm_cli *cli)
{
	return cli->verbose;
}

int
crm_cli_nargs(const crm_cli *cli)
{
	return cli->nargs;
}

const char *
crm_cli_arg(const crm_cli *cli, int i)
{
	return i >= 0 && i < cli->nargs ? cli->args[i] : NULL;
}

void
crm_cli_shift(crm_cli *cli, int n)
{
	if (n > cli->nargs)
		n = cli->nargs;
	if (n > 0) {
		cli->args += n;
		cli->nargs -= n;
	}
}

crm_err *
crm_cli_err(crm_cli *cli)
{
	return &cli->err;
}

static int
parse_count(crm_cli *cli, const char *opt, const char *s, long max,
    long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v < 0 || v > max)
		return crm_cli_usage_error(cli, "--%s: not a number from 0 to "
		    "%ld: %s", opt, max, s);
	*out = v;
	return CRM_OK;
}

int
crm_cli_open_db(crm_cli *cli, int flags, crm_db **db)
{
	const char *ms = crm_cli_opt(cli, CRM_OPT_BUSY_TIMEOUT);
	long timeout = -1;
	int rc;

	*db = NULL;
	if (ms != NULL && (rc = parse_count(cli, "busy-timeout", ms,
	    86400000L, &timeout)) != CRM_OK)
		return rc;
	if ((rc = crm_db_open(db, crm_cli_opt(cli, CRM_OPT_DB), flags,
	    &cli->err)) != CRM_OK)
		return rc;
	if (timeout >= 0)
		crm_db_set_busy_timeout(*db, (int)timeout);
	return CRM_OK;
}

/* "a,b,c" to a list of names; an empty name is a usage error. */
static int
split_fields(crm_cli *cli, const char *list, char ***names, size_t *n)
{
	const char *p = list;
	size_t k = 1, i = 0;
	char **v;

	for (; *p; p++)
		k += *p == ',';
	if ((v = calloc(k, sizeof(*v))) == NULL)
		return crm_err_nomem(&cli->err);
	for (p = list; i < k; i++) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);

		if (len == 0 || (v[i] = strndup(p, len)) == NULL) {
			*names = v;
			*n = i;
			return len == 0 ? crm_cli_usage_error(cli, "--fields: "
			    "empty field name in '%s'", list) :
			    crm_err_nomem(&cli->err);
		}
		p += len + 1;
	}
	*names = v;
	*n = k;
	return CRM_OK;
}

int
crm_cli_open_out_columns(crm_cli *cli, const char *const *columns, size_t n,
    crm_out **out)
{
	const char *fmt_name = crm_cli_opt(cli, CRM_OPT_FORMAT);
	crm_format fmt = CRM_FMT_JSONL;
	int rc;

	if ((rc = crm_cli_open_out(cli, out)) != CRM_OK)
		return rc;
	if (fmt_name != NULL)
		crm_format_parse(fmt_name, &fmt, &cli->err);
	if (fmt == CRM_FMT_JSONL || crm_cli_opt(cli, CRM_OPT_FIELDS) != NULL)
		return CRM_OK;
	if ((rc = crm_out_set_fields(*out, columns, n, &cli->err)) != CRM_OK) {
		crm_out_abort(*out);
		*out = NULL;
	}
	return rc;
}

int
crm_cli_open_out(crm_cli *cli, crm_out **out)
{
	const char *fmt_name = crm_cli_opt(cli, CRM_OPT_FORMAT);
	const char *fields = crm_cli_opt(cli, CRM_OPT_FIELDS);
	crm_format fmt = CRM_FMT_JSONL;
	char **names = NULL;
	size_t n = 0, i;
	int rc;

	*out = NULL;
	if (fmt_name != NULL &&
	    (rc = crm_format_parse(fmt_name, &fmt, &cli->err)) != CRM_OK)
		return rc;
	if (fields != NULL && (rc = split_fields(cli, fields, &names, &n)) !=
	    CRM_OK)
		goto out;
	rc = crm_out_open(out, crm_cli_opt(cli, CRM_OPT_OUTPUT), fmt,
	    crm_cli_opt(cli, CRM_OPT_GZIP) ? CRM_OUT_GZIP : 0, &cli->err);
	if (rc == CRM_OK && names != NULL &&
	    (rc = crm_out_set_fields(*out, (const char *const *)names, n,
	    &cli->err)) != CRM_OK) {
		crm_out_abort(*out);
		*out = NULL;
	}
out:
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
}

int
crm_cli_open_report(crm_cli *cli, const crm_report_spec *spec,
    crm_report **rep)
{
	const char *fmt_name = crm_cli_opt(cli, CRM_OPT_FORMAT);
	const char *fields = crm_cli_opt(cli, CRM_OPT_FIELDS);
	crm_format fmt = CRM_FMT_JSONL;
	char **names = NULL;
	size_t n = 0, i;
	int rc;

	*rep = NULL;
	if (fmt_name != NULL &&
	    (rc = crm_format_parse(fmt_name, &fmt, &cli->err)) != CRM_OK)
		return rc;
	if (fields != NULL && (rc = split_fields(cli, fields, &names, &n)) !=
	    CRM_OK)
		goto out;
	rc = crm_report_open(rep, spec, crm_cli_opt(cli, CRM_OPT_OUTPUT), fmt,
	    crm_cli_opt(cli, CRM_OPT_GZIP) ? CRM_REPORT_GZIP : 0,
	    (const char *const *)names, n, &cli->err);
out:
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
}

int
crm_cli_close_report(crm_cli *cli, crm_report *rep, int rc)
{
	crm_err cerr;
	int crc;

	if (rc != CRM_OK) {
		crm_report_abort(rep);
		return rc;
	}
	if ((crc = crm_report_close(rep, &cerr)) != CRM_OK)
		cli->err = cerr;
	return crc;
}

int
crm_cli_close_out(crm_cli *cli, crm_out *out, int rc)
{
	crm_err cerr;
	int crc = crm_out_close(out, &cerr);

	if (rc == CRM_OK && crc != CRM_OK) {
		cli->err = cerr;
		return crc;
	}
	return rc;
}

/* Progress on a terminal only: "crm-db: 1200000 records" twice a second. */
struct progress {
	int on;
	struct timespec last;
};

static void
progress_tick(crm_cli *cli, struct progress *pg, int done)
{
	struct timespec now;

	if (!pg->on || (!done && (cli->read & 0xFFF) != 0))
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (!done && (now.tv_sec - pg->last.tv_sec) * 1000 +
	    (now.tv_nsec - pg->last.tv_nsec) / 1000000 < 500)
		return;
	pg->last = now;
	fprintf(stderr, "\r%s: %lu records%s", cli->prog->name, cli->read,
	    done ? "\n" : "");
}

/* Set key to text with every byte that is not valid UTF-8 replaced by
 * U+FFFD, so that the reject file itself stays valid JSON. */
static int
set_text_lossy(crm_rec *r, const char *key, const char *s, size_t n,
    crm_err *err)
{
	crm_buf b = CRM_BUF_INIT;
	size_t ok;
	int rc = CRM_OK;

	while (n > 0 && rc == CRM_OK) {
		ok = crm_utf8_invalid(s, n);
		rc = crm_buf_add(&b, s, ok);
		if (rc == CRM_OK && ok < n)
			rc = crm_buf_add(&b, "\xEF\xBF\xBD", 3);
		ok += ok < n;
		s += ok;
		n -= ok;
	}
	if (rc == CRM_OK)
		rc = crm_rec_set_str(r, key, b.data ? b.data : "", b.len, err);
	else
		rc = crm_err_nomem(err);
	crm_buf_free(&b);
	return rc;
}

/* A bad record goes to the reject file with its place and text. */
static int
reject_text(crm_cli *cli, crm_out *rj, crm_rec *tmp, const char *name,
    unsigned long line, const char *text, size_t len, const crm_err *why)
{
	crm_err *err = &cli->err;
	int rc;

	crm_rec_clear(tmp);
	if ((rc = crm_rec_set_str(tmp, "file", name, strlen(name), err)) ||
	    (rc = crm_rec_set_int(tmp, "line", (int64_t)line, err)) ||
	    (rc = crm_rec_set_str(tmp, "error", why->msg, strlen(why->msg),
	    err)))
		return rc;
	/* The text may not be valid UTF-8 (that may be why it is here):
	 * store such bytes as U+FFFD rather than write bad JSON. */
	rc = set_text_lossy(tmp, "text", text, len, err);
	if (rc == CRM_OK)
		rc = crm_out_write(rj, tmp, err);
	return rc;
}

static int
reject(crm_cli *cli, crm_out *rj, crm_rec *tmp, crm_in *in,
    const crm_err *why)
{
	size_t len;
	const char *text = crm_in_text(in, &len);

	return reject_text(cli, rj, tmp, crm_in_name(in), crm_in_line(in),
	    text, len, why);
}

/* When bad records are set aside (on), each record or group runs under
 * a savepoint, so that one refused leaves nothing behind: release it
 * after rc CRM_OK, roll back to it after anything else, keeping the
 * error that fn set.  CRM_OK, or the code of a savepoint that failed. */
static int
guard_end(crm_db *db, int on, int rc, crm_err *err)
{
	crm_err keep;
	int rc2;

	if (!on)
		return CRM_OK;
	keep = *err;
	rc2 = rc == CRM_OK ? crm_db_release(db, err) :
	    crm_db_rollback_to(db, err);
	if (rc2 != CRM_OK)
		return rc2;
	*err = keep;
	return CRM_OK;
}

static int
each_file(crm_cli *cli, crm_in *in, crm_db *db, crm_out *rj, crm_rec *rec,
    crm_rec *tmp, crm_rec_fn fn, void *ctx, struct progress *pg)
{
	crm_err *err = &cli->err;
	crm_err bad;
	int rc;

	for (;;) {
		rc = crm_in_read(in, rec, err);
		if (rc == CRM_END)
			return CRM_OK;
		if (rc != CRM_OK && rc != CRM_EDATA)
			return rc;
		cli->read++;
		progress_tick(cli, pg, 0);
		if (rc == CRM_OK) {
			int on = rj != NULL && db != NULL, rc2;

			if (on && (rc = crm_db_savepoint(db, err)) != CRM_OK)
				return rc;
			rc = fn(ctx, rec, err);
			if ((rc2 = guard_end(db, on, rc, err)) != CRM_OK)
				return rc2;
		}
		if (rc == CRM_OK) {
			cli->accepted++;
			continue;
		}
		if (rc != CRM_EDATA || rj == NULL || crm_in_failed(in))
			return rc;
		bad = *err;
		if ((rc = reject(cli, rj, tmp, in, &bad)) != CRM_OK)
			return rc;
		cli->rejected++;
		if (cli->verbose)
			fprintf(stderr, "%s: rejected: %s\n", cli->prog->name,
			    bad.msg);
	}
}

/* What a run over the input needs: its format, line limit, reject file
 * and progress, from the options. */
struct each {
	crm_format fmt;
	long max_line;
	crm_out *rj;
	crm_rec *tmp;
	struct progress pg;
};

static int
each_begin(crm_cli *cli, struct each *e)
{
	const char *ifmt = crm_cli_opt(cli, CRM_OPT_INPUT_FORMAT);
	const char *maxl = crm_cli_opt(cli, CRM_OPT_MAX_LINE);
	const char *rjpath = crm_cli_opt(cli, CRM_OPT_REJECT);
	int rc;

	memset(e, 0, sizeof(*e));
	e->fmt = CRM_FMT_AUTO;
	e->max_line = CRM_IN_MAX_LINE_DEFAULT;
	e->pg.on = !cli->quiet && isatty(2);
	if ((e->tmp = crm_rec_new()) == NULL)
		return crm_err_nomem(&cli->err);
	if (ifmt != NULL && ((rc = crm_format_parse(ifmt, &e->fmt,
	    &cli->err)) != CRM_OK || (e->fmt != CRM_FMT_JSONL &&
	    e->fmt != CRM_FMT_CSV && e->fmt != CRM_FMT_TSV &&
	    (rc = crm_cli_usage_error(cli, "-i: %s is not an input format "
	    "(jsonl, csv, tsv)", ifmt)) != CRM_OK)))
		return rc;
	if (maxl != NULL && (rc = parse_count(cli, "max-line", maxl,
	    1L << 30, &e->max_line)) != CRM_OK)
		return rc;
	if (rjpath != NULL && (rc = crm_out_open(&e->rj, rjpath,
	    CRM_FMT_JSONL, 0, &cli->err)) != CRM_OK)
		return rc;
	return CRM_OK;
}

/* Open the i-th input of the run. */
static int
each_open(crm_cli *cli, struct each *e, int i, crm_in **in)
{
	int rc;

	if ((rc = crm_in_open(in, cli->nargs > 0 ? cli->args[i] : NULL,
	    e->fmt, &cli->err)) != CRM_OK)
		return rc;
	crm_in_set_max_line(*in, (size_t)e->max_line);
	return CRM_OK;
}

static int
each_end(crm_cli *cli, struct each *e, int rc)
{
	progress_tick(cli, &e->pg, 1);
	if (e->rj != NULL) {
		crm_err cerr;

		if (crm_out_close(e->rj, &cerr) != CRM_OK && rc == CRM_OK) {
			cli->err = cerr;
			rc = cerr.code;
		}
	}
	crm_rec_free(e->tmp);
	return rc;
}

int
crm_cli_each(crm_cli *cli, crm_db *db, crm_rec_fn fn, void *ctx)
{
	crm_rec *rec = crm_rec_new();
	int i, n = cli->nargs > 0 ? cli->nargs : 1, rc;
	struct each e;
	crm_in *in;

	if ((rc = each_begin(cli, &e)) == CRM_OK && rec == NULL)
		rc = crm_err_nomem(&cli->err);
	for (i = 0; i < n && rc == CRM_OK; i++) {
		if ((rc = each_open(cli, &e, i, &in)) != CRM_OK)
			break;
		rc = each_file(cli, in, db, e.rj, rec, e.tmp, fn, ctx, &e.pg);
		crm_in_close(in);
	}
	crm_rec_free(rec);
	return each_end(cli, &e, rc);
}

/* The records of one group, with their places and texts for the reject
 * file. */
struct group {
	crm_rec **recs;
	size_t n, cap;
	crm_buf text;
	size_t *off;
	unsigned long *line;
	crm_buf lost;       /* key of a group that lost a record, or empty */
};

static void
group_free(struct group *g)
{
	size_t i;

	for (i = 0; i < g->cap; i++)
		crm_rec_free(g->recs[i]);
	free(g->recs);
	free(g->off);
	free(g->line);
	crm_buf_free(&g->text);
	crm_buf_free(&g->lost);
}

/* A record to read the next one into: recs[n]. */
static int
group_slot(struct group *g, crm_err *err)
{
	size_t cap = g->cap ? 2 * g->cap : 8, i;
	crm_rec **recs;
	size_t *off;
	unsigned long *line;

	if (g->n < g->cap)
		return CRM_OK;
	if ((recs = realloc(g->recs, cap * sizeof(*recs))) == NULL)
		return crm_err_nomem(err);
	g->recs = recs;
	for (i = g->cap; i < cap; i++)
		recs[i] = NULL;
	if ((off = realloc(g->off, cap * sizeof(*off))) == NULL)
		return crm_err_nomem(err);
	g->off = off;
	if ((line = realloc(g->line, cap * sizeof(*line))) == NULL)
		return crm_err_nomem(err);
	g->line = line;
	for (i = g->cap; i < cap; i++)
		if ((recs[i] = crm_rec_new()) == NULL) {
			g->cap = i;
			return crm_err_nomem(err);
		}
	g->cap = cap;
	return CRM_OK;
}

/* Keep the text of the record just read into recs[n] and count it in. */
static int
group_keep(struct group *g, crm_in *in, crm_err *err)
{
	size_t len;
	const char *text = crm_in_text(in, &len);

	g->off[g->n] = g->text.len;
	g->line[g->n] = crm_in_line(in);
	if (crm_buf_add(&g->text, text, len) != CRM_OK ||
	    crm_buf_addc(&g->text, '\0') != CRM_OK)
		return crm_err_nomem(err);
	g->n++;
	return CRM_OK;
}

/* Every record of the group to the reject file, each with why. */
static int
group_reject(crm_cli *cli, struct each *e, struct group *g,
    const char *name, const crm_err *why)
{
	size_t i;
	int rc;

	for (i = 0; i < g->n; i++) {
		const char *t = g->text.data + g->off[i];

		if ((rc = reject_text(cli, e->rj, e->tmp, name, g->line[i], t,
		    strlen(t), why)) != CRM_OK)
			return rc;
		cli->rejected++;
	}
	if (cli->verbose && g->n > 0)
		fprintf(stderr, "%s: rejected %zu records: %s\n",
		    cli->prog->name, g->n, why->msg);
	return CRM_OK;
}

/* Hand the group to fn, under a savepoint when bad groups are set
 * aside; then start an empty group. */
static int
group_run(crm_cli *cli, struct each *e, crm_db *db, struct group *g,
    const char *name, crm_group_fn fn, void *ctx)
{
	crm_err *err = &cli->err;
	crm_err bad;
	int on = e->rj != NULL && db != NULL, rc, rc2;

	if (g->n == 0)
		return CRM_OK;
	if (on && (rc = crm_db_savepoint(db, err)) != CRM_OK)
		return rc;
	rc = fn(ctx, g->recs, g->n, err);
	if ((rc2 = guard_end(db, on, rc, err)) != CRM_OK)
		return rc2;
	if (rc == CRM_OK)
		cli->accepted += g->n;
	else if (rc == CRM_EDATA && e->rj != NULL) {
		bad = *err;
		rc = group_reject(cli, e, g, name, &bad);
	}
	g->n = 0;
	g->text.len = 0;
	return rc;
}

/* A record that cannot be read takes its group with it, and marks the
 * group's key so that the group's later records follow. */
static int
group_lose(crm_cli *cli, struct each *e, struct group *g, crm_in *in,
    const char *key)
{
	crm_err bad = cli->err, why;
	const char *k = g->n > 0 ? crm_rec_get(g->recs[0], key) : NULL;
	int rc;

	if ((rc = reject(cli, e->rj, e->tmp, in, &bad)) != CRM_OK)
		return rc;
	cli->rejected++;
	g->lost.len = 0;
	if (k != NULL && crm_buf_adds(&g->lost, k) != CRM_OK)
		return crm_err_nomem(&cli->err);
	crm_err_set(&why, CRM_EDATA, "%s:%lu: rejected with a record of its "
	    "group that cannot be read", crm_in_name(in), crm_in_line(in));
	rc = group_reject(cli, e, g, crm_in_name(in), &why);
	g->n = 0;
	g->text.len = 0;
	return rc;
}

static int
group_file(crm_cli *cli, struct each *e, crm_db *db, struct group *g,
    crm_in *in, const char *key, crm_group_fn fn, void *ctx)
{
	const char *name = crm_in_name(in), *k, *k0;
	crm_err *err = &cli->err, why;
	crm_rec *r;
	int rc;

	g->lost.len = 0;
	for (;;) {
		if ((rc = group_slot(g, err)) != CRM_OK)
			return rc;
		r = g->recs[g->n];
		rc = crm_in_read(in, r, err);
		if (rc == CRM_END)
			return group_run(cli, e, db, g, name, fn, ctx);
		if (rc != CRM_OK && rc != CRM_EDATA)
			return rc;
		cli->read++;
		progress_tick(cli, &e->pg, 0);
		if (rc == CRM_EDATA) {
			if (e->rj == NULL || crm_in_failed(in))
				return rc;
			if ((rc = group_lose(cli, e, g, in, key)) != CRM_OK)
				return rc;
			continue;
		}
		k = crm_rec_get(r, key);
		if (g->lost.len > 0 && k != NULL &&
		    strcmp(k, g->lost.data) == 0) {
			crm_err_set(&why, CRM_EDATA, "%s: rejected with its "
			    "group, which has a record that cannot be read", k);
			if ((rc = reject(cli, e->rj, e->tmp, in, &why)) != CRM_OK)
				return rc;
			cli->rejected++;
			continue;
		}
		g->lost.len = 0;
		k0 = g->n > 0 ? crm_rec_get(g->recs[0], key) : NULL;
		if (g->n > 0 && (k == NULL || k0 == NULL || strcmp(k, k0) != 0)) {
			/* r starts the next group: run this one first, then
			 * make r the first of the next. */
			size_t at = g->n;

			if ((rc = group_run(cli, e, db, g, name, fn, ctx)) !=
			    CRM_OK)
				return rc;
			g->recs[at] = g->recs[0];
			g->recs[0] = r;
		}
		if ((rc = group_keep(g, in, err)) != CRM_OK)
			return rc;
	}
}

void
crm_cli_counts(const crm_cli *cli, unsigned long *read,
    unsigned long *accepted, unsigned long *rejected)
{
	*read = cli->read;
	*accepted = cli->accepted;
	*rejected = cli->rejected;
}

void
crm_cli_summary(const crm_cli *cli, const char *extra)
{
	if (cli->quiet)
		return;
	fprintf(stderr, "%s: read %lu, accepted %lu, rejected %lu%s%s\n",
	    cli->prog->name, cli->read, cli->accepted, cli->rejected,
	    extra ? ", " : "", extra ? extra : "");
}

void
crm_cli_filter_summary(const crm_cli *cli)
{
	if (cli->verbose || crm_cli_opt(cli, CRM_OPT_REJECT) != NULL)
		crm_cli_summary(cli, NULL);
}

int
crm_cli_each_group(crm_cli *cli, crm_db *db, const char *key,
    crm_group_fn fn, void *ctx)
{
	int i, n = cli->nargs > 0 ? cli->nargs : 1, rc;
	struct group g;
	struct each e;
	crm_in *in;

	memset(&g, 0, sizeof(g));
	rc = each_begin(cli, &e);
	for (i = 0; i < n && rc == CRM_OK; i++) {
		if ((rc = each_open(cli, &e, i, &in)) != CRM_OK)
			break;
		rc = group_file(cli, &e, db, &g, in, key, fn, ctx);
		crm_in_close(in);
	}
	group_free(&g);
	return each_end(cli, &e, rc);
}
