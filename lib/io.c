/*
 * io.c - record input: bytes from a file or stdin (gunzipped when they
 * start with the gzip magic), cut into lines, turned into records by the
 * JSON lines reader here or the CSV/TSV reader in csv.c.
 */
#include "internal.h"
#include "csv.h"
#include "io_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>

#define CHUNK (256 * 1024)

static int
fill_plain(crm_in *in, crm_err *err)
{
	ssize_t n;

	do
		n = read(in->fd, in->buf + in->end, in->cap - in->end);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return crm_err_set(err, CRM_EIO, "%s: read: %s", in->name,
		    strerror(errno));
	if (n == 0)
		in->eof = 1;
	in->end += (size_t)n;
	return CRM_OK;
}

static int
fill_gzip(crm_in *in, crm_err *err)
{
	z_stream *z = &in->z;
	int zrc;

	z->next_out = (unsigned char *)in->buf + in->end;
	z->avail_out = (unsigned)(in->cap - in->end);
	while (z->avail_out > 0) {
		if (z->avail_in == 0 && !in->raw_eof) {
			ssize_t n;

			do
				n = read(in->fd, in->raw, CHUNK);
			while (n < 0 && errno == EINTR);
			if (n < 0)
				return crm_err_set(err, CRM_EIO, "%s: read: %s",
				    in->name, strerror(errno));
			if (n == 0)
				in->raw_eof = 1;
			z->next_in = in->raw;
			z->avail_in = (unsigned)n;
		}
		if (z->avail_in == 0 && in->raw_eof) {
			if (!in->member_done)
				return crm_err_set(err, CRM_EIO,
				    "%s: gzip data cut short", in->name);
			in->eof = 1;
			break;
		}
		if (in->member_done) {
			/* Another gzip member follows (as `cat a.gz b.gz`). */
			if (inflateReset(z) != Z_OK)
				return crm_err_set(err, CRM_EINTERNAL,
				    "%s: gzip: reset failed", in->name);
			in->member_done = 0;
		}
		zrc = inflate(z, Z_NO_FLUSH);
		if (zrc == Z_STREAM_END) {
			in->member_done = 1;
		} else if (zrc != Z_OK && zrc != Z_BUF_ERROR) {
			return crm_err_set(err, CRM_EIO, "%s: gzip: %s",
			    in->name, z->msg ? z->msg : "bad data");
		}
		if ((size_t)((char *)z->next_out - in->buf) > in->end)
			break;  /* some output: give it to the caller */
	}
	in->end = (size_t)((char *)z->next_out - in->buf);
	return CRM_OK;
}

/* Make room after the data and read more.  Keeps the data from
 * in->start on; grows the buffer up to limit bytes of data. */
static int
fill(crm_in *in, size_t limit, crm_err *err)
{
	if (in->start > 0) {
		memmove(in->buf, in->buf + in->start, in->end - in->start);
		in->end -= in->start;
		in->scan -= in->start;
		in->start = 0;
	}
	if (in->end == in->cap) {
		size_t cap = in->cap * 2;
		char *p;

		if (in->end > limit)
			return CRM_OK;  /* the caller sees the line is too long */
		p = realloc(in->buf, cap + 1);
		if (p == NULL)
			return crm_err_nomem(err);
		in->buf = p;
		in->cap = cap;
	}
	return in->gz ? fill_gzip(in, err) : fill_plain(in, err);
}

int
crm_in_next_line(crm_in *in, const char **line, size_t *len, crm_err *err)
{
	size_t limit = in->max_line + 2, n;
	char *nl;
	int rc;

	for (;;) {
		nl = memchr(in->buf + in->scan, '\n', in->end - in->scan);
		if (nl != NULL)
			break;
		in->scan = in->end;
		if (in->eof)
			break;
		if (in->end - in->start > limit) {
			in->skipping = 1;
			in->bytes += in->end - in->start;
			in->start = in->scan = in->end;
		}
		if ((rc = fill(in, limit, err)) != CRM_OK) {
			in->fatal = rc;
			return rc;
		}
	}
	if (nl == NULL && in->start == in->end) {
		if (in->skipping) {
			in->skipping = 0;
			in->lineno++;
			return crm_err_set(err, CRM_EDATA,
			    "%s:%lu: line longer than %zu bytes", in->name,
			    in->lineno, in->max_line);
		}
		return CRM_END;
	}
	n = (nl != NULL ? (size_t)(nl - in->buf) : in->end) - in->start;
	*line = in->buf + in->start;
	in->start = in->scan = in->start + n + (nl != NULL);
	in->bytes += n + (nl != NULL);
	in->lineno++;
	if (in->skipping) {
		in->skipping = 0;
		return crm_err_set(err, CRM_EDATA,
		    "%s:%lu: line longer than %zu bytes", in->name, in->lineno,
		    in->max_line);
	}
	if (n > 0 && (*line)[n - 1] == '\r')
		n--;
	if (in->lineno == 1 && n >= 3 && memcmp(*line, "\xEF\xBB\xBF", 3) == 0) {
		*line += 3;
		n -= 3;
	}
	if (n > in->max_line)
		return crm_err_set(err, CRM_EDATA,
		    "%s:%lu: line longer than %zu bytes", in->name, in->lineno,
		    in->max_line);
	*len = n;
	return CRM_OK;
}

static int
is_blank(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return 0;
	return 1;
}

static int
read_jsonl(crm_in *in, crm_rec *rec, crm_err *err)
{
	const char *line = NULL;
	const void *nul;
	size_t len;
	int rc;

	do {
		rc = crm_in_next_line(in, &line, &len, err);
		in->text = line;
		in->text_len = rc == CRM_OK ? len : 0;
		in->rec_line = in->lineno;
		if (rc != CRM_OK)
			return rc;
	} while (is_blank(line, len));
	crm_rec_set_place(rec, in->name, in->lineno);
	if ((nul = memchr(line, '\0', len)) != NULL)
		return crm_err_set(err, CRM_EDATA, "%s:%lu: col %zu: NUL byte",
		    in->name, in->lineno, (size_t)((const char *)nul - line) + 1);
	if ((rc = crm_rec_parse(rec, line, len, err)) != CRM_OK)
		return crm_err_prefix(err, "%s:%lu", in->name, in->lineno);
	return CRM_OK;
}

int
crm_in_open(crm_in **inp, const char *path, crm_format fmt, crm_err *err)
{
	crm_in *in;
	int rc;

	*inp = NULL;
	if ((in = calloc(1, sizeof(*in))) == NULL)
		return crm_err_nomem(err);
	in->fd = -1;
	in->max_line = CRM_IN_MAX_LINE_DEFAULT;
	in->cap = CHUNK;
	if (fmt == CRM_FMT_AUTO && path != NULL && strcmp(path, "-") != 0)
		fmt = crm_format_from_name(path);
	if (fmt == CRM_FMT_AUTO)
		fmt = CRM_FMT_JSONL;
	if (fmt != CRM_FMT_JSONL && fmt != CRM_FMT_CSV && fmt != CRM_FMT_TSV) {
		rc = crm_err_set(err, CRM_EUSAGE, "%s is not an input format",
		    crm_format_name(fmt));
		goto fail;
	}
	in->fmt = fmt;
	if (path == NULL || strcmp(path, "-") == 0) {
		in->name = strdup("<stdin>");
		in->fd = 0;
	} else {
		in->name = strdup(path);
		do
			in->fd = open(path, O_RDONLY);
		while (in->fd < 0 && errno == EINTR);
		if (in->fd < 0) {
			rc = crm_err_set(err, CRM_ENOINPUT, "%s: %s", path,
			    strerror(errno));
			goto fail;
		}
		in->own_fd = 1;
	}
	if (in->name == NULL || (in->buf = malloc(in->cap + 1)) == NULL) {
		rc = crm_err_nomem(err);
		goto fail;
	}
	if ((rc = fill_plain(in, err)) != CRM_OK)
		goto fail;
	while (in->end < 2 && !in->eof)
		if ((rc = fill_plain(in, err)) != CRM_OK)
			goto fail;
	if (in->end >= 2 && (unsigned char)in->buf[0] == 0x1f &&
	    (unsigned char)in->buf[1] == 0x8b) {
		if ((in->raw = malloc(CHUNK)) == NULL) {
			rc = crm_err_nomem(err);
			goto fail;
		}
		memcpy(in->raw, in->buf, in->end);
		if (inflateInit2(&in->z, 15 + 16) != Z_OK) {
			rc = crm_err_nomem(err);
			goto fail;
		}
		in->z.next_in = in->raw;
		in->z.avail_in = (unsigned)in->end;
		in->gz = 1;
		in->raw_eof = in->eof;
		in->eof = 0;
		in->end = 0;
	}
	*inp = in;
	return CRM_OK;
fail:
	crm_in_close(in);
	return rc;
}

void
crm_in_set_max_line(crm_in *in, size_t max)
{
	in->max_line = max;
}

int
crm_in_read(crm_in *in, crm_rec *rec, crm_err *err)
{
	int rc;

	if (in->fatal)
		return crm_err_set(err, in->fatal, "%s: cannot read on after "
		    "an error", in->name);
	crm_rec_clear(rec);
	crm_rec_set_place(rec, in->name, 0);
	if (in->fmt == CRM_FMT_JSONL)
		rc = read_jsonl(in, rec, err);
	else
		rc = crm_csv_read(in, rec, err);
	if (rc == CRM_OK || rc == CRM_EDATA)
		in->count++;
	else if (rc != CRM_END)
		in->fatal = rc;
	return rc;
}

int
crm_in_failed(const crm_in *in)
{
	return in->fatal != 0;
}

const char *
crm_in_name(const crm_in *in)
{
	return in->name;
}

unsigned long
crm_in_line(const crm_in *in)
{
	return in->rec_line;
}

const char *
crm_in_text(const crm_in *in, size_t *len)
{
	*len = in->text_len;
	return in->text != NULL ? in->text : "";
}

unsigned long
crm_in_count(const crm_in *in)
{
	return in->count;
}

unsigned long long
crm_in_bytes(const crm_in *in)
{
	return in->bytes;
}

void
crm_in_close(crm_in *in)
{
	if (in == NULL)
		return;
	if (in->gz)
		inflateEnd(&in->z);
	if (in->own_fd && in->fd >= 0)
		close(in->fd);
	crm_csv_free(in);
	free(in->raw);
	free(in->buf);
	free(in->name);
	free(in);
}
