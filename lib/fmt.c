/*
 * fmt.c - record output: JSON lines, CSV, TSV, aligned tables and
 * Markdown, to a file descriptor through one large buffer and write(2),
 * or through zlib.
 *
 * What fmt.h leaves open, decided here:
 *
 * - No record written: with no fields set, csv, tsv, table and md print
 *   nothing at all, since there are no columns to head.  With fields set
 *   the columns are known, so the header (and a table's rule) is printed:
 *   an empty result is still a well-formed table a spreadsheet can open.
 * - Fields set with crm_out_set_fields select: a record's other fields
 *   are left out in every format, as asked.  Without fields the first
 *   record's fields are the columns, and a later record with another
 *   field is CRM_EDATA, since leaving it out would lose data unasked.
 * - The CSV formula guard leaves JSON numbers alone whatever their form
 *   (-1.5e3): a spreadsheet reads them as numbers, never as formulas.
 *   Strings are guarded unless they are plain decimals such as -12.50.
 * - table and md: a column is numeric, and right-aligned with its
 *   header, when it has a non-empty cell and every non-empty cell is a
 *   JSON number or a plain decimal string.
 * - table and md show control characters (C0, DEL, C1) other than the
 *   newline, tab and CR they spell out as \xNN or \u00NN, so that a cell
 *   cannot send escape sequences to a terminal.  md keeps tabs and turns
 *   CR LF, CR and LF into <br>.  md cells are padded like table cells,
 *   columns at least three wide for the "---" or "--:" separator.
 * - table lines lose their trailing spaces, a last cell's own included.
 * - crm_out_write_raw is for jsonl only: in csv or tsv raw bytes would
 *   miss the header row, in table or md they would come before the table.
 *   It bypasses a field selection; that is the caller's choice.
 */
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <strings.h>
#include <unistd.h>
#include <zlib.h>

/* Large enough that a pass-through makes few system calls. */
#define OUT_BUFSZ (256 * 1024)

struct column {
	char *name;
	size_t name_len;
	char *json_key;         /* "name": as JSON, for a jsonl selection */
	size_t json_key_len;
	size_t width;           /* table, md: widest cell, as displayed */
	int nonempty;           /* table, md: a non-empty cell seen */
	int notnum;             /* table, md: a non-empty non-number seen */
};

struct crm_out {
	int fd;
	int own_fd;
	gzFile gz;
	char *name;             /* for messages */
	crm_format fmt;
	int werr;               /* errno of the first failed write; 0 none */
	crm_buf buf;            /* bytes not yet written */
	struct column *cols;
	size_t ncols;
	int have_cols;
	int fields_set;         /* columns given by the caller: they select */
	int started;            /* a record has been written */
	int header_done;        /* csv, tsv */
	long *idx;              /* per record: field index of each column */
	crm_buf scratch;
	/* table and md: every data cell, as displayed, kept until close */
	crm_buf cells;
	size_t *cell_end;       /* end offset of each cell in cells */
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

	if (name == NULL)
		name = "";
	/* Case does not matter: -f CSV should just work. */
	for (i = 0; i < ARRAY_LEN(names); i++)
		if (strcasecmp(name, names[i].name) == 0) {
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
	case CRM_FMT_AUTO:  return "auto";
	case CRM_FMT_JSONL: return "jsonl";
	case CRM_FMT_CSV:   return "csv";
	case CRM_FMT_TSV:   return "tsv";
	case CRM_FMT_TABLE: return "table";
	case CRM_FMT_MD:    return "md";
	case CRM_FMT_HTML:  return "html";
	}
	return "unknown";
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
	size_t n;

	if (path == NULL)
		return CRM_FMT_AUTO;
	n = strlen(path);
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

/* Write p[0..n) to the file now.  The first failure is kept, later
 * writes are skipped, and close reports it. */
static void
out_put(crm_out *o, const char *p, size_t n)
{
	if (o->werr != 0)
		return;
	if (o->gz != NULL) {
		while (n > 0) {
			unsigned chunk = n > (1u << 30) ? 1u << 30 : (unsigned)n;
			int zerr, w;

			errno = 0;
			if ((w = gzwrite(o->gz, p, chunk)) <= 0) {
				(void)gzerror(o->gz, &zerr);
				o->werr = zerr == Z_ERRNO && errno != 0 ? errno :
				    EIO;
				return;
			}
			p += w;
			n -= (size_t)w;
		}
		return;
	}
	while (n > 0) {
		ssize_t w = write(o->fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			o->werr = w < 0 ? errno : EIO;
			return;
		}
		p += w;
		n -= (size_t)w;
	}
}

static void
flush_buf(crm_out *o)
{
	out_put(o, o->buf.data, o->buf.len);
	crm_buf_reset(&o->buf);
}

static int
out_fail(const crm_out *o, crm_err *err)
{
	return crm_err_set(err, CRM_EIO, "%s: %s", o->name,
	    strerror(o->werr != 0 ? o->werr : EIO));
}

/* After adding to the buffer: write it out once it is full. */
static int
written(crm_out *o, crm_err *err)
{
	if (o->buf.len >= OUT_BUFSZ)
		flush_buf(o);
	return o->werr != 0 ? out_fail(o, err) : CRM_OK;
}

static void
columns_free(crm_out *o)
{
	size_t i;

	for (i = 0; i < o->ncols; i++) {
		free(o->cols[i].name);
		free(o->cols[i].json_key);
	}
	free(o->cols);
	free(o->idx);
	o->cols = NULL;
	o->idx = NULL;
	o->ncols = 0;
	o->have_cols = o->fields_set = 0;
}

static void
out_free(crm_out *o)
{
	columns_free(o);
	free(o->cell_end);
	crm_buf_free(&o->cells);
	crm_buf_free(&o->scratch);
	crm_buf_free(&o->buf);
	free(o->name);
	free(o);
}

int
crm_out_open(crm_out **outp, const char *path, crm_format fmt, int flags,
    crm_err *err)
{
	crm_out *o;
	int fd, rc;

	*outp = NULL;
	switch (fmt) {
	case CRM_FMT_AUTO:
		fmt = CRM_FMT_JSONL;
		break;
	case CRM_FMT_JSONL:
	case CRM_FMT_CSV:
	case CRM_FMT_TSV:
	case CRM_FMT_TABLE:
	case CRM_FMT_MD:
		break;
	case CRM_FMT_HTML:
		return crm_err_set(err, CRM_EUSAGE, "html output is only for "
		    "reports");
	default:
		return crm_err_set(err, CRM_EUSAGE, "format %d cannot be "
		    "written", (int)fmt);
	}
	if ((o = calloc(1, sizeof(*o))) == NULL)
		return crm_err_nomem(err);
	o->fmt = fmt;
	o->fd = 1;
	if (path == NULL || strcmp(path, "-") == 0) {
		o->name = strdup("<stdout>");
	} else {
		o->name = strdup(path);
		do
			o->fd = open(path, O_WRONLY | O_CREAT | O_TRUNC |
			    O_CLOEXEC, 0666);
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
	if (o->name == NULL ||
	    crm_buf_reserve(&o->buf, OUT_BUFSZ + 4096) != CRM_OK) {
		rc = crm_err_nomem(err);
		goto fail;
	}
	if (flags & CRM_OUT_GZIP) {
		/* gzclose closes the descriptor it was given: give it its
		 * own, so that standard output stays open and the file's
		 * own close is checked as well. */
		if ((fd = dup(o->fd)) < 0 || (o->gz = gzdopen(fd, "wb")) ==
		    NULL) {
			rc = crm_err_set(err, CRM_ECANTCREAT, "%s: cannot start "
			    "gzip: %s", o->name, fd < 0 ? strerror(errno) :
			    "out of memory");
			if (fd >= 0)
				close(fd);
			goto fail;
		}
		(void)gzbuffer(o->gz, 128 * 1024);
	}
	*outp = o;
	return CRM_OK;
fail:
	crm_out_abort(o);
	return rc;
}

static int
columns_alloc(crm_out *o, size_t n, crm_err *err)
{
	o->cols = calloc(n ? n : 1, sizeof(*o->cols));
	o->idx = calloc(n ? n : 1, sizeof(*o->idx));
	if (o->cols == NULL || o->idx == NULL)
		return crm_err_nomem(err);
	o->have_cols = 1;
	return CRM_OK;
}

static int
column_add(crm_out *o, const char *name, crm_err *err)
{
	struct column *col = &o->cols[o->ncols];
	crm_buf key = CRM_BUF_INIT;
	size_t len = strlen(name);

	if ((col->name = strdup(name)) == NULL)
		return crm_err_nomem(err);
	col->name_len = len;
	o->ncols++;
	if (crm_buf_add_json_str(&key, name, len) != CRM_OK ||
	    crm_buf_addc(&key, ':') != CRM_OK) {
		crm_buf_free(&key);
		return crm_err_nomem(err);
	}
	col->json_key = key.data;
	col->json_key_len = key.len;
	return CRM_OK;
}

int
crm_out_set_fields(crm_out *o, const char *const *fields, size_t n,
    crm_err *err)
{
	size_t i, j;
	int rc;

	if (o->started)
		return crm_err_set(err, CRM_EINTERNAL, "the output fields must "
		    "be set before the first record");
	if (n == 0)
		return crm_err_set(err, CRM_EUSAGE, "no output fields given");
	columns_free(o);
	if ((rc = columns_alloc(o, n, err)) != CRM_OK)
		goto out;
	for (i = 0; i < n; i++) {
		/* A column twice would repeat a key in jsonl output. */
		for (j = 0; j < i; j++)
			if (strcmp(fields[i], fields[j]) == 0) {
				rc = crm_err_set(err, CRM_EUSAGE, "field '%s' "
				    "is given twice", fields[i]);
				goto out;
			}
		if ((rc = column_add(o, fields[i], err)) != CRM_OK)
			goto out;
	}
	o->fields_set = 1;
out:
	if (rc != CRM_OK)
		columns_free(o);
	return rc;
}

static int
columns_from(crm_out *o, const crm_rec *r, crm_err *err)
{
	size_t i, n = crm_rec_len(r);
	int rc;

	if ((rc = columns_alloc(o, n, err)) != CRM_OK)
		goto out;
	for (i = 0; i < n && rc == CRM_OK; i++)
		rc = column_add(o, crm_rec_key(r, i), err);
out:
	if (rc != CRM_OK)
		columns_free(o);
	return rc;
}

/* Find each column's field in r (o->idx, -1 when absent).  Without a
 * selection every field of r must be a column. */
static int
columns_map(crm_out *o, const crm_rec *r, crm_err *err)
{
	size_t c, i, n = crm_rec_len(r), found = 0;
	const char *key;

	for (c = 0; c < o->ncols; c++) {
		/* Records of one stream mostly share the field order. */
		if (c < n && strcmp(crm_rec_key(r, c), o->cols[c].name) == 0)
			o->idx[c] = (long)c;
		else
			o->idx[c] = crm_rec_find(r, o->cols[c].name);
		found += o->idx[c] >= 0;
	}
	if (o->fields_set || found == n)
		return CRM_OK;
	for (i = 0; i < n; i++) {
		for (c = 0; c < o->ncols && o->idx[c] != (long)i; c++)
			continue;
		if (c == o->ncols)
			break;
	}
	key = crm_rec_key(r, i);
	return crm_rec_fail(r, err, CRM_EDATA, key, "not a column of the %s "
	    "output (the columns are the first record's fields, or --fields)",
	    crm_format_name(o->fmt));
}

/* jsonl with fields set: those fields, in their order, absent ones left
 * out. */
static int
write_selected(crm_out *o, const crm_rec *r, crm_err *err)
{
	size_t c, len, need = 3;
	const char *json;
	char *p;
	int first = 1;

	for (c = 0; c < o->ncols; c++) {
		o->idx[c] = crm_rec_find(r, o->cols[c].name);
		if (o->idx[c] >= 0) {
			(void)crm_rec_json(r, (size_t)o->idx[c], &len);
			need += o->cols[c].json_key_len + len + 1;
		}
	}
	if (crm_buf_reserve(&o->buf, need) != CRM_OK)
		return crm_err_nomem(err);
	p = o->buf.data + o->buf.len;
	*p++ = '{';
	for (c = 0; c < o->ncols; c++) {
		if (o->idx[c] < 0)
			continue;
		json = crm_rec_json(r, (size_t)o->idx[c], &len);
		if (!first)
			*p++ = ',';
		first = 0;
		memcpy(p, o->cols[c].json_key, o->cols[c].json_key_len);
		p += o->cols[c].json_key_len;
		memcpy(p, json, len);
		p += len;
	}
	*p++ = '}';
	*p++ = '\n';
	*p = '\0';
	o->buf.len = (size_t)(p - o->buf.data);
	return CRM_OK;
}

/* Column c's cell of the record just mapped: its text and type; "" for
 * an absent or null field. */
static const char *
cell_of(const crm_out *o, const crm_rec *r, size_t c, size_t *len,
    crm_type *type)
{
	long i = o->idx[c];
	const char *s;

	*type = i < 0 ? CRM_NULL : crm_rec_type(r, (size_t)i);
	if (*type == CRM_NULL || (s = crm_rec_text(r, (size_t)i, len)) ==
	    NULL) {
		*type = CRM_NULL;
		*len = 0;
		return "";
	}
	return s;
}

/* -?[0-9]+(\.[0-9]+)? */
static int
is_plain_number(const char *s, size_t n)
{
	size_t i = 0, digits;

	if (i < n && s[i] == '-')
		i++;
	for (digits = 0; i < n && s[i] >= '0' && s[i] <= '9'; i++)
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
add_csv_cell(crm_buf *b, const char *s, size_t n, crm_type type)
{
	int guard, quote;
	size_t i;
	char *p;

	guard = n > 0 && type != CRM_NUMBER &&
	    memchr("=+-@\t\r", s[0], 6) != NULL && !is_plain_number(s, n);
	quote = n > 0 && (s[0] == ' ' || s[n - 1] == ' ');
	for (i = 0; i < n && !quote; i++)
		quote = s[i] == ',' || s[i] == '"' || s[i] == '\n' ||
		    s[i] == '\r';
	if (crm_buf_reserve(b, 2 * n + 3) != CRM_OK)
		return CRM_EINTERNAL;
	p = b->data + b->len;
	if (quote)
		*p++ = '"';
	if (guard)
		*p++ = '\'';
	for (i = 0; i < n; i++) {
		if (s[i] == '"')
			*p++ = '"';
		*p++ = s[i];
	}
	if (quote)
		*p++ = '"';
	*p = '\0';
	b->len = (size_t)(p - b->data);
	return CRM_OK;
}

static int
add_tsv_cell(crm_buf *b, const char *s, size_t n)
{
	size_t i;
	char *p;

	if (crm_buf_reserve(b, 2 * n) != CRM_OK)
		return CRM_EINTERNAL;
	p = b->data + b->len;
	for (i = 0; i < n; i++) {
		switch (s[i]) {
		case '\t': *p++ = '\\'; *p++ = 't'; break;
		case '\n': *p++ = '\\'; *p++ = 'n'; break;
		case '\r': *p++ = '\\'; *p++ = 'r'; break;
		case '\\': *p++ = '\\'; *p++ = '\\'; break;
		default:   *p++ = s[i]; break;
		}
	}
	*p = '\0';
	b->len = (size_t)(p - b->data);
	return CRM_OK;
}

/* One csv or tsv row: the header when r is NULL. */
static int
write_delimited(crm_out *o, const crm_rec *r, crm_err *err)
{
	int csv = o->fmt == CRM_FMT_CSV;
	const char *s;
	crm_type type;
	size_t c, len;
	int rc = CRM_OK;

	for (c = 0; c < o->ncols && rc == CRM_OK; c++) {
		if (r == NULL) {
			s = o->cols[c].name;
			len = o->cols[c].name_len;
			type = CRM_STRING;
		} else {
			s = cell_of(o, r, c, &len, &type);
		}
		if (c > 0)
			rc = crm_buf_addc(&o->buf, csv ? ',' : '\t');
		if (rc == CRM_OK)
			rc = csv ? add_csv_cell(&o->buf, s, len, type) :
			    add_tsv_cell(&o->buf, s, len);
	}
	if (rc == CRM_OK)
		rc = csv ? crm_buf_add(&o->buf, "\r\n", 2) :
		    crm_buf_addc(&o->buf, '\n');
	return rc == CRM_OK ? CRM_OK : crm_err_nomem(err);
}

/* A cell as table and md show it (see the top of the file). */
static int
add_display(crm_buf *b, const char *s, size_t n, int md)
{
	static const char hex[] = "0123456789abcdef";
	size_t i;
	char *p;

	/* Worst case: every byte becomes four ("\x01", "<br>"), or a two
	 * byte C1 character six ("\u0085"). */
	if (crm_buf_reserve(b, 4 * n) != CRM_OK)
		return CRM_EINTERNAL;
	p = b->data + b->len;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '\n' || (c == '\r' && md)) {
			if (c == '\r' && i + 1 < n && s[i + 1] == '\n')
				continue;
			memcpy(p, md ? "<br>" : "\\n", md ? 4 : 2);
			p += md ? 4 : 2;
		} else if (c == '\r' || (c == '\t' && !md)) {
			*p++ = '\\';
			*p++ = c == '\r' ? 'r' : 't';
		} else if (c == '|' && md) {
			*p++ = '\\';
			*p++ = '|';
		} else if ((c < 0x20 && c != '\t') || c == 0x7f) {
			memcpy(p, "\\x", 2);
			p[2] = hex[c >> 4];
			p[3] = hex[c & 15];
			p += 4;
		} else if (c == 0xc2 && i + 1 < n &&
		    (unsigned char)s[i + 1] >= 0x80 &&
		    (unsigned char)s[i + 1] <= 0x9f) {
			c = (unsigned char)s[++i];
			memcpy(p, "\\u00", 4);
			p[4] = hex[c >> 4];
			p[5] = hex[c & 15];
			p += 6;
		} else {
			*p++ = (char)c;
		}
	}
	*p = '\0';
	b->len = (size_t)(p - b->data);
	return CRM_OK;
}

/* table and md: keep the record's cells for close, and learn the column
 * widths and which columns are numeric. */
static int
keep_row(crm_out *o, const crm_rec *r, crm_err *err)
{
	struct column *col;
	const char *s;
	crm_type type;
	size_t c, len, start, w;

	if (o->ncols > 0 && o->capcells - o->ncells < o->ncols) {
		size_t cap = o->capcells ? o->capcells : 256 * o->ncols;
		size_t *p;

		while (cap - o->ncells < o->ncols)
			cap *= 2;
		if (cap > SIZE_MAX / sizeof(*p) ||
		    (p = realloc(o->cell_end, cap * sizeof(*p))) == NULL)
			return crm_err_nomem(err);
		o->cell_end = p;
		o->capcells = cap;
	}
	for (c = 0; c < o->ncols; c++) {
		col = &o->cols[c];
		s = cell_of(o, r, c, &len, &type);
		if (len > 0) {
			col->nonempty = 1;
			if (type != CRM_NUMBER && !(type == CRM_STRING &&
			    is_plain_number(s, len)))
				col->notnum = 1;
		}
		start = o->cells.len;
		if (add_display(&o->cells, s, len, o->fmt == CRM_FMT_MD) !=
		    CRM_OK)
			return crm_err_nomem(err);
		o->cell_end[o->ncells++] = o->cells.len;
		w = crm_text_width(o->cells.data + start, o->cells.len - start);
		if (w > col->width)
			col->width = w;
	}
	o->nrows++;
	return CRM_OK;
}

int
crm_out_write(crm_out *o, const crm_rec *r, crm_err *err)
{
	int rc;

	if (o->werr != 0)
		return out_fail(o, err);
	o->started = 1;
	if (o->fmt == CRM_FMT_JSONL) {
		if (o->fields_set)
			rc = write_selected(o, r, err);
		else if ((rc = crm_rec_write_json(r, &o->buf, err)) == CRM_OK &&
		    crm_buf_addc(&o->buf, '\n') != CRM_OK)
			rc = crm_err_nomem(err);
		return rc != CRM_OK ? rc : written(o, err);
	}
	if (!o->have_cols && (rc = columns_from(o, r, err)) != CRM_OK)
		return rc;
	if ((rc = columns_map(o, r, err)) != CRM_OK)
		return rc;
	if (o->fmt == CRM_FMT_TABLE || o->fmt == CRM_FMT_MD)
		return keep_row(o, r, err);
	if (!o->header_done) {
		if ((rc = write_delimited(o, NULL, err)) != CRM_OK)
			return rc;
		o->header_done = 1;
	}
	if ((rc = write_delimited(o, r, err)) != CRM_OK)
		return rc;
	return written(o, err);
}

int
crm_out_write_raw(crm_out *o, const char *p, size_t n, crm_err *err)
{
	if (o->fmt != CRM_FMT_JSONL)
		return crm_err_set(err, CRM_EINTERNAL, "raw output into %s",
		    crm_format_name(o->fmt));
	if (o->werr != 0)
		return out_fail(o, err);
	o->started = 1;
	if (n >= OUT_BUFSZ) {
		/* No point copying what fills the buffer by itself. */
		flush_buf(o);
		out_put(o, p, n);
	} else if (crm_buf_add(&o->buf, p, n) != CRM_OK) {
		return crm_err_nomem(err);
	}
	return written(o, err);
}

/* Decode one UTF-8 character at *p (strictly: no overlong forms, no
 * surrogates, nothing past U+10FFFF).  An invalid byte is taken alone and
 * gives -1. */
static long
next_char(const unsigned char **pp, const unsigned char *end)
{
	const unsigned char *p = *pp;
	unsigned char lo = 0x80, hi = 0xbf;
	long c = p[0];
	size_t n, i;

	if (c < 0x80) {
		n = 1;
	} else if (c >= 0xc2 && c <= 0xdf) {
		n = 2;
		c &= 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3;
		lo = c == 0xe0 ? 0xa0 : 0x80;
		hi = c == 0xed ? 0x9f : 0xbf;
		c &= 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4;
		lo = c == 0xf0 ? 0x90 : 0x80;
		hi = c == 0xf4 ? 0x8f : 0xbf;
		c &= 0x07;
	} else {
		*pp = p + 1;
		return -1;
	}
	if ((size_t)(end - p) < n) {
		*pp = p + 1;
		return -1;
	}
	for (i = 1; i < n; i++) {
		if (p[i] < lo || p[i] > hi) {
			*pp = p + 1;
			return -1;
		}
		lo = 0x80;
		hi = 0xbf;
		c = c << 6 | (p[i] & 0x3f);
	}
	*pp = p + n;
	return c;
}

struct range {
	long lo, hi;
};

static int
in_ranges(long c, const struct range *r, size_t n)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (c < r[mid].lo)
			hi = mid;
		else if (c > r[mid].hi)
			lo = mid + 1;
		else
			return 1;
	}
	return 0;
}

/* Terminal columns of one character. */
static int
char_width(long c)
{
	static const struct range zero[] = {
		{ 0x0300, 0x036f },     /* combining diacritical marks */
		{ 0x1ab0, 0x1aff },     /* ... extended */
		{ 0x1dc0, 0x1dff },     /* ... supplement */
		{ 0x200b, 0x200f },     /* zero width space, joiners, marks */
		{ 0x20d0, 0x20ff },     /* combining marks for symbols */
		{ 0x3099, 0x309a },     /* combining kana voicing marks */
		{ 0xfe00, 0xfe0f },     /* variation selectors */
		{ 0xfe20, 0xfe2f },     /* combining half marks */
		{ 0xfeff, 0xfeff },     /* zero width no-break space */
	};
	static const struct range wide[] = {
		{ 0x1100, 0x115f },     /* Hangul Jamo initial consonants */
		{ 0x2e80, 0x303f },     /* CJK radicals, Kangxi, symbols and
		                         * punctuation */
		{ 0x3041, 0x33ff },     /* Hiragana, Katakana, Bopomofo,
		                         * Hangul compatibility Jamo, Kanbun,
		                         * enclosed CJK, CJK compatibility */
		{ 0x3400, 0x4dbf },     /* CJK extension A */
		{ 0x4e00, 0x9fff },     /* CJK unified ideographs */
		{ 0xa000, 0xa4cf },     /* Yi */
		{ 0xa960, 0xa97f },     /* Hangul Jamo extended A */
		{ 0xac00, 0xd7a3 },     /* Hangul syllables */
		{ 0xf900, 0xfaff },     /* CJK compatibility ideographs */
		{ 0xfe10, 0xfe19 },     /* vertical forms */
		{ 0xfe30, 0xfe6f },     /* CJK compatibility forms, small */
		{ 0xff01, 0xff60 },     /* fullwidth forms */
		{ 0xffe0, 0xffe6 },
		{ 0x1b000, 0x1b16f },   /* Kana supplement, extended A */
		{ 0x1f300, 0x1f64f },   /* pictographs, emoticons */
		{ 0x1f900, 0x1f9ff },   /* supplemental symbols, pictographs */
		{ 0x20000, 0x2fffd },   /* CJK extensions B to F, ... */
		{ 0x30000, 0x3fffd },   /* ... G and H */
	};

	if (in_ranges(c, zero, ARRAY_LEN(zero)))
		return 0;
	if (in_ranges(c, wide, ARRAY_LEN(wide)))
		return 2;
	return 1;
}

size_t
crm_text_width(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;
	size_t w = 0;
	long c;

	while (p < end) {
		if (*p < 0x80) {
			/* ASCII, most of any table: no decoding needed. */
			p++;
			w++;
			continue;
		}
		c = next_char(&p, end);
		w += c < 0 ? 1 : (size_t)char_width(c);
	}
	return w;
}

static int
add_spaces(crm_buf *b, size_t n)
{
	if (crm_buf_reserve(b, n) != CRM_OK)
		return CRM_EINTERNAL;
	memset(b->data + b->len, ' ', n);
	b->len += n;
	b->data[b->len] = '\0';
	return CRM_OK;
}

static int
is_numeric(const struct column *col)
{
	return col->nonempty && !col->notnum;
}

/* One table or md cell, padded to its column's width: on the left in a
 * numeric column, else on the right. */
static int
add_table_cell(crm_out *o, size_t c, const char *s, size_t n)
{
	const struct column *col = &o->cols[c];
	int md = o->fmt == CRM_FMT_MD, right = is_numeric(col);
	size_t fill = col->width - crm_text_width(s, n);
	int rc = CRM_OK;

	if (md)
		rc = crm_buf_addc(&o->buf, ' ');
	else if (c > 0)
		rc = crm_buf_add(&o->buf, "  ", 2);
	if (rc == CRM_OK && right)
		rc = add_spaces(&o->buf, fill);
	if (rc == CRM_OK)
		rc = crm_buf_add(&o->buf, s, n);
	if (rc == CRM_OK && !right)
		rc = add_spaces(&o->buf, fill);
	if (rc == CRM_OK && md)
		rc = crm_buf_add(&o->buf, " |", 2);
	return rc;
}

/* End a table or md line: cut trailing spaces, add the newline, and
 * write out a full buffer. */
static int
end_line(crm_out *o, size_t start, crm_err *err)
{
	while (o->buf.len > start && o->buf.data[o->buf.len - 1] == ' ')
		o->buf.len--;
	if (crm_buf_addc(&o->buf, '\n') != CRM_OK)
		return crm_err_nomem(err);
	return written(o, err);
}

/* Write the kept rows: header, rule, cells. */
static int
render_table(crm_out *o, crm_err *err)
{
	int md = o->fmt == CRM_FMT_MD;
	size_t c, row, k, start, cell;
	int rc = CRM_OK;

	/* The header: the widths must include it before anything is
	 * written. */
	for (c = 0; c < o->ncols; c++) {
		crm_buf_reset(&o->scratch);
		if (add_display(&o->scratch, o->cols[c].name,
		    o->cols[c].name_len, md) != CRM_OK)
			return crm_err_nomem(err);
		k = crm_text_width(o->scratch.data, o->scratch.len);
		if (k > o->cols[c].width)
			o->cols[c].width = k;
		/* A Markdown separator needs three characters. */
		if (md && o->cols[c].width < 3)
			o->cols[c].width = 3;
	}
	start = o->buf.len;
	if (md && crm_buf_addc(&o->buf, '|') != CRM_OK)
		return crm_err_nomem(err);
	for (c = 0; c < o->ncols; c++) {
		crm_buf_reset(&o->scratch);
		if (add_display(&o->scratch, o->cols[c].name,
		    o->cols[c].name_len, md) != CRM_OK ||
		    add_table_cell(o, c, o->scratch.data, o->scratch.len) !=
		    CRM_OK)
			return crm_err_nomem(err);
	}
	if ((rc = end_line(o, start, err)) != CRM_OK)
		return rc;
	start = o->buf.len;
	if (md && crm_buf_addc(&o->buf, '|') != CRM_OK)
		return crm_err_nomem(err);
	for (c = 0; c < o->ncols; c++) {
		size_t w = o->cols[c].width;
		int colon = md && is_numeric(&o->cols[c]);

		if (md)
			rc = crm_buf_addc(&o->buf, ' ');
		else if (c > 0)
			rc = crm_buf_add(&o->buf, "  ", 2);
		if (rc == CRM_OK)
			rc = crm_buf_reserve(&o->buf, w + 2);
		if (rc != CRM_OK)
			return crm_err_nomem(err);
		memset(o->buf.data + o->buf.len, '-', w - (size_t)colon);
		o->buf.len += w - (size_t)colon;
		if (colon)
			o->buf.data[o->buf.len++] = ':';
		if (md) {
			memcpy(o->buf.data + o->buf.len, " |", 2);
			o->buf.len += 2;
		}
		o->buf.data[o->buf.len] = '\0';
	}
	if ((rc = end_line(o, start, err)) != CRM_OK)
		return rc;
	for (row = 0, cell = 0; row < o->nrows; row++) {
		start = o->buf.len;
		if (md && crm_buf_addc(&o->buf, '|') != CRM_OK)
			return crm_err_nomem(err);
		for (c = 0; c < o->ncols; c++, cell++) {
			k = cell > 0 ? o->cell_end[cell - 1] : 0;
			if (add_table_cell(o, c, o->cells.data + k,
			    o->cell_end[cell] - k) != CRM_OK)
				return crm_err_nomem(err);
		}
		if ((rc = end_line(o, start, err)) != CRM_OK)
			return rc;
	}
	return CRM_OK;
}

int
crm_out_close(crm_out *o, crm_err *err)
{
	int rc = CRM_OK;

	if (o == NULL)
		return CRM_OK;
	if (o->werr == 0) {
		/* Fields set and nothing written: the header alone. */
		if (o->fmt == CRM_FMT_TABLE || o->fmt == CRM_FMT_MD) {
			if (o->nrows > 0 || o->fields_set)
				rc = render_table(o, err);
		} else if (o->fmt != CRM_FMT_JSONL && o->fields_set &&
		    !o->header_done) {
			rc = write_delimited(o, NULL, err);
		}
	}
	flush_buf(o);
	if (o->gz != NULL) {
		errno = 0;
		if (gzclose(o->gz) != Z_OK && o->werr == 0)
			o->werr = errno != 0 ? errno : EIO;
		o->gz = NULL;
	}
	if (o->own_fd && close(o->fd) != 0 && o->werr == 0)
		o->werr = errno;
	if (rc == CRM_OK && o->werr != 0)
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
		(void)gzclose(o->gz);
	if (o->own_fd)
		(void)close(o->fd);
	out_free(o);
}
