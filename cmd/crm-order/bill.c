/*
 * bill.c - the money verbs of crm-order: invoice, pay, receivables.
 */
#include "verbs.h"

#include <errno.h>

enum {
	OPT_SHIPMENT = 3000, OPT_ID, OPT_ON, OPT_TERMS, OPT_CUSTOMER,
	OPT_AMOUNT, OPT_CURRENCY, OPT_REFERENCE, OPT_INVOICE, OPT_APPLY,
	OPT_AS_OF, OPT_DETAIL, OPT_BUCKETS
};

/* Most invoices --invoice may name. */
#define MAX_NAMED 256

/* A date option, else today, into buf. */
static int
date_or_today(crm_cli *cli, int key, const char *name, char *buf)
{
	const char *s = crm_cli_opt(cli, key);
	crm_err why;
	int32_t day;
	int rc;

	if (s == NULL) {
		if ((rc = crm_today(&day, crm_cli_err(cli))) != CRM_OK)
			return rc;
	} else if (crm_date_parse(s, strlen(s), &day, &why) != CRM_OK)
		return crm_cli_usage_error(cli, "--%s: %s: %s", name, why.msg,
		    s);
	crm_date_format(day, buf);
	return CRM_OK;
}

/* Now, as the instant of the changes. */
static int
now_at(crm_cli *cli, char *buf)
{
	int64_t ms;
	int rc;

	if ((rc = crm_now(&ms, crm_cli_err(cli))) != CRM_OK)
		return rc;
	crm_time_format(ms, buf);
	return CRM_OK;
}

static int
terms_opt(crm_cli *cli, int *terms)
{
	const char *s = crm_cli_opt(cli, OPT_TERMS);
	char *end;
	long v;

	*terms = 30;
	if (s == NULL)
		return CRM_OK;
	errno = 0;
	v = strtol(s, &end, 10);
	if (end == s || *end != '\0' || errno != 0 || v < 0 ||
	    v > CRM_INVOICE_MAX_TERMS)
		return crm_cli_usage_error(cli, "--terms: not a number of days "
		    "from 0 to %d: %s", CRM_INVOICE_MAX_TERMS, s);
	*terms = (int)v;
	return CRM_OK;
}

static int
cmd_invoice(crm_cli *cli)
{
	char on[CRM_DATE_BUFSZ], at[CRM_DATE_BUFSZ];
	int shipment = crm_cli_opt(cli, OPT_SHIPMENT) != NULL;
	crm_err *err = crm_cli_err(cli);
	const char *const *cols;
	crm_invoice_opts o;
	crm_out *out = NULL;
	crm_db *db = NULL;
	size_t n;
	int i, rc;

	memset(&o, 0, sizeof(o));
	if (crm_cli_nargs(cli) == 0)
		return crm_cli_usage_error(cli, shipment ? "which shipments? "
		    "(ID ...)" : "which orders? (ID ...)");
	if (crm_cli_nargs(cli) > 1 && crm_cli_opt(cli, OPT_ID) != NULL)
		return crm_cli_usage_error(cli, "--id is for one invoice");
	if ((rc = date_or_today(cli, OPT_ON, "on", on)) != CRM_OK ||
	    (rc = terms_opt(cli, &o.terms)) != CRM_OK ||
	    (rc = now_at(cli, at)) != CRM_OK)
		return rc;
	o.id = crm_cli_opt(cli, OPT_ID);
	o.issued_on = on;
	o.at = at;
	cols = crm_invoice_columns(&n);
	if ((rc = crm_cli_open_db(cli, CRM_DB_NOCREATE, &db)) != CRM_OK ||
	    (rc = crm_cli_open_out_columns(cli, cols, n, &out)) != CRM_OK ||
	    (rc = crm_db_begin(db, err)) != CRM_OK)
		goto out;
	for (i = 0; rc == CRM_OK && i < crm_cli_nargs(cli); i++)
		rc = shipment ? crm_invoice_shipment(db, crm_cli_arg(cli, i),
		    &o, out, err) : crm_invoice_order(db, crm_cli_arg(cli, i),
		    &o, out, err);
	/* Invoices that are not recorded are not printed either. */
	if (rc == CRM_OK)
		rc = crm_cli_close_out(cli, out, rc);
	else
		crm_out_abort(out);
	out = NULL;
	rc = crm_db_end(db, rc, err);
	if (rc == CRM_OK && !crm_cli_quiet(cli))
		fprintf(stderr, "%s: invoices issued %d\n", crm_cli_prog(cli),
		    crm_cli_nargs(cli));
out:
	if (out != NULL)
		crm_out_abort(out);
	crm_db_close(db);
	return rc;
}

/* --invoice A,B,C into names[]; the pointers are into buf. */
static int
invoice_list(crm_cli *cli, char *buf, size_t bufsz, const char **names,
    size_t *n)
{
	const char *s = crm_cli_opt(cli, OPT_INVOICE);
	char *p, *end;

	*n = 0;
	if (s == NULL)
		return CRM_OK;
	if (strlen(s) >= bufsz)
		return crm_cli_usage_error(cli, "--invoice: longer than %zu "
		    "bytes", bufsz - 1);
	snprintf(buf, bufsz, "%s", s);
	for (p = buf;; p = end + 1) {
		end = p + strcspn(p, ",");
		if (end == p)
			return crm_cli_usage_error(cli, "--invoice: an empty "
			    "invoice id: %s", s);
		if (*n == MAX_NAMED)
			return crm_cli_usage_error(cli, "--invoice: more than "
			    "%d invoices", MAX_NAMED);
		names[(*n)++] = p;
		if (*end == '\0')
			return CRM_OK;
		*end = '\0';
	}
}

/* The three ways of paying. */
enum { PAY_GIVEN = 1, PAY_RECORDS = 2, PAY_CREDIT = 4 };

static const char *
pay_mode_name(int mode)
{
	return mode == PAY_GIVEN ? "a payment given with --amount" :
	    mode == PAY_RECORDS ? "payments read from files" :
	    "--apply-credit";
}

/* The way of paying asked for, and the options that only some ways
 * take. */
static int
pay_mode(crm_cli *cli, int *mode)
{
	static const struct {
		int key;
		const char *name;
		int modes;
	} only[] = {
		{ OPT_CUSTOMER, "--customer", PAY_GIVEN },
		{ OPT_CURRENCY, "--currency", PAY_GIVEN | PAY_CREDIT },
		{ OPT_ID, "--id", PAY_GIVEN },
		{ OPT_REFERENCE, "--reference", PAY_GIVEN },
		{ OPT_INVOICE, "--invoice", PAY_GIVEN | PAY_CREDIT },
		{ OPT_ON, "--on", PAY_GIVEN | PAY_RECORDS },
		{ CRM_OPT_REJECT, "--reject", PAY_RECORDS },
		{ CRM_OPT_INPUT_FORMAT, "-i", PAY_RECORDS },
		{ CRM_OPT_MAX_LINE, "--max-line", PAY_RECORDS },
	};
	size_t i;

	*mode = crm_cli_opt(cli, OPT_AMOUNT) != NULL ? PAY_GIVEN :
	    crm_cli_opt(cli, OPT_APPLY) != NULL ? PAY_CREDIT : PAY_RECORDS;
	if (*mode == PAY_GIVEN && crm_cli_opt(cli, OPT_APPLY) != NULL)
		return crm_cli_usage_error(cli, "--amount records a payment, "
		    "--apply-credit allocates credit: one or the other");
	for (i = 0; i < ARRAY_LEN(only); i++)
		if (crm_cli_opt(cli, only[i].key) != NULL &&
		    !(only[i].modes & *mode))
			return crm_cli_usage_error(cli, "%s is not for %s",
			    only[i].name, pay_mode_name(*mode));
	if (*mode != PAY_RECORDS && crm_cli_nargs(cli) > 0)
		return crm_cli_usage_error(cli, "files are not for %s",
		    pay_mode_name(*mode));
	if (*mode == PAY_GIVEN && (crm_cli_opt(cli, OPT_CUSTOMER) == NULL ||
	    crm_cli_opt(cli, OPT_CURRENCY) == NULL))
		return crm_cli_usage_error(cli, "a payment needs --customer, "
		    "--amount and --currency");
	return CRM_OK;
}

struct pay_ctx {
	crm_payment_run *pr;
	crm_out *out;
};

static int
pay_one(void *ctx, crm_rec *rec, crm_err *err)
{
	struct pay_ctx *c = ctx;

	return crm_payment_add_rec(c->pr, rec, c->out, err);
}

static void
pay_summary(crm_cli *cli, const crm_payment_run *pr)
{
	const crm_payment_counts *c = crm_payment_run_counts(pr);
	char extra[200];

	snprintf(extra, sizeof(extra), "payments %lu, existing %lu, "
	    "allocations %lu, with credit left %lu", c->payments, c->existing,
	    c->allocations, c->credited);
	crm_cli_summary(cli, extra);
}

/* One payment from the options. */
static int
pay_given(crm_cli *cli, struct pay_ctx *c, const char **names, size_t n)
{
	crm_payment p;

	memset(&p, 0, sizeof(p));
	p.id = crm_cli_opt(cli, OPT_ID);
	p.customer_id = crm_cli_opt(cli, OPT_CUSTOMER);
	p.amount = crm_cli_opt(cli, OPT_AMOUNT);
	p.currency = crm_cli_opt(cli, OPT_CURRENCY);
	p.reference = crm_cli_opt(cli, OPT_REFERENCE);
	p.invoices = names;
	p.ninvoices = n;
	return crm_payment_add(c->pr, &p, c->out, crm_cli_err(cli));
}

static int
cmd_pay(crm_cli *cli)
{
	char on[CRM_DATE_BUFSZ], at[CRM_DATE_BUFSZ], buf[8192];
	const char *names[MAX_NAMED];
	const char *const *cols;
	crm_err *err = crm_cli_err(cli);
	struct pay_ctx c = { NULL, NULL };
	crm_db *db = NULL;
	size_t n, ncols;
	int mode, rc;

	if ((rc = pay_mode(cli, &mode)) != CRM_OK ||
	    (rc = invoice_list(cli, buf, sizeof(buf), names, &n)) != CRM_OK ||
	    (rc = date_or_today(cli, OPT_ON, "on", on)) != CRM_OK ||
	    (rc = now_at(cli, at)) != CRM_OK)
		return rc;
	cols = crm_payment_columns(&ncols);
	if ((rc = crm_cli_open_db(cli, CRM_DB_NOCREATE, &db)) != CRM_OK ||
	    (rc = crm_payment_run_new(db, at, on, &c.pr, err)) != CRM_OK ||
	    (rc = crm_cli_open_out_columns(cli, cols, ncols, &c.out)) !=
	    CRM_OK ||
	    (rc = crm_db_begin(db, err)) != CRM_OK)
		goto out;
	if (mode == PAY_GIVEN)
		rc = pay_given(cli, &c, names, n);
	else if (mode == PAY_CREDIT)
		rc = crm_payment_apply_credit(c.pr, crm_cli_opt(cli, OPT_APPLY),
		    crm_cli_opt(cli, OPT_CURRENCY), names, n, c.out, err);
	else
		rc = crm_cli_each(cli, db, pay_one, &c);
	if (rc == CRM_OK)
		rc = crm_cli_close_out(cli, c.out, rc);
	else
		crm_out_abort(c.out);
	c.out = NULL;
	rc = crm_db_end(db, rc, err);
	if (rc == CRM_OK && mode == PAY_RECORDS)
		pay_summary(cli, c.pr);
out:
	if (c.out != NULL)
		crm_out_abort(c.out);
	crm_payment_run_free(c.pr);
	crm_db_close(db);
	return rc;
}

static int
cmd_receivables(crm_cli *cli)
{
	const char *const *cols;
	char as_of[CRM_DATE_BUFSZ];
	crm_err *err = crm_cli_err(cli);
	crm_receivables_query q;
	crm_receivables *rv = NULL;
	crm_out *out = NULL;
	crm_db *db = NULL;
	crm_err why;
	size_t n;
	int rc;

	if ((rc = date_or_today(cli, OPT_AS_OF, "as-of", as_of)) != CRM_OK)
		return rc;
	if (crm_receivables_new(crm_cli_opt(cli, OPT_BUCKETS), &rv, &why) !=
	    CRM_OK)
		return crm_cli_usage_error(cli, "--%s", why.msg);
	q.as_of = as_of;
	q.customer = crm_cli_opt(cli, OPT_CUSTOMER);
	q.detail = crm_cli_opt(cli, OPT_DETAIL) != NULL;
	cols = crm_receivables_columns(rv, q.detail, &n);
	if ((rc = crm_cli_open_db(cli, CRM_DB_READONLY, &db)) != CRM_OK ||
	    (rc = crm_cli_open_out_columns(cli, cols, n, &out)) != CRM_OK)
		goto out;
	rc = crm_receivables_write(db, rv, &q, out, err);
	rc = crm_cli_close_out(cli, out, rc);
out:
	crm_receivables_free(rv);
	crm_db_close(db);
	return rc;
}

static const crm_opt invoice_opts[] = {
	{ "shipment", OPT_SHIPMENT, NULL, "the IDs are shipments: bill what "
	    "each shipped (default: orders, all not billed yet)" },
	{ "id", OPT_ID, "ID", "the invoice's id (default INV-ORDER-n)" },
	{ "on", OPT_ON, "DATE", "the issue date (default today)" },
	{ "terms", OPT_TERMS, "DAYS", "due this many days after issue "
	    "(default 30)" },
	{ NULL, 0, NULL, NULL }
};

static const crm_opt pay_opts[] = {
	{ "customer", OPT_CUSTOMER, "ID", "who paid (with --amount)" },
	{ "amount", OPT_AMOUNT, "AMOUNT", "record one payment of AMOUNT "
	    "instead of reading records" },
	{ "currency", OPT_CURRENCY, "CODE", "the payment's currency (ISO "
	    "4217)" },
	{ "on", OPT_ON, "DATE", "the day it was received (default today)" },
	{ "reference", OPT_REFERENCE, "TEXT", "the bank's reference" },
	{ "id", OPT_ID, "ID", "the payment's id (default "
	    "PAY-CUSTOMER-n)" },
	{ "invoice", OPT_INVOICE, "LIST", "allocate to these invoices, "
	    "comma separated, in order (default: open ones, oldest first)" },
	{ "apply-credit", OPT_APPLY, "CUSTOMER", "allocate the customer's "
	    "credit balance to open invoices" },
	{ NULL, 0, NULL, NULL }
};

static const crm_opt receivables_opts[] = {
	{ "as-of", OPT_AS_OF, "DATE", "the day to age to (default today)" },
	{ "customer", OPT_CUSTOMER, "ID", "only this customer" },
	{ "detail", OPT_DETAIL, NULL, "a row per open invoice" },
	{ "buckets", OPT_BUCKETS, "DAYS", "the edges of the ageing buckets "
	    "(default 30,60,90)" },
	{ NULL, 0, NULL, NULL }
};

const crm_verb crm_order_bill_verbs[] = {
	{ "invoice", cmd_invoice, CRM_CLI_DB | CRM_CLI_OUTPUT, invoice_opts,
	    "ID ...", "invoice orders (all not billed yet) or shipments" },
	{ "pay", cmd_pay, CRM_CLI_DB | CRM_CLI_INPUT | CRM_CLI_OUTPUT |
	    CRM_CLI_REJECT, pay_opts, "[FILE ...]", "record payments and "
	    "allocate them to invoices; apply credit" },
	{ "receivables", cmd_receivables, CRM_CLI_DB | CRM_CLI_OUTPUT,
	    receivables_opts, NULL, "open invoices per customer, aged by "
	    "days past due, with credit balances" },
	{ NULL, NULL, 0, NULL, NULL, NULL }
};
