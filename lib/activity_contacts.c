/*
 * activity_contacts.c - the directory of the contacts of a rep's or a
 * team's customers, as vCard 4.0 (RFC 6350) or as CSV records.
 */
#include "internal.h"

#define VCARD_LINE_MAX 75   /* octets, without the CRLF */

/* Bytes of the UTF-8 sequence that starts with c (1 for a byte that
 * does not start one, so that bad input still moves on). */
static size_t
utf8_len(unsigned char c)
{
	if ((c & 0xE0) == 0xC0)
		return 2;
	if ((c & 0xF0) == 0xE0)
		return 3;
	if ((c & 0xF8) == 0xF0)
		return 4;
	return 1;
}

/* Append s[0..n) folding: a line holds at most VCARD_LINE_MAX octets,
 * a continuation line starts with one space (which counts). */
static int
add_folded(crm_buf *b, const char *s, size_t n, size_t *col)
{
	size_t i, k;
	int rc;

	for (i = 0; i < n; i += k) {
		k = utf8_len((unsigned char)s[i]);
		if (k > n - i)
			k = n - i;
		if (*col + k > VCARD_LINE_MAX) {
			if ((rc = crm_buf_add(b, "\r\n ", 3)) != CRM_OK)
				return rc;
			*col = 1;
		}
		if ((rc = crm_buf_add(b, s + i, k)) != CRM_OK)
			return rc;
		*col += k;
	}
	return CRM_OK;
}

int
crm_activity_vcard_line(crm_buf *b, const char *name, const char *value,
    crm_err *err)
{
	size_t col = 0;

	if (add_folded(b, name, strlen(name), &col) != CRM_OK ||
	    add_folded(b, ":", 1, &col) != CRM_OK ||
	    add_folded(b, value, strlen(value), &col) != CRM_OK ||
	    crm_buf_add(b, "\r\n", 2) != CRM_OK)
		return crm_err_nomem(err);
	return CRM_OK;
}

int
crm_activity_vcard_escape(crm_buf *b, const char *s, size_t len,
    crm_err *err)
{
	size_t i;
	int rc = CRM_OK;

	for (i = 0; rc == CRM_OK && i < len; i++) {
		switch (s[i]) {
		case '\\':
		case ',':
		case ';':
			if ((rc = crm_buf_addc(b, '\\')) == CRM_OK)
				rc = crm_buf_addc(b, s[i]);
			break;
		case '\r':
			if (i + 1 < len && s[i + 1] == '\n')
				break;
			/* FALLTHROUGH */
		case '\n':
			rc = crm_buf_add(b, "\\n", 2);
			break;
		default:
			rc = crm_buf_addc(b, s[i]);
		}
	}
	return rc == CRM_OK ? CRM_OK : crm_err_nomem(err);
}

/* The contacts, their customer and whether (and of what) they opted
 * out: of everything ("all") by the contact's flag or an opt-out with no
 * channel, else the channels, for the contact or its whole customer. */
static const char contacts_sql[] =
	"SELECT ct.id AS contact_id, ct.name, ct.role, ct.email, ct.phone,"
	" c.id AS customer_id, c.name AS customer, c.owner_rep_id,"
	" CASE WHEN ct.opt_out = 1 THEN 'all' ELSE"
	"  (SELECT CASE WHEN max(o.channel IS NULL) = 1 THEN 'all'"
	"   ELSE group_concat(o.channel, ', ') END"
	"   FROM (SELECT DISTINCT channel FROM opt_outs"
	"   WHERE customer_id = c.id"
	"   AND (contact_id IS NULL OR contact_id = ct.id)"
	"   ORDER BY channel) o) END AS opted_out"
	" FROM contacts ct JOIN customers c ON c.id = ct.customer_id"
	" WHERE c.merged_into IS NULL"
	" AND (?1 IS NULL OR c.owner_rep_id = ?1)"
	" AND (?2 IS NULL OR c.owner_rep_id IN"
	"  (SELECT id FROM reps WHERE team_id = ?2))"
	" ORDER BY c.id, ct.id";

enum { K_ID, K_NAME, K_ROLE, K_EMAIL, K_PHONE, K_CUSTOMER_ID, K_CUSTOMER,
	K_OWNER, K_OPTED_OUT };

static const char addresses_sql[] =
	"SELECT line1, line2, city, region, postcode, country"
	" FROM addresses WHERE customer_id = ?1 ORDER BY id";

static const char *
col(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

/* One escaped component (empty for NULL). */
static int
component(crm_buf *b, const char *s, crm_err *err)
{
	return s != NULL ? crm_activity_vcard_escape(b, s, strlen(s), err) :
	    CRM_OK;
}

/* ADR: PO box; extended; street (line1,line2, the comma only between
 * two lines); locality; region; code; country. */
static int
adr_value(crm_buf *v, sqlite3_stmt *a, crm_err *err)
{
	int rc;

	crm_buf_reset(v);
	if ((rc = crm_buf_adds(v, ";;")) != CRM_OK ||
	    (rc = component(v, col(a, 0), err)) != CRM_OK)
		return rc;
	if (col(a, 0) != NULL && col(a, 1) != NULL &&
	    (rc = crm_buf_addc(v, ',')) != CRM_OK)
		return crm_err_nomem(err);
	if ((rc = component(v, col(a, 1), err)) != CRM_OK)
		return rc;
	if ((rc = crm_buf_addc(v, ';')) != CRM_OK ||
	    (rc = component(v, col(a, 2), err)) != CRM_OK ||
	    (rc = crm_buf_addc(v, ';')) != CRM_OK ||
	    (rc = component(v, col(a, 3), err)) != CRM_OK ||
	    (rc = crm_buf_addc(v, ';')) != CRM_OK ||
	    (rc = component(v, col(a, 4), err)) != CRM_OK ||
	    (rc = crm_buf_addc(v, ';')) != CRM_OK ||
	    (rc = component(v, col(a, 5), err)) != CRM_OK)
		return crm_err_nomem(err);
	return CRM_OK;
}

/* A text property: NAME:escaped value; nothing for NULL. */
static int
text_line(crm_buf *b, crm_buf *v, const char *name, const char *s,
    const char *suffix, crm_err *err)
{
	int rc;

	if (s == NULL)
		return CRM_OK;
	crm_buf_reset(v);
	if ((rc = crm_activity_vcard_escape(v, s, strlen(s), err)) !=
	    CRM_OK || (suffix != NULL && crm_buf_adds(v, suffix) != CRM_OK))
		return rc != CRM_OK ? rc : crm_err_nomem(err);
	return crm_activity_vcard_line(b, name, v->data != NULL ? v->data :
	    "", err);
}

/* TEL as a tel: URI when the number is an international one, else as
 * the text it is. */
static int
tel_line(crm_buf *b, crm_buf *v, const char *phone, crm_err *err)
{
	char uri[64];
	crm_err why;

	if (phone == NULL)
		return CRM_OK;
	crm_buf_reset(v);
	if (crm_phone_norm(v, phone, strlen(phone), NULL, &why) != CRM_OK)
		return text_line(b, v, "TEL;VALUE=text", phone, NULL, err);
	snprintf(uri, sizeof(uri), "tel:%s", v->data);
	return crm_activity_vcard_line(b, "TEL;VALUE=uri", uri, err);
}

static int
vcard_of(crm_db *db, sqlite3_stmt *st, sqlite3_stmt *addr, crm_buf *b,
    crm_buf *v, crm_err *err)
{
	const char *opted = col(st, K_OPTED_OUT);
	char note[256];
	int rc;

	crm_buf_reset(b);
	if ((rc = crm_activity_vcard_line(b, "BEGIN", "VCARD", err)) ||
	    (rc = crm_activity_vcard_line(b, "VERSION", "4.0", err)) ||
	    (rc = text_line(b, v, "UID;VALUE=text", col(st, K_ID), NULL,
	    err)) ||
	    (rc = text_line(b, v, "FN", col(st, K_NAME), NULL, err)) ||
	    (rc = text_line(b, v, "N", col(st, K_NAME), ";;;;", err)) ||
	    (rc = text_line(b, v, "ORG", col(st, K_CUSTOMER), NULL, err)) ||
	    (rc = text_line(b, v, "ROLE", col(st, K_ROLE), NULL, err)) ||
	    (rc = text_line(b, v, "EMAIL", col(st, K_EMAIL), NULL, err)) ||
	    (rc = tel_line(b, v, col(st, K_PHONE), err)))
		return rc;
	sqlite3_reset(addr);
	sqlite3_bind_text(addr, 1, col(st, K_CUSTOMER_ID), -1,
	    SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(addr)) == SQLITE_ROW)
		if ((rc = adr_value(v, addr, err)) != CRM_OK ||
		    (rc = crm_activity_vcard_line(b, "ADR", v->data, err)) !=
		    CRM_OK)
			return rc;
	if (rc != SQLITE_DONE)
		return crm_db_fail(db, rc, "addresses", err);
	if (opted != NULL) {
		snprintf(note, sizeof(note), "opted out of contact: %s", opted);
		if ((rc = text_line(b, v, "NOTE", note, NULL, err)) != CRM_OK)
			return rc;
	}
	return crm_activity_vcard_line(b, "END", "VCARD", err);
}

/* The first address of the customer as one line, for CSV. */
static int
address_text(crm_db *db, sqlite3_stmt *addr, const char *customer,
    crm_buf *v, crm_err *err)
{
	const char *s;
	int rc, i;

	crm_buf_reset(v);
	sqlite3_reset(addr);
	sqlite3_bind_text(addr, 1, customer, -1, SQLITE_TRANSIENT);
	if ((rc = sqlite3_step(addr)) == SQLITE_ROW) {
		for (i = 0; i < 6; i++) {
			if ((s = col(addr, i)) == NULL)
				continue;
			if ((v->len > 0 && crm_buf_adds(v, ", ") != CRM_OK) ||
			    crm_buf_adds(v, s) != CRM_OK)
				return crm_err_nomem(err);
		}
		return CRM_OK;
	}
	return rc == SQLITE_DONE ? CRM_OK : crm_db_fail(db, rc, "addresses",
	    err);
}

static int
csv_of(crm_db *db, sqlite3_stmt *st, sqlite3_stmt *addr, crm_rec *r,
    crm_buf *v, crm_err *err)
{
	int rc;

	crm_rec_clear(r);
	if ((rc = crm_db_row(st, r, err)) != CRM_OK ||
	    (rc = address_text(db, addr, col(st, K_CUSTOMER_ID), v, err)) !=
	    CRM_OK)
		return rc;
	if (v->len > 0)
		return crm_rec_set_str(r, "address", v->data, v->len, err);
	return CRM_OK;
}

static const char *const csv_columns[] = {
	"contact_id", "name", "role", "email", "phone", "customer_id",
	"customer", "owner_rep_id", "opted_out", "address",
};

/* CRM_EUSAGE "--what: unknown WHAT: id" when there is no such row. */
static int
must_exist(crm_db *db, const char *sql, const char *opt, const char *id,
    crm_err *err)
{
	sqlite3_stmt *st;
	int found, rc;

	if (id == NULL)
		return CRM_OK;
	if ((rc = crm_db_stmt(db, sql, &st, err)) != CRM_OK)
		return rc;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	if ((rc = crm_db_found(db, st, opt, &found, err)) != CRM_OK)
		return rc;
	return found ? CRM_OK : crm_err_set(err, CRM_EUSAGE, "--%s: unknown "
	    "%s: %s", opt, opt, id);
}

int
crm_activity_contacts(crm_db *db, const char *rep, const char *team,
    crm_activity_contacts_format fmt, crm_out *out, crm_err *err)
{
	sqlite3_stmt *st = NULL, *addr = NULL;
	crm_buf b = CRM_BUF_INIT, v = CRM_BUF_INIT;
	crm_rec *r = NULL;
	int rc;

	if ((rc = must_exist(db, "SELECT 1 FROM reps WHERE id = ?1", "rep",
	    rep, err)) != CRM_OK ||
	    (rc = must_exist(db, "SELECT 1 FROM teams WHERE id = ?1", "team",
	    team, err)) != CRM_OK)
		return rc;
	if ((r = crm_rec_new()) == NULL)
		return crm_err_nomem(err);
	if (fmt == CRM_ACTIVITY_CSV && (rc = crm_out_set_fields(out,
	    csv_columns, ARRAY_LEN(csv_columns), err)) != CRM_OK)
		goto out;
	if ((rc = crm_db_prepare(db, contacts_sql, &st, err)) != CRM_OK ||
	    (rc = crm_db_prepare(db, addresses_sql, &addr, err)) != CRM_OK)
		goto out;
	if (rep != NULL)
		sqlite3_bind_text(st, 1, rep, -1, SQLITE_STATIC);
	if (team != NULL)
		sqlite3_bind_text(st, 2, team, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (fmt == CRM_ACTIVITY_VCARD) {
			if ((rc = vcard_of(db, st, addr, &b, &v, err)) !=
			    CRM_OK || (rc = crm_out_write_raw(out, b.data,
			    b.len, err)) != CRM_OK)
				goto out;
		} else if ((rc = csv_of(db, st, addr, r, &v, err)) != CRM_OK ||
		    (rc = crm_out_write(out, r, err)) != CRM_OK)
			goto out;
	}
	rc = rc == SQLITE_DONE ? CRM_OK : crm_db_fail(db, rc, "contacts",
	    err);
out:
	sqlite3_finalize(st);
	sqlite3_finalize(addr);
	crm_buf_free(&b);
	crm_buf_free(&v);
	crm_rec_free(r);
	return rc;
}
