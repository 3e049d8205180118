/*
 * fmt.c - record output: JSON lines, CSV, TSV, aligned tables, Markdown,
 * to a file descriptor through one buffer, or through zlib.
 *
 * With no record written, csv, tsv, table and md print nothing at all:
 * there are no columns to head.
 */
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <strings.h>
#include <unistd.h>
#include <zlib.h>

#define OUT_BUFSZ (256 * 1024)

struct crm_out {
	int fd, own_fd;
	gzFile gz;
	char *name;
	crm_format fmt;
	crm_buf buf;            /* bytes not yet written */
	int write_err;          /* errno of the first failed write, or -1 */
	char **cols;
	size_t ncols;
	int fields_set;         /* columns given by the caller */
	int header_done;
	crm_buf cell;           /* scratch for one cell */
	/* table and md: every cell kept until close */
	crm_buf cells;
	size_t *cell_off;
	size_t ncells, capcells;
	size_t nrows;
};

int
crm_format_parse(const char *name, crm_format *fmt, crm_err *err)
{
	static const struct {
		const char *name;
		crm_format fmt;
	} names[] = {
		{ "jsonl", CRM_FMT_JSONL }, { "json", CRM_FMT_JSONL },
		{ "ndjson", CRM_FMT_JSONL }, { "csv", CRM_FMT_CSV },
		{ "tsv", CRM_FMT_TSV }, { "table", CRM_FMT_TABLE },
		{ "md", CRM_FMT_MD }, { "markdown", CRM_FMT_MD },
		{ "html", CRM_FMT_HTML },
	};
	size_t i;

	for (i = 0; i < ARRAY_LEN(names); i++)
		if (strcmp(name, names[i].name) == 0) {
			*fmt = names[i].fmt;
			return CRM_OK;
		}
	return crm_err_set(err, CRM_EUSAGE, "unknown format '%s' (jsonl, csv, "
	    "tsv, table, md, html)", name);
}

const char *
crm_format_name(crm_format fmt)
{
	switch (fmt) {
	case CRM_FMT_JSONL: return "jsonl";
	case CRM_FMT_CSV:   return "csv";
	case CRM_FMT_TSV:   return "tsv";
	case CRM_FMT_TABLE: return "table";
	case CRM_FMT_MD:    return "md";
	case CRM_FMT_HTML:  return "html";
	default:            return "auto";
	}
}

static int
has_suffix(const char *s, size_t n, const char *suffix)
{
	size_t k = strlen(suffix);

	return n >= k && strncasecmp(s + n - k, suffix, k) == 0;
}

crm_format
crm_format_from_name(const char *path)
{
	size_t n = strlen(path);

	if (has_suffix(path, n, ".gz"))
		n -= 3;
	if (has_suffix(path, n, ".csv"))
		return CRM_FMT_CSV;
	if (has_suffix(path, n, ".tsv"))
		return CRM_FMT_TSV;
	if (has_suffix(path, n, ".jsonl") || has_suffix(path, n, ".ndjson") ||
	    has_suffix(path, n, ".json"))
		return CRM_FMT_JSONL;
	return CRM_FMT_AUTO;
}

/* Hand the buffer to the file.  A failure is kept, reported at close. */
static void
flush_buf(crm_out *o)
{
	size_t done = 0;

	if (o->write_err >= 0 || o->buf.len == 0) {
		crm_buf_reset(&o->buf);
		return;
	}
	if (o->gz != NULL) {
		if (gzwrite(o->gz, o->buf.data, (unsigned)o->buf.len) !=
		    (int)o->buf.len)
			o->write_err = errno ? errno : EIO;
	} else {
		while (done < o->buf.len) {
			ssize_t n = write(o->fd, o->buf.data + done,
			    o->buf.len - done);

			if (n < 0 && errno == EINTR)
				continue;
			if (n < 0) {
				o->write_err = errno;
				break;
			}
			done += (size_t)n;
		}
	}
	crm_buf_reset(&o->buf);
}

static int
out_fail(crm_out *o, crm_err *err)
{
	return crm_err_set(err, CRM_EIO, "%s: %s", o->name,
	    strerror(o->write_err ? o->write_err : EIO));
}

/* After appending to o->buf: write out when it is full. */
static int
maybe_flush(crm_out *o, crm_err *err)
{
	if (o->buf.len >= OUT_BUFSZ)
		flush_buf(o);
	return o->write_err >= 0 ? out_fail(o, err) : CRM_OK;
}

int
crm_out_open(crm_out **outp, const char *path, crm_format fmt, int flags,
    crm_err *err)
{
	crm_out *o;
	int rc;

	*outp = NULL;
	if (fmt == CRM_FMT_AUTO)
		fmt = CRM_FMT_JSONL;
	if (fmt == CRM_FMT_HTML)
		return crm_err_set(err, CRM_EUSAGE, "html output is only for "
		    "reports");
	if ((o = calloc(1, sizeof(*o))) == NULL)
		return crm_err_nomem(err);
	o->fmt = fmt;
	o->write_err = -1;
	o->fd = 1;
	if (path == NULL || strcmp(path, "-") == 0) {
		o->name = strdup("<stdout>");
	} else {
		o->name = strdup(path);
		do
			o->fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0666);
		while (o->fd < 0 && errno == EINTR);
		if (o->fd < 0) {
			rc = crm_err_set(err, CRM_ECANTCREAT, "%s: %s", path,
			    strerror(errno));
			goto fail;
		}
		o->own_fd = 1;
		if (has_suffix(path, strlen(path), ".gz"))
			flags |= CRM_OUT_GZIP;
	}
	if (o->name == NULL || crm_buf_reserve(&o->buf, OUT_BUFSZ + 1024) !=
	    CRM_OK) {
		rc = crm_err_nomem(err);
		goto fail;
	}
	if (flags & CRM_OUT_GZIP) {
		/* zlib closes the descriptor it is given: give it its own. */
		int fd = dup(o->fd);

		if (fd < 0 || (o->gz = gzdopen(fd, "wb6")) == NULL) {
			if (fd >= 0)
				close(fd);
			rc = crm_err_set(err, CRM_ECANTCREAT, "%s: cannot start "
			    "gzip", o->name);
			goto fail;
		}
		gzbuffer(o->gz, 128 * 1024);
	}
	*outp = o;
	return CRM_OK;
fail:
	crm_out_abort(o);
	return rc;
}

int
crm_out_set_fields(crm_out *o, const char *const *fields, size_t n,
    crm_err *err)
{
	size_t i;

	if ((o->cols = calloc(n ? n : 1, sizeof(*o->cols))) == NULL)
		return crm_err_nomem(err);
	for (i = 0; i < n; i++) {
		if ((o->cols[i] = strdup(fields[i])) == NULL)
			return crm_err_nomem(err);
		o->ncols++;
	}
	o->fields_set = 1;
	return CRM_OK;
}

static int
take_columns(crm_out *o, const crm_rec *r, crm_err *err)
{
	size_t i, n = crm_rec_len(r);

	if ((o->cols = calloc(n ? n : 1, sizeof(*o->cols))) == NULL)
		return crm_err_nomem(err);
	for (i = 0; i < n; i++) {
		if ((o->cols[i] = strdup(crm_rec_key(r, i))) == NULL)
			return crm_err_nomem(err);
		o->ncols++;
	}
	return CRM_OK;
}

/* A later record may not bring a field that has no column. */
static int
check_columns(crm_out *o, const crm_rec *r, crm_err *err)
{
	size_t i, c;

	if (o->fields_set)
		return CRM_OK;
	for (i = 0; i < crm_rec_len(r); i++) {
		const char *key = crm_rec_key(r, i);

		if (i < o->ncols && strcmp(o->cols[i], key) == 0)
			continue;
		for (c = 0; c < o->ncols; c++)
			if (strcmp(o->cols[c], key) == 0)
				break;
		if (c == o->ncols)
			return crm_rec_fail(r, err, CRM_EDATA, key, "not a column "
			    "of the %s output (the columns are the first "
			    "record's fields, or --fields)",
			    crm_format_name(o->fmt));
	}
	return CRM_OK;
}

static int
write_jsonl_fields(crm_out *o, const crm_rec *r, crm_err *err)
{
	size_t c, len;
	int first = 1;

	if (crm_buf_addc(&o->buf, '{') != CRM_OK)
		return crm_err_nomem(err);
	for (c = 0; c < o->ncols; c++) {
		long i = crm_rec_find(r, o->cols[c]);
		const char *json;

		if (i < 0)
			continue;
		json = crm_rec_json(r, (size_t)i, &len);
		if ((!first && crm_buf_addc(&o->buf, ',') != CRM_OK) ||
		    crm_buf_add_json_str(&o->buf, o->cols[c],
		    strlen(o->cols[c])) != CRM_OK ||
		    crm_buf_addc(&o->buf, ':') != CRM_OK ||
		    crm_buf_add(&o->buf, json, len) != CRM_OK)
			return crm_err_nomem(err);
		first = 0;
	}
	if (crm_buf_addc(&o->buf, '}') != CRM_OK)
		return crm_err_nomem(err);
	return CRM_OK;
}

/* The text of column c of r for a cell: "" for absent and null. */
static const char *
cell_text(const crm_rec *r, const char *col, size_t *len)
{
	long i = crm_rec_find(r, col);
	const char *t;

	if (i < 0 || (t = crm_rec_text(r, (size_t)i, len)) == NULL) {
		*len = 0;
		return "";
	}
	return t;
}

static int
is_plain_number(const char *s, size_t n)
{
	size_t i = 0, digits = 0;

	if (i < n && s[i] == '-')
		i++;
	for (; i < n && s[i] >= '0' && s[i] <= '9'; i++)
		digits++;
	if (digits == 0)
		return 0;
	if (i < n && s[i] == '.') {
		for (i++, digits = 0; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			digits++;
		if (digits == 0)
			return 0;
	}
	return i == n;
}

static int
add_csv_cell(crm_buf *b, const char *s, size_t n)
{
	int guard = n > 0 && strchr("=+-@\t\r", s[0]) != NULL &&
	    !is_plain_number(s, n);
	int quote = n > 0 && (s[0] == ' ' || s[n - 1] == ' ');
	size_t i;

	for (i = 0; i < n && !quote; i++)
		quote = s[i] == ',' || s[i] == '"' || s[i] == '\n' ||
		    s[i] == '\r';
	if (quote && crm_buf_addc(b, '"') != CRM_OK)
		return CRM_EINTERNAL;
	if (guard && crm_buf_addc(b, '\'') != CRM_OK)
		return CRM_EINTERNAL;
	for (i = 0; i < n; i++) {
		if (s[i] == '"' && crm_buf_addc(b, '"') != CRM_OK)
			return CRM_EINTERNAL;
		if (crm_buf_addc(b, s[i]) != CRM_OK)
			return CRM_EINTERNAL;
	}
	if (quote && crm_buf_addc(b, '"') != CRM_OK)
		return CRM_EINTERNAL;
	return CRM_OK;
}

static int
add_tsv_cell(crm_buf *b, const char *s, size_t n)
{
	size_t i;
	int rc = CRM_OK;

	for (i = 0; i < n && rc == CRM_OK; i++) {
		switch (s[i]) {
		case '\t': rc = crm_buf_add(b, "\\t", 2); break;
		case '\n': rc = crm_buf_add(b, "\\n", 2); break;
		case '\r': rc = crm_buf_add(b, "\\r", 2); break;
		case '\\': rc = crm_buf_add(b, "\\\\", 2); break;
		default:   rc = crm_buf_addc(b, s[i]); break;
		}
	}
	return rc;
}

static int
write_delimited_row(crm_out *o, const crm_rec *r, crm_err *err)
{
	int csv = o->fmt == CRM_FMT_CSV;
	size_t c, len;
	int rc = CRM_OK;

	for (c = 0; c < o->ncols && rc == CRM_OK; c++) {
		const char *s = r != NULL ? cell_text(r, o->cols[c], &len) :
		    o->cols[c];

		if (r == NULL)
			len = strlen(s);
		if (c > 0)
			rc = crm_buf_addc(&o->buf, csv ? ',' : '\t');
		if (rc == CRM_OK)
			rc = csv ? add_csv_cell(&o->buf, s, len) :
			    add_tsv_cell(&o->buf, s, len);
	}
	if (rc == CRM_OK)
		rc = crm_buf_add(&o->buf, csv ? "\r\n" : "\n", csv ? 2 : 1);
	return rc == CRM_OK ? CRM_OK : crm_err_nomem(err);
}

/* table and md: keep the row's cells (header row included) for close. */
static int
keep_row(crm_out *o, const crm_rec *r, crm_err *err)
{
	size_t c, len;

	for (c = 0; c < o->ncols; c++) {
		const char *s = r != NULL ? cell_text(r, o->cols[c], &len) :
		    o->cols[c];

		if (r == NULL)
			len = strlen(s);
		if (o->ncells == o->capcells) {
			size_t cap = o->capcells ? o->capcells * 2 : 256;
			size_t *p = realloc(o->cell_off, cap * sizeof(*p));

			if (p == NULL)
				return crm_err_nomem(err);
			o->cell_off = p;
			o->capcells = cap;
		}
		o->cell_off[o->ncells++] = o->cells.len;
		if (crm_buf_add(&o->cells, s, len) != CRM_OK ||
		    crm_buf_addc(&o->cells, '\0') != CRM_OK)
			return crm_err_nomem(err);
	}
	o->nrows++;
	return CRM_OK;
}

int
crm_out_write(crm_out *o, const crm_rec *r, crm_err *err)
{
	int rc;

	if (o->write_err >= 0)
		return out_fail(o, err);
	if (o->fmt == CRM_FMT_JSONL) {
		rc = o->fields_set ? write_jsonl_fields(o, r, err) :
		    crm_rec_write_json(r, &o->buf, err);
		if (rc != CRM_OK)
			return rc;
		if (crm_buf_addc(&o->buf, '\n') != CRM_OK)
			return crm_err_nomem(err);
		return maybe_flush(o, err);
	}
	if (o->cols == NULL && (rc = take_columns(o, r, err)) != CRM_OK)
		return rc;
	if ((rc = check_columns(o, r, err)) != CRM_OK)
		return rc;
	if (o->fmt == CRM_FMT_TABLE || o->fmt == CRM_FMT_MD) {
		if (!o->header_done && (rc = keep_row(o, NULL, err)) != CRM_OK)
			return rc;
		o->header_done = 1;
		return keep_row(o, r, err);
	}
	if (!o->header_done && (rc = write_delimited_row(o, NULL, err)) !=
	    CRM_OK)
		return rc;
	o->header_done = 1;
	if ((rc = write_delimited_row(o, r, err)) != CRM_OK)
		return rc;
	return maybe_flush(o, err);
}

int
crm_out_write_raw(crm_out *o, const char *p, size_t n, crm_err *err)
{
	if (crm_buf_add(&o->buf, p, n) != CRM_OK)
		return crm_err_nomem(err);
	return maybe_flush(o, err);
}

static uint32_t
next_cp(const unsigned char **p, const unsigned char *end)
{
	const unsigned char *s = *p;
	uint32_t c = s[0];
	size_t n, i;

	if (c < 0x80)
		n = 1;
	else if (c >= 0xC2 && c <= 0xDF)
		n = 2, c &= 0x1F;
	else if (c >= 0xE0 && c <= 0xEF)
		n = 3, c &= 0x0F;
	else if (c >= 0xF0 && c <= 0xF4)
		n = 4, c &= 0x07;
	else
		n = 0;
	if (n == 0 || (size_t)(end - s) < n) {
		*p = s + 1;
		return 0xFFFD;
	}
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*p = s + 1;
			return 0xFFFD;
		}
		c = c << 6 | (s[i] & 0x3F);
	}
	*p = s + n;
	return c;
}

static int
cp_width(uint32_t c)
{
	if ((c >= 0x0300 && c <= 0x036F) || (c >= 0x200B && c <= 0x200F))
		return 0;
	if ((c >= 0x1100 && c <= 0x115F) ||     /* Hangul Jamo */
	    (c >= 0x2E80 && c <= 0x303E) ||     /* CJK radicals, punctuation */
	    (c >= 0x3041 && c <= 0x33FF) ||     /* kana, CJK compatibility */
	    (c >= 0x3400 && c <= 0x4DBF) ||     /* CJK extension A */
	    (c >= 0x4E00 && c <= 0x9FFF) ||     /* CJK unified ideographs */
	    (c >= 0xA000 && c <= 0xA4CF) ||     /* Yi */
	    (c >= 0xAC00 && c <= 0xD7A3) ||     /* Hangul syllables */
	    (c >= 0xF900 && c <= 0xFAFF) ||     /* CJK compatibility */
	    (c >= 0xFE30 && c <= 0xFE4F) ||     /* CJK compatibility forms */
	    (c >= 0xFF00 && c <= 0xFF60) ||     /* fullwidth forms */
	    (c >= 0xFFE0 && c <= 0xFFE6) ||
	    (c >= 0x1F300 && c <= 0x1F64F) ||   /* pictographs, emoticons */
	    (c >= 0x1F900 && c <= 0x1F9FF) ||
	    (c >= 0x20000 && c <= 0x3FFFD))     /* CJK extensions B... */
		return 2;
	return 1;
}

size_t
crm_text_width(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;
	size_t w = 0;

	while (p < end)
		w += (size_t)cp_width(next_cp(&p, end));
	return w;
}

/* A cell as a table shows it: control characters made visible. */
static int
table_cell(crm_buf *b, const char *s, int md)
{
	int rc = CRM_OK;

	crm_buf_reset(b);
	if (crm_buf_add(b, "", 0) != CRM_OK)
		return CRM_EINTERNAL;
	for (; *s && rc == CRM_OK; s++) {
		if (*s == '\n')
			rc = md ? crm_buf_adds(b, "<br>") : crm_buf_add(b, "\\n", 2);
		else if (*s == '\t')
			rc = crm_buf_add(b, "\\t", 2);
		else if (*s == '\r')
			rc = crm_buf_add(b, "\\r", 2);
		else if (*s == '|' && md)
			rc = crm_buf_add(b, "\\|", 2);
		else
			rc = crm_buf_addc(b, *s);
	}
	return rc;
}

static int
pad(crm_buf *b, size_t n)
{
	while (n-- > 0)
		if (crm_buf_addc(b, ' ') != CRM_OK)
			return CRM_EINTERNAL;
	return CRM_OK;
}

/* Render the kept rows: widths first, numbers right-aligned. */
static int
render_table(crm_out *o, crm_err *err)
{
	int md = o->fmt == CRM_FMT_MD;
	size_t *width = calloc(o->ncols ? o->ncols : 1, sizeof(*width));
	int *numeric = calloc(o->ncols ? o->ncols : 1, sizeof(*numeric));
	size_t row, c, w;
	int rc = CRM_OK;

	if (width == NULL || numeric == NULL) {
		rc = crm_err_nomem(err);
		goto out;
	}
	for (c = 0; c < o->ncols; c++)
		numeric[c] = o->nrows > 1;
	for (row = 0; row < o->nrows && rc == CRM_OK; row++)
		for (c = 0; c < o->ncols; c++) {
			const char *s = o->cells.data +
			    o->cell_off[row * o->ncols + c];

			if (table_cell(&o->cell, s, md) != CRM_OK) {
				rc = crm_err_nomem(err);
				break;
			}
			w = crm_text_width(o->cell.data, o->cell.len);
			if (w > width[c])
				width[c] = w;
			if (row > 0 && *s != '\0' && !is_plain_number(s,
			    strlen(s)))
				numeric[c] = 0;
		}
	if (md)
		for (c = 0; c < o->ncols; c++)
			if (width[c] < 3)
				width[c] = 3;
	for (row = 0; row < o->nrows && rc == CRM_OK; row++) {
		crm_buf line = CRM_BUF_INIT;

		for (c = 0; c < o->ncols && rc == CRM_OK; c++) {
			const char *s = o->cells.data +
			    o->cell_off[row * o->ncols + c];
			size_t fill;

			rc = table_cell(&o->cell, s, md);
			w = crm_text_width(o->cell.data, o->cell.len);
			fill = width[c] - w;
			if (rc == CRM_OK)
				rc = crm_buf_adds(&line, md ? (c ? " " : "| ") :
				    (c ? "  " : ""));
			if (rc == CRM_OK && numeric[c] && row > 0)
				rc = pad(&line, fill);
			if (rc == CRM_OK)
				rc = crm_buf_add(&line, o->cell.data, o->cell.len);
			if (rc == CRM_OK && !(numeric[c] && row > 0) &&
			    (md || c + 1 < o->ncols))
				rc = pad(&line, fill);
			if (rc == CRM_OK && md)
				rc = crm_buf_adds(&line, " |");
		}
		/* The rule under the header. */
		for (c = 0; row == 0 && c < o->ncols && rc == CRM_OK; c++) {
			if (c == 0)
				rc = crm_buf_adds(&line, md ? "\n|" : "\n");
			else if (!md)
				rc = crm_buf_adds(&line, "  ");
			if (md)
				rc = crm_buf_adds(&line, " ");
			for (w = 0; rc == CRM_OK && w < width[c]; w++)
				rc = crm_buf_addc(&line, md && numeric[c] &&
				    w + 1 == width[c] ? ':' : '-');
			if (md && rc == CRM_OK)
				rc = crm_buf_adds(&line, " |");
		}
		/* An empty last cell leaves no trailing blanks. */
		while (!md && line.len > 0 && line.data[line.len - 1] == ' ')
			line.len--;
		if (rc == CRM_OK)
			rc = crm_buf_addc(&line, '\n');
		if (rc == CRM_OK)
			rc = crm_buf_add(&o->buf, line.data, line.len);
		crm_buf_free(&line);
		if (rc != CRM_OK)
			rc = crm_err_nomem(err);
		else
			rc = maybe_flush(o, err);
	}
out:
	free(width);
	free(numeric);
	return rc;
}

static void
out_free(crm_out *o)
{
	size_t i;

	for (i = 0; i < o->ncols; i++)
		free(o->cols[i]);
	free(o->cols);
	free(o->cell_off);
	crm_buf_free(&o->cells);
	crm_buf_free(&o->cell);
	crm_buf_free(&o->buf);
	free(o->name);
	free(o);
}

int
crm_out_close(crm_out *o, crm_err *err)
{
	int rc = CRM_OK;

	if (o == NULL)
		return CRM_OK;
	if ((o->fmt == CRM_FMT_TABLE || o->fmt == CRM_FMT_MD) && o->nrows > 0)
		rc = render_table(o, err);
	flush_buf(o);
	if (o->gz != NULL) {
		if (gzclose(o->gz) != Z_OK && o->write_err < 0)
			o->write_err = errno ? errno : EIO;
		o->gz = NULL;
	}
	if (o->own_fd && close(o->fd) != 0 && o->write_err < 0)
		o->write_err = errno;
	if (rc == CRM_OK && o->write_err >= 0)
		rc = out_fail(o, err);
	out_free(o);
	return rc;
}

void
crm_out_abort(crm_out *o)
{
	if (o == NULL)
		return;
	if (o->gz != NULL)
		gzclose(o->gz);
	if (o->own_fd)
		close(o->fd);
	out_free(o);
}
