/*
 * care_template.c - message templates of campaigns: text with {field}
 * placeholders, checked when read so that a campaign never sends a
 * message with a hole in it.
 */
#include <errno.h>

#include "care_internal.h"

#define TEMPLATE_MAX (64 * 1024)

static const char *const placeholders[] = { "name", "customer_id", "kind",
	"region", "tier", "email", "phone", "owner", "contact_name",
	"contact_role", "to", "channel", "campaign" };

struct piece {
	const char *field;       /* a placeholder; NULL: text */
	size_t off, len;         /* the text, in t->text */
};

struct crm_care_template {
	char *text;              /* the literal text, braces unescaped */
	char *source;            /* the template as read */
	struct piece *pieces;
	size_t npieces, cap;
};

void
crm_care_template_free(crm_care_template *t)
{
	if (t == NULL)
		return;
	free(t->pieces);
	free(t->text);
	free(t->source);
	free(t);
}

static int
add_piece(crm_care_template *t, const char *field, size_t off, size_t len,
    crm_err *err)
{
	int rc;

	if (field == NULL && len == 0)
		return CRM_OK;
	if (field == NULL && t->npieces > 0 &&
	    t->pieces[t->npieces - 1].field == NULL) {
		t->pieces[t->npieces - 1].len += len;
		return CRM_OK;
	}
	if ((rc = crm_array_grow(&t->pieces, &t->cap, t->npieces,
	    sizeof(*t->pieces), err)) != CRM_OK)
		return rc;
	t->pieces[t->npieces].field = field;
	t->pieces[t->npieces].off = off;
	t->pieces[t->npieces].len = len;
	t->npieces++;
	return CRM_OK;
}

/* Well-formed UTF-8: no overlong forms, surrogates or values past
 * U+10FFFF. */
static int
utf8_valid(const unsigned char *s, size_t len)
{
	size_t i = 0, n, k;
	unsigned long c;

	while (i < len) {
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		if (s[i] >= 0xc2 && s[i] <= 0xdf)
			n = 1, c = s[i] & 0x1f;
		else if (s[i] >= 0xe0 && s[i] <= 0xef)
			n = 2, c = s[i] & 0x0f;
		else if (s[i] >= 0xf0 && s[i] <= 0xf4)
			n = 3, c = s[i] & 0x07;
		else
			return 0;
		if (len - i <= n)
			return 0;
		for (k = 1; k <= n; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return 0;
			c = c << 6 | (s[i + k] & 0x3f);
		}
		if ((n == 2 && (c < 0x800 || (c >= 0xd800 && c <= 0xdfff))) ||
		    (n == 3 && (c < 0x10000 || c > 0x10ffff)))
			return 0;
		i += n + 1;
	}
	return 1;
}

static const char *
placeholder(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < ARRAY_LEN(placeholders); i++)
		if (strlen(placeholders[i]) == n &&
		    memcmp(placeholders[i], s, n) == 0)
			return placeholders[i];
	return NULL;
}

static int
parse(crm_care_template *t, const char *s, size_t len, const char *file,
    crm_err *err)
{
	size_t i = 0, out = 0, start;
	unsigned long line = 1;
	const char *field;
	int rc;

	while (i < len) {
		if (s[i] == '\n')
			line++;
		if ((s[i] == '{' || s[i] == '}') && i + 1 < len &&
		    s[i + 1] == s[i]) {
			t->text[out] = s[i];
			if ((rc = add_piece(t, NULL, out++, 1, err)) != CRM_OK)
				return rc;
			i += 2;
			continue;
		}
		if (s[i] == '}')
			return crm_err_set(err, CRM_ECONFIG, "%s:%lu: a lone "
			    "'}' (write }} for a brace)", file, line);
		if (s[i] != '{') {
			t->text[out] = s[i];
			if ((rc = add_piece(t, NULL, out++, 1, err)) != CRM_OK)
				return rc;
			i++;
			continue;
		}
		start = ++i;
		while (i < len && s[i] != '}' && s[i] != '{' && s[i] != '\n')
			i++;
		if (i == len || s[i] != '}')
			return crm_err_set(err, CRM_ECONFIG, "%s:%lu: '{' not "
			    "closed on its line (write {{ for a brace)", file,
			    line);
		if (i == start)
			return crm_err_set(err, CRM_ECONFIG, "%s:%lu: an empty "
			    "placeholder {}", file, line);
		if ((field = placeholder(s + start, i - start)) == NULL)
			return crm_err_set(err, CRM_ECONFIG, "%s:%lu: {%.*s}: "
			    "unknown placeholder (name, customer_id, kind, "
			    "region, tier, email, phone, owner, contact_name, "
			    "contact_role, to, channel, campaign)", file, line,
			    (int)(i - start > 64 ? 64 : i - start), s + start);
		if ((rc = add_piece(t, field, 0, 0, err)) != CRM_OK)
			return rc;
		i++;
	}
	t->text[out] = '\0';
	return CRM_OK;
}

int
crm_care_template_parse(const char *text, size_t len, const char *file,
    crm_care_template **tp, crm_err *err)
{
	crm_care_template *t;
	int rc;

	*tp = NULL;
	if (len > TEMPLATE_MAX)
		return crm_err_set(err, CRM_ECONFIG, "%s: longer than %d bytes",
		    file, TEMPLATE_MAX);
	if (memchr(text, '\0', len) != NULL)
		return crm_err_set(err, CRM_ECONFIG, "%s: a NUL byte", file);
	if (!utf8_valid((const unsigned char *)text, len))
		return crm_err_set(err, CRM_ECONFIG, "%s: not UTF-8", file);
	if ((t = calloc(1, sizeof(*t))) == NULL ||
	    (t->text = malloc(len + 1)) == NULL ||
	    (t->source = malloc(len + 1)) == NULL) {
		crm_care_template_free(t);
		return crm_err_nomem(err);
	}
	memcpy(t->source, text, len);
	t->source[len] = '\0';
	if ((rc = parse(t, text, len, file, err)) != CRM_OK) {
		crm_care_template_free(t);
		return rc;
	}
	*tp = t;
	return CRM_OK;
}

int
crm_care_template_load(const char *path, crm_care_template **t,
    crm_err *err)
{
	crm_buf b = CRM_BUF_INIT;
	char chunk[4096];
	size_t n;
	FILE *fp;
	int rc = CRM_OK;

	*t = NULL;
	if ((fp = fopen(path, "rb")) == NULL)
		return crm_err_set(err, CRM_ENOINPUT, "%s: cannot open: %s",
		    path, strerror(errno));
	while (rc == CRM_OK && (n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		if (b.len + n > TEMPLATE_MAX + 1)
			rc = crm_err_set(err, CRM_ECONFIG, "%s: longer than %d "
			    "bytes", path, TEMPLATE_MAX);
		else if (crm_buf_add(&b, chunk, n) != CRM_OK)
			rc = crm_err_nomem(err);
	if (rc == CRM_OK && ferror(fp))
		rc = crm_err_set(err, CRM_EIO, "%s: read error", path);
	fclose(fp);
	if (rc == CRM_OK)
		rc = crm_care_template_parse(b.data ? b.data : "", b.len, path,
		    t, err);
	crm_buf_free(&b);
	return rc;
}

const char *
crm_care_template_text(const crm_care_template *t)
{
	return t->source;
}

int
crm_care_template_fill(const crm_care_template *t, const crm_rec *fields,
    crm_buf *out, crm_err *err)
{
	const struct piece *p;
	const char *v;
	size_t i, len;
	long k;

	for (i = 0; i < t->npieces; i++) {
		p = &t->pieces[i];
		if (p->field == NULL) {
			v = t->text + p->off;
			len = p->len;
		} else if ((k = crm_rec_find(fields, p->field)) < 0 ||
		    (v = crm_rec_text(fields, (size_t)k, &len)) == NULL) {
			continue;
		}
		if (crm_buf_add(out, v, len) != CRM_OK)
			return crm_err_nomem(err);
	}
	if (crm_buf_reserve(out, 1) != CRM_OK)
		return crm_err_nomem(err);
	out->data[out->len] = '\0';
	return CRM_OK;
}
