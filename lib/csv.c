/*
 * csv.c - CSV (RFC 4180) and TSV rows to records.
 *
 * A CSV record may span physical lines when a quoted cell holds a line
 * break: lines are joined while a quoted cell is open.
 */
#include "internal.h"
#include "csv.h"
#include "json.h"

struct crm_csv {
	char delim;
	char **cols;
	size_t ncols;
	int have_header;
	crm_buf row;            /* the record's text, lines joined by \n */
	crm_buf cells;          /* decoded cells, each NUL-terminated */
	size_t *off, *len;
	size_t ncells, capcells;
};

void
crm_csv_free(crm_in *in)
{
	struct crm_csv *c = in->csv;
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->ncols; i++)
		free(c->cols[i]);
	free(c->cols);
	crm_buf_free(&c->row);
	crm_buf_free(&c->cells);
	free(c->off);
	free(c->len);
	free(c);
	in->csv = NULL;
}

static int
is_upper(unsigned char c)
{
	return c >= 'A' && c <= 'Z';
}

static int
is_lower_or_digit(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

int
crm_csv_snake_case(const char *s, size_t n, crm_buf *out)
{
	size_t i;
	int pending_sep = 0;

	crm_buf_reset(out);
	while (n > 0 && (s[0] == ' ' || s[0] == '\t')) {
		s++;
		n--;
	}
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		unsigned char prev = i > 0 ? (unsigned char)s[i - 1] : 0;
		unsigned char next = i + 1 < n ? (unsigned char)s[i + 1] : 0;

		if (c >= 0x80 || is_lower_or_digit(c) || is_upper(c)) {
			/* A word starts at "aB" and at the B of "ABc". */
			if (is_upper(c) && out->len > 0 &&
			    (is_lower_or_digit(prev) ||
			    (is_upper(prev) && next >= 'a' && next <= 'z')))
				pending_sep = 1;
			if (pending_sep && out->len > 0 &&
			    crm_buf_addc(out, '_') != CRM_OK)
				return CRM_EINTERNAL;
			pending_sep = 0;
			if (crm_buf_addc(out, is_upper(c) ? (char)(c + 32) :
			    (char)c) != CRM_OK)
				return CRM_EINTERNAL;
		} else {
			pending_sep = 1;    /* space, '-', '.', '_' ... */
		}
	}
	if (out->data == NULL && crm_buf_add(out, "", 0) != CRM_OK)
		return CRM_EINTERNAL;
	return CRM_OK;
}

static int
add_cell(struct crm_csv *c, size_t off, size_t len)
{
	if (c->ncells == c->capcells) {
		size_t cap = c->capcells ? c->capcells * 2 : 32;
		size_t *o = realloc(c->off, cap * sizeof(*o));
		size_t *l;

		if (o == NULL)
			return CRM_EINTERNAL;
		c->off = o;
		if ((l = realloc(c->len, cap * sizeof(*l))) == NULL)
			return CRM_EINTERNAL;
		c->len = l;
		c->capcells = cap;
	}
	c->off[c->ncells] = off;
	c->len[c->ncells] = len;
	c->ncells++;
	return crm_buf_addc(&c->cells, '\0');
}

static int
split_csv(crm_in *in, crm_err *err)
{
	struct crm_csv *c = in->csv;
	const char *s = c->row.data, *end = s + c->row.len;
	const char *p = s;

	for (;;) {
		size_t off = c->cells.len;

		if (p < end && *p == '"') {
			const char *q;

			for (p++;;) {
				q = memchr(p, '"', (size_t)(end - p));
				if (q == NULL)
					return crm_err_set(err, CRM_EDATA,
					    "%s:%lu: quote not closed", in->name,
					    in->rec_line);
				if (crm_buf_add(&c->cells, p, (size_t)(q - p)) !=
				    CRM_OK)
					return crm_err_nomem(err);
				p = q + 1;
				if (p < end && *p == '"') {
					if (crm_buf_addc(&c->cells, '"') != CRM_OK)
						return crm_err_nomem(err);
					p++;
					continue;
				}
				break;
			}
			if (p < end && *p != c->delim)
				return crm_err_set(err, CRM_EDATA,
				    "%s:%lu: col %zu: text after a closing quote",
				    in->name, in->rec_line, (size_t)(p - s) + 1);
		} else {
			const char *q = p;

			while (q < end && *q != c->delim) {
				if (*q == '"')
					return crm_err_set(err, CRM_EDATA,
					    "%s:%lu: col %zu: quote inside an "
					    "unquoted cell", in->name, in->rec_line,
					    (size_t)(q - s) + 1);
				q++;
			}
			if (crm_buf_add(&c->cells, p, (size_t)(q - p)) != CRM_OK)
				return crm_err_nomem(err);
			p = q;
		}
		if (add_cell(c, off, c->cells.len - off) != CRM_OK)
			return crm_err_nomem(err);
		if (p >= end)
			return CRM_OK;
		p++;    /* the delimiter: a cell follows, maybe empty */
	}
}

/* TSV: cells between tabs, with the writer's \t \n \r \\ undone. */
static int
split_tsv(crm_in *in, crm_err *err)
{
	struct crm_csv *c = in->csv;
	const char *p = c->row.data, *end = p + c->row.len;

	for (;;) {
		size_t off = c->cells.len;

		while (p < end && *p != '\t') {
			char ch = *p++;

			if (ch == '\\' && p < end) {
				switch (*p) {
				case 't':  ch = '\t'; p++; break;
				case 'n':  ch = '\n'; p++; break;
				case 'r':  ch = '\r'; p++; break;
				case '\\': ch = '\\'; p++; break;
				default:   break;
				}
			}
			if (crm_buf_addc(&c->cells, ch) != CRM_OK)
				return crm_err_nomem(err);
		}
		if (add_cell(c, off, c->cells.len - off) != CRM_OK)
			return crm_err_nomem(err);
		if (p >= end)
			return CRM_OK;
		p++;
	}
}

/* Carry the quoting state over one physical line: returns 1 when the
 * line ends inside a quoted cell, so the record goes on in the next.
 * Only a quote that opens a cell opens a quoted cell; a stray one is
 * left for split_csv to report. */
static int
ends_in_quotes(const char *s, size_t n, char delim, int in_quotes)
{
	int cell_start = !in_quotes;
	size_t i;

	for (i = 0; i < n; i++) {
		char c = s[i];

		if (in_quotes) {
			if (c == '"' && i + 1 < n && s[i + 1] == '"')
				i++;
			else if (c == '"')
				in_quotes = 0;
			continue;
		}
		if (c == '"' && cell_start)
			in_quotes = 1;
		cell_start = c == delim;
	}
	return in_quotes;
}

/* Gather the next non-blank record's text into c->row. */
static int
read_row(crm_in *in, crm_err *err)
{
	struct crm_csv *c = in->csv;
	const char *line = NULL;
	size_t len = 0;
	int rc, open = 0;

	crm_buf_reset(&c->row);
	for (;;) {
		rc = crm_in_next_line(in, &line, &len, err);
		if (rc == CRM_END && open) {
			in->text = c->row.data;
			in->text_len = c->row.len;
			return crm_err_set(err, CRM_EDATA,
			    "%s:%lu: quote not closed at the end of the file",
			    in->name, in->rec_line);
		}
		if (rc != CRM_OK) {
			in->rec_line = in->lineno;
			return rc;
		}
		if (!open && c->row.len == 0) {
			in->rec_line = in->lineno;
			if (len == 0)
				continue;
		} else if (crm_buf_addc(&c->row, '\n') != CRM_OK) {
			return crm_err_nomem(err);
		}
		if (crm_buf_add(&c->row, line, len) != CRM_OK)
			return crm_err_nomem(err);
		if (c->delim == ',')
			open = ends_in_quotes(line, len, c->delim, open);
		if (c->row.len > in->max_line) {
			in->text = c->row.data;
			in->text_len = c->row.len;
			return crm_err_set(err, CRM_EDATA,
			    "%s:%lu: record longer than %zu bytes (a quote "
			    "left open?)", in->name, in->rec_line, in->max_line);
		}
		if (!open)
			break;
	}
	in->text = c->row.data;
	in->text_len = c->row.len;
	return CRM_OK;
}

static int
check_text(crm_in *in, crm_err *err)
{
	const char *s = in->csv->row.data;
	size_t n = in->csv->row.len, bad;
	const void *nul = memchr(s, '\0', n);

	if (nul != NULL)
		return crm_err_set(err, CRM_EDATA, "%s:%lu: col %zu: NUL byte",
		    in->name, in->rec_line, (size_t)((const char *)nul - s) + 1);
	if ((bad = crm_utf8_invalid(s, n)) < n)
		return crm_err_set(err, CRM_EDATA,
		    "%s:%lu: col %zu: invalid UTF-8", in->name, in->rec_line,
		    bad + 1);
	return CRM_OK;
}

static int
take_header(crm_in *in, crm_err *err)
{
	struct crm_csv *c = in->csv;
	crm_buf name = CRM_BUF_INIT;
	size_t i, j;
	int rc = CRM_OK;

	if ((c->cols = calloc(c->ncells, sizeof(*c->cols))) == NULL)
		return crm_err_nomem(err);
	for (i = 0; i < c->ncells; i++) {
		if (crm_csv_snake_case(c->cells.data + c->off[i], c->len[i],
		    &name) != CRM_OK) {
			rc = crm_err_nomem(err);
			goto out;
		}
		if (name.len == 0) {
			rc = crm_err_set(err, CRM_EDATA, "%s:%lu: header: column "
			    "%zu has no name", in->name, in->rec_line, i + 1);
			goto out;
		}
		for (j = 0; j < c->ncols; j++)
			if (strcmp(c->cols[j], name.data) == 0) {
				rc = crm_err_set(err, CRM_EDATA, "%s:%lu: header: "
				    "column %zu: name \"%s\" given twice",
				    in->name, in->rec_line, i + 1, name.data);
				goto out;
			}
		if ((c->cols[c->ncols] = strdup(name.data)) == NULL) {
			rc = crm_err_nomem(err);
			goto out;
		}
		c->ncols++;
	}
	c->have_header = 1;
out:
	crm_buf_free(&name);
	return rc;
}

int
crm_csv_read(crm_in *in, crm_rec *rec, crm_err *err)
{
	struct crm_csv *c = in->csv;
	size_t i;
	int rc;

	if (c == NULL) {
		if ((c = in->csv = calloc(1, sizeof(*c))) == NULL)
			return crm_err_nomem(err);
		c->delim = in->fmt == CRM_FMT_TSV ? '\t' : ',';
	}
	for (;;) {
		if ((rc = read_row(in, err)) != CRM_OK)
			return rc;
		crm_buf_reset(&c->cells);
		c->ncells = 0;
		if ((rc = check_text(in, err)) == CRM_OK)
			rc = c->delim == ',' ? split_csv(in, err) :
			    split_tsv(in, err);
		if (c->have_header)
			break;
		if (rc == CRM_OK)
			rc = take_header(in, err);
		if (rc != CRM_OK) {
			in->fatal = rc;  /* without a header no row can be read */
			return rc;
		}
	}
	if (rc != CRM_OK)
		return rc;
	crm_rec_set_place(rec, in->name, in->rec_line);
	if (c->ncells != c->ncols)
		return crm_err_set(err, CRM_EDATA, "%s:%lu: %zu cells, but the "
		    "header has %zu columns", in->name, in->rec_line, c->ncells,
		    c->ncols);
	for (i = 0; i < c->ncells; i++) {
		if (c->len[i] == 0)
			continue;
		if (crm_rec_set_str(rec, c->cols[i], c->cells.data + c->off[i],
		    c->len[i], err) != CRM_OK)
			return CRM_EINTERNAL;
	}
	return CRM_OK;
}
