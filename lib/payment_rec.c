/*
 * payment_rec.c - a payment from a record: its fields read into a
 * crm_payment, and the record's place put in front of any message about
 * its data.
 */
#include "internal.h"

/* The most invoices one payment may name. */
#define MAX_NAMED 1000

struct names {
	crm_buf text;          /* the ids, each ended by a NUL */
	const char **v;
	size_t n;
};

/* Field key as text (a string, or a number as written); NULL when it
 * is absent or null.  noun says what it should be, for the message. */
static int
text_field(const crm_rec *r, const char *key, const char *noun,
    const char **s, crm_err *err)
{
	long i = crm_rec_find(r, key);
	size_t len;
	crm_type t;

	*s = NULL;
	if (i < 0 || (t = crm_rec_type(r, (size_t)i)) == CRM_NULL)
		return CRM_OK;
	if (t != CRM_STRING && t != CRM_NUMBER)
		return crm_rec_fail(r, err, CRM_EDATA, key, "not %s", noun);
	*s = crm_rec_text(r, (size_t)i, &len);
	if (strlen(*s) != len)
		return crm_rec_fail(r, err, CRM_EDATA, key, "holds a NUL "
		    "character");
	return CRM_OK;
}

static int
add_name(const crm_rec *r, struct names *nm, const char *s, size_t len,
    crm_err *err)
{
	if (len == 0)
		return crm_rec_fail(r, err, CRM_EDATA, "invoices", "an empty "
		    "invoice id");
	if (memchr(s, '\0', len) != NULL)
		return crm_rec_fail(r, err, CRM_EDATA, "invoices", "holds a "
		    "NUL character");
	if (++nm->n > MAX_NAMED)
		return crm_rec_fail(r, err, CRM_EDATA, "invoices", "more than "
		    "%d invoices", MAX_NAMED);
	if (crm_buf_add(&nm->text, s, len) != CRM_OK ||
	    crm_buf_addc(&nm->text, '\0') != CRM_OK)
		return crm_err_nomem(err);
	return CRM_OK;
}

/* "A, B,C": ids separated by commas, spaces around them dropped. */
static int
split_string(const crm_rec *r, struct names *nm, const char *s,
    crm_err *err)
{
	const char *end;
	size_t len;
	int rc;

	for (;;) {
		while (*s == ' ' || *s == '\t')
			s++;
		end = strchr(s, ',');
		len = end != NULL ? (size_t)(end - s) : strlen(s);
		while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
			len--;
		if ((rc = add_name(r, nm, s, len, err)) != CRM_OK)
			return rc;
		if (end == NULL)
			return CRM_OK;
		s = end + 1;
	}
}

/* ["A","B"]: json is compact and valid (the record checked it), so each
 * element is a string literal or something that is not an id. */
static int
split_array(const crm_rec *r, struct names *nm, const char *json,
    size_t len, crm_err *err)
{
	crm_buf obj = CRM_BUF_INIT;
	crm_rec *one = crm_rec_new();
	const char *id;
	size_t p = 1, j, idlen;
	int rc = CRM_OK;

	if (one == NULL)
		return crm_err_nomem(err);
	while (rc == CRM_OK && p < len && json[p] != ']') {
		if (json[p] != '"') {
			rc = crm_rec_fail(r, err, CRM_EDATA, "invoices",
			    "not a list of invoice ids");
			break;
		}
		for (j = p + 1; j < len && json[j] != '"'; j++)
			if (json[j] == '\\')
				j++;
		crm_buf_reset(&obj);
		if (crm_buf_adds(&obj, "{\"v\":") != CRM_OK ||
		    crm_buf_add(&obj, json + p, j + 1 - p) != CRM_OK ||
		    crm_buf_addc(&obj, '}') != CRM_OK) {
			rc = crm_err_nomem(err);
			break;
		}
		if ((rc = crm_rec_parse(one, obj.data, obj.len, err)) != CRM_OK)
			break;
		id = crm_rec_text(one, 0, &idlen);
		rc = add_name(r, nm, id, idlen, err);
		p = j + 1;
		if (p < len && json[p] == ',')
			p++;
	}
	crm_rec_free(one);
	crm_buf_free(&obj);
	return rc;
}

static int
read_names(const crm_rec *r, struct names *nm, crm_err *err)
{
	long i = crm_rec_find(r, "invoices");
	const char *json, *s;
	size_t len, k;
	crm_type t;
	int rc;

	if (i < 0 || (t = crm_rec_type(r, (size_t)i)) == CRM_NULL)
		return CRM_OK;
	if (t == CRM_ARRAY) {
		json = crm_rec_json(r, (size_t)i, &len);
		rc = split_array(r, nm, json, len, err);
	} else if (t == CRM_STRING) {
		s = crm_rec_text(r, (size_t)i, &len);
		rc = strlen(s) != len ? crm_rec_fail(r, err, CRM_EDATA,
		    "invoices", "holds a NUL character") :
		    split_string(r, nm, s, err);
	} else
		rc = crm_rec_fail(r, err, CRM_EDATA, "invoices", "not a list "
		    "of invoice ids");
	if (rc != CRM_OK || nm->n == 0)
		return rc;
	if ((nm->v = calloc(nm->n, sizeof(*nm->v))) == NULL)
		return crm_err_nomem(err);
	for (k = 0, s = nm->text.data; k < nm->n; k++, s += strlen(s) + 1)
		nm->v[k] = s;
	return CRM_OK;
}

int
crm_payment_add_rec(crm_payment_run *pr, const crm_rec *r, crm_out *out,
    crm_err *err)
{
	struct names nm = { CRM_BUF_INIT, NULL, 0 };
	const char *file = crm_rec_file(r);
	unsigned long line = crm_rec_line(r);
	crm_payment p;
	int rc;

	memset(&p, 0, sizeof(p));
	if ((rc = text_field(r, "id", "a string", &p.id, err)) != CRM_OK ||
	    (rc = text_field(r, "customer_id", "a string", &p.customer_id,
	    err)) != CRM_OK ||
	    (rc = text_field(r, "amount", "a decimal amount", &p.amount,
	    err)) != CRM_OK ||
	    (rc = text_field(r, "currency", "a currency code", &p.currency,
	    err)) != CRM_OK ||
	    (rc = text_field(r, "received_on", "a date (YYYY-MM-DD)",
	    &p.received_on, err)) != CRM_OK ||
	    (rc = text_field(r, "reference", "a string", &p.reference,
	    err)) != CRM_OK || (rc = read_names(r, &nm, err)) != CRM_OK)
		goto out;
	p.invoices = nm.v;
	p.ninvoices = nm.n;
	rc = crm_payment_add(pr, &p, out, err);
	if (rc == CRM_EDATA && file != NULL && line > 0)
		crm_err_prefix(err, "%s:%lu", file, line);
	else if (rc == CRM_EDATA && file != NULL)
		crm_err_prefix(err, "%s", file);
out:
	free(nm.v);
	crm_buf_free(&nm.text);
	return rc;
}
