/*
 * identity_norm.c - the keys identity resolution compares: e-mail,
 * phone, codes, names, streets and cities, and how alike two names are.
 */
#include "internal.h"
#include "identity_internal.h"

/* The code point at s (n > 0 bytes left), its length in *k; a byte that
 * does not start a valid sequence is U+FFFD of length 1. */
static uint32_t
utf8_next(const unsigned char *s, size_t n, size_t *k)
{
	uint32_t c;
	size_t need, i;

	*k = 1;
	if (s[0] < 0x80)
		return s[0];
	if (s[0] >= 0xc2 && s[0] < 0xe0) {
		need = 2;
		c = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] < 0xf0) {
		need = 3;
		c = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] < 0xf5) {
		need = 4;
		c = s[0] & 0x07;
	} else {
		return 0xfffd;
	}
	if (n < need)
		return 0xfffd;
	for (i = 1; i < need; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0xfffd;
		c = c << 6 | (s[i] & 0x3f);
	}
	if ((need == 3 && (c < 0x800 || (c >= 0xd800 && c <= 0xdfff))) ||
	    (need == 4 && (c < 0x10000 || c > 0x10ffff)))
		return 0xfffd;
	*k = need;
	return c;
}

static int
add_utf8(crm_buf *b, uint32_t c)
{
	char u[4];
	size_t n;

	if (c < 0x80) {
		u[0] = (char)c;
		n = 1;
	} else if (c < 0x800) {
		u[0] = (char)(0xc0 | c >> 6);
		u[1] = (char)(0x80 | (c & 0x3f));
		n = 2;
	} else if (c < 0x10000) {
		u[0] = (char)(0xe0 | c >> 12);
		u[1] = (char)(0x80 | (c >> 6 & 0x3f));
		u[2] = (char)(0x80 | (c & 0x3f));
		n = 3;
	} else {
		u[0] = (char)(0xf0 | c >> 18);
		u[1] = (char)(0x80 | (c >> 12 & 0x3f));
		u[2] = (char)(0x80 | (c >> 6 & 0x3f));
		u[3] = (char)(0x80 | (c & 0x3f));
		n = 4;
	}
	return crm_buf_add(b, u, n);
}

static int
is_cjk(uint32_t c)
{
	return (c >= 0x2e80 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7af) ||
	    (c >= 0xf900 && c <= 0xfaff) || (c >= 0x20000 && c <= 0x3ffff);
}

/* Punctuation of CJK text and general punctuation, as space. */
static int
is_wide_punct(uint32_t c)
{
	return (c >= 0x3000 && c <= 0x303f) || (c >= 0x2000 && c <= 0x206f) ||
	    c == 0xb7 || c == 0x30fb || (c >= 0xff01 && c <= 0xff65 &&
	    !((c >= 0xff10 && c <= 0xff19) || (c >= 0xff21 && c <= 0xff3a) ||
	    (c >= 0xff41 && c <= 0xff5a)));
}

/* Signs of Latin-1 as space: C1 controls, the no-break space, the
 * punctuation and symbols of U+00A1..U+00BF (not the ordinals,
 * superscripts, micro sign and fractions), and the multiplication and
 * division signs. */
static int
is_latin1_sign(uint32_t c)
{
	return (c >= 0x80 && c <= 0xbf && c != 0xaa && c != 0xb2 &&
	    c != 0xb3 && c != 0xb5 && c != 0xb9 && c != 0xba &&
	    !(c >= 0xbc && c <= 0xbe)) || c == 0xd7 || c == 0xf7;
}

/* What is not seen and joins or breaks nothing: the soft hyphen, zero
 * width space, (non-)joiner, word joiner and byte order mark. */
static int
is_invisible(uint32_t c)
{
	return c == 0xad || (c >= 0x200b && c <= 0x200d) || c == 0x2060 ||
	    c == 0xfeff;
}

/* c in lower case, for the letters of Latin-1, Latin Extended-A, Greek
 * and Cyrillic that have one (one code point to one); the final sigma is
 * a sigma, so that a name in capitals and one in lower case compare
 * equal. */
static uint32_t
to_lower(uint32_t c)
{
	if ((c >= 'A' && c <= 'Z') || (c >= 0xc0 && c <= 0xde && c != 0xd7))
		return c + 0x20;
	if (c == 0x130)                          /* dotted capital I */
		return 'i';
	if ((c >= 0x100 && c <= 0x137) || (c >= 0x14a && c <= 0x177))
		return c | 1;
	if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17e))
		return c & 1 ? c + 1 : c;
	if (c == 0x178)
		return 0xff;
	if (c >= 0x391 && c <= 0x3ab && c != 0x3a2)
		return c + 0x20;
	if (c == 0x3c2)                          /* final sigma: as sigma */
		return 0x3c3;
	if (c >= 0x410 && c <= 0x42f)
		return c + 0x20;
	if (c >= 0x400 && c <= 0x40f)
		return c + 0x50;
	return c;
}

/* Fold s[0..len) into out: full-width ASCII to ASCII, letters to lower
 * case (to_lower), every other ASCII sign, Latin-1 sign and CJK
 * punctuation as one space between words, invisible characters left
 * out, no space at either end.  CRM_END when empty. */
static int
fold(crm_buf *out, const char *s, size_t len, crm_err *err)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, k;
	int space = 0, rc = CRM_OK;

	crm_buf_reset(out);
	if (crm_buf_reserve(out, len + 1) != CRM_OK)
		return crm_err_nomem(err);
	out->data[0] = '\0';
	while (i < len && rc == CRM_OK) {
		uint32_t c = utf8_next(p + i, len - i, &k);

		i += k;
		if (is_invisible(c))
			continue;
		if (c >= 0xff01 && c <= 0xff5e && !is_wide_punct(c))
			c -= 0xfee0;
		c = to_lower(c);
		if (c < 0x80 && !((c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9')))
			c = ' ';
		else if (is_wide_punct(c) || is_latin1_sign(c))
			c = ' ';
		if (c == ' ') {
			space = out->len > 0;
			continue;
		}
		if (space)
			rc = crm_buf_addc(out, ' ');
		space = 0;
		if (rc == CRM_OK)
			rc = add_utf8(out, c);
	}
	if (rc != CRM_OK)
		return crm_err_nomem(err);
	return out->len > 0 ? CRM_OK : CRM_END;
}

/* s[0..len) as valid UTF-8 in out: a byte that does not start a valid
 * sequence, and NUL, as U+FFFD (crm_email_norm and crm_phone_norm take
 * valid UTF-8 only). */
static int
valid_utf8(crm_buf *out, const char *s, size_t len, crm_err *err)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, k;
	int rc = CRM_OK;

	crm_buf_reset(out);
	if (crm_buf_reserve(out, len + 1) != CRM_OK)
		return crm_err_nomem(err);
	out->data[0] = '\0';
	while (i < len && rc == CRM_OK) {
		uint32_t c = utf8_next(p + i, len - i, &k);

		i += k;
		rc = add_utf8(out, c == 0 ? 0xfffd : c);
	}
	return rc == CRM_OK ? CRM_OK : crm_err_nomem(err);
}

/* out as the empty string; CRM_END. */
static int
no_key(crm_buf *out, crm_err *err)
{
	crm_buf_reset(out);
	if (crm_buf_reserve(out, 1) != CRM_OK)
		return crm_err_nomem(err);
	out->data[0] = '\0';
	return CRM_END;
}

int
crm_identity_email(crm_buf *out, const char *s, size_t len, crm_err *err)
{
	crm_buf t = CRM_BUF_INIT, v = CRM_BUF_INIT;
	crm_err why;
	const char *at, *c;
	int rc;

	if ((rc = valid_utf8(&v, s, len, err)) == CRM_OK)
		rc = crm_email_norm(&t, v.data, v.len, &why);
	crm_buf_free(&v);
	if (rc != CRM_OK) {
		crm_buf_free(&t);
		return rc == CRM_EDATA ? no_key(out, err) : crm_err_nomem(err);
	}
	at = strrchr(t.data, '@');
	crm_buf_reset(out);
	if (strcmp(at + 1, "gmail.com") != 0 &&
	    strcmp(at + 1, "googlemail.com") != 0) {
		rc = crm_buf_add(out, t.data, t.len);
	} else {
		for (c = t.data; rc == CRM_OK && c < at && *c != '+'; c++)
			if (*c != '.')
				rc = crm_buf_addc(out, *c);
		if (rc == CRM_OK && out->len == 0) {
			crm_buf_free(&t);
			return no_key(out, err);
		}
		if (rc == CRM_OK)
			rc = crm_buf_adds(out, "@gmail.com");
	}
	crm_buf_free(&t);
	return rc == CRM_OK ? CRM_OK : crm_err_nomem(err);
}

int
crm_identity_phone(crm_buf *out, const char *s, size_t len,
    const char *country, crm_err *err)
{
	crm_buf t = CRM_BUF_INIT, v = CRM_BUF_INIT;
	crm_err why;
	int rc;

	if (no_key(out, err) != CRM_END ||
	    valid_utf8(&v, s, len, err) != CRM_OK) {
		crm_buf_free(&v);
		return CRM_EINTERNAL;
	}
	rc = crm_phone_norm(&t, v.data, v.len, country != NULL &&
	    *country != '\0' ? country : "", &why);
	if (rc == CRM_EDATA && (country == NULL || *country == '\0') &&
	    strstr(why.msg, "no country code") != NULL)
		rc = crm_phone_norm(&t, v.data, v.len, "0", &why);
	crm_buf_free(&v);
	if (rc == CRM_OK && (country == NULL || *country == '\0') &&
	    t.len > 2 && t.data[1] == '0' && t.data[2] != '0') {
		/* the "0" stood in for a country: the national digits */
		rc = crm_buf_add(out, t.data + 2, t.len - 2);
	} else if (rc == CRM_OK) {
		rc = crm_buf_add(out, t.data + 1, t.len - 1);
	}
	crm_buf_free(&t);
	if (rc == CRM_EINTERNAL)
		return crm_err_nomem(err);
	/* 7 digits at least, national ones too (the "0" counted above) */
	if (rc != CRM_OK || out->len < 7)
		return no_key(out, err);
	return CRM_OK;
}

int
crm_identity_code(crm_buf *out, const char *s, size_t len, crm_err *err)
{
	crm_buf t = CRM_BUF_INIT;
	size_t i;
	int rc;

	if ((rc = fold(&t, s, len, err)) != CRM_OK) {
		crm_buf_free(&t);
		return rc == CRM_END ? no_key(out, err) : rc;
	}
	crm_buf_reset(out);
	for (i = 0; rc == CRM_OK && i < t.len; i++) {
		char c = t.data[i];

		if (c >= 'a' && c <= 'z')
			rc = crm_buf_addc(out, (char)(c - 'a' + 'A'));
		else if (c >= '0' && c <= '9')
			rc = crm_buf_addc(out, c);
	}
	crm_buf_free(&t);
	if (rc != CRM_OK)
		return crm_err_nomem(err);
	return out->len > 0 ? CRM_OK : no_key(out, err);
}

static const char *const legal_words[] = {
	"ltd", "limited", "gmbh", "co", "inc", "incorporated", "corp",
	"corporation", "llc", "plc", "ag", "sa", "srl", "bv", "kg",
};

/* Longest first: the first that ends a word is dropped, again. */
static const char *const legal_suffixes[] = {
	"股份有限公司", "有限责任公司", "有限責任公司", "集团有限公司",
	"有限公司", "集团", "公司",
};

static int
ends_with(const char *s, size_t n, const char *suf, size_t *sn)
{
	*sn = strlen(suf);
	return n >= *sn && memcmp(s + n - *sn, suf, *sn) == 0;
}

/* Append word w[0..n) to out unless it is a legal form; CJK legal-form
 * endings are cut off first. */
static int
add_name_word(crm_buf *out, const char *w, size_t n)
{
	size_t i, sn;
	int cut = 1;

	while (cut) {
		cut = 0;
		for (i = 0; i < ARRAY_LEN(legal_suffixes); i++)
			if (ends_with(w, n, legal_suffixes[i], &sn)) {
				n -= sn;
				cut = 1;
				break;
			}
	}
	for (i = 0; i < ARRAY_LEN(legal_words); i++)
		if (strlen(legal_words[i]) == n &&
		    memcmp(legal_words[i], w, n) == 0)
			return CRM_OK;
	if (n == 0)
		return CRM_OK;
	if (out->len > 0 && crm_buf_addc(out, ' ') != CRM_OK)
		return CRM_EINTERNAL;
	return crm_buf_add(out, w, n);
}

static const char *const street_words[][2] = {
	{ "street", "st" }, { "road", "rd" }, { "avenue", "ave" },
	{ "boulevard", "blvd" }, { "drive", "dr" }, { "lane", "ln" },
};

/* fold, then each word through add_name_word (name set) or with the
 * street words abbreviated. */
static int
words(crm_buf *out, const char *s, size_t len, int name, crm_err *err)
{
	crm_buf t = CRM_BUF_INIT;
	size_t i, start = 0, j;
	int rc;

	crm_buf_reset(out);
	if (crm_buf_reserve(out, len + 1) != CRM_OK)
		return crm_err_nomem(err);
	out->data[0] = '\0';
	if ((rc = fold(&t, s, len, err)) != CRM_OK) {
		crm_buf_free(&t);
		return rc;
	}
	for (i = 0; i <= t.len && rc == CRM_OK; i++) {
		const char *w = t.data + start;
		size_t n = i - start;

		if (i < t.len && t.data[i] != ' ')
			continue;
		start = i + 1;
		if (name) {
			rc = add_name_word(out, w, n);
			continue;
		}
		for (j = 0; j < ARRAY_LEN(street_words); j++)
			if (strlen(street_words[j][0]) == n &&
			    memcmp(street_words[j][0], w, n) == 0) {
				w = street_words[j][1];
				n = strlen(w);
				break;
			}
		if (out->len > 0 && crm_buf_addc(out, ' ') != CRM_OK)
			rc = CRM_EINTERNAL;
		else
			rc = crm_buf_add(out, w, n);
	}
	crm_buf_free(&t);
	if (rc != CRM_OK)
		return crm_err_nomem(err);
	return out->len > 0 ? CRM_OK : CRM_END;
}

int
crm_identity_name(crm_buf *out, const char *s, size_t len, crm_err *err)
{
	return words(out, s, len, 1, err);
}

int
crm_identity_street(crm_buf *out, const char *s, size_t len, crm_err *err)
{
	return words(out, s, len, 0, err);
}

int
crm_identity_city(crm_buf *out, const char *s, size_t len, crm_err *err)
{
	size_t sn;
	int rc;

	if ((rc = words(out, s, len, 1, err)) != CRM_OK)
		return rc;
	if (ends_with(out->data, out->len, "市", &sn) && out->len > sn) {
		out->len -= sn;
		out->data[out->len] = '\0';
	}
	return CRM_OK;
}

#define NAME_MAX_CPS 64
#define NAME_MAX_WORDS 16

/* Jaro-Winkler similarity of a[0..na) and b[0..nb) (code points). */
static double
jaro_winkler(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
	unsigned char ma[NAME_MAX_CPS], mb[NAME_MAX_CPS];
	size_t i, j, lo, hi, win, m = 0, t = 0, l = 0;
	double jaro;

	if (na == 0 || nb == 0)
		return 0.0;
	win = (na > nb ? na : nb) / 2;
	win = win > 0 ? win - 1 : 0;
	memset(ma, 0, na);
	memset(mb, 0, nb);
	for (i = 0; i < na; i++) {
		lo = i > win ? i - win : 0;
		hi = i + win + 1 < nb ? i + win + 1 : nb;
		for (j = lo; j < hi; j++)
			if (!mb[j] && a[i] == b[j]) {
				ma[i] = mb[j] = 1;
				m++;
				break;
			}
	}
	if (m == 0)
		return 0.0;
	for (i = 0, j = 0; i < na; i++) {
		if (!ma[i])
			continue;
		while (!mb[j])
			j++;
		if (a[i] != b[j])
			t++;
		j++;
	}
	jaro = ((double)m / (double)na + (double)m / (double)nb +
	    ((double)m - (double)t / 2.0) / (double)m) / 3.0;
	while (l < 4 && l < na && l < nb && a[l] == b[l])
		l++;
	return jaro + (double)l * 0.1 * (1.0 - jaro);
}

/* A name's code points (at most NAME_MAX_CPS, spaces left out) and its
 * words as spans of them. */
struct name_cps {
	uint32_t cp[NAME_MAX_CPS];
	size_t n;
	size_t start[NAME_MAX_WORDS], len[NAME_MAX_WORDS];
	size_t nwords;
	int cjk;
};

static void
name_split(const char *s, struct name_cps *nc)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, k, len = strlen(s);
	int in_word = 0;

	nc->n = nc->nwords = 0;
	nc->cjk = 0;
	while (i < len && nc->n < NAME_MAX_CPS) {
		uint32_t c = utf8_next(p + i, len - i, &k);

		i += k;
		if (c == ' ') {
			in_word = 0;
			continue;
		}
		if (is_cjk(c))
			nc->cjk = 1;
		if (!in_word && nc->nwords < NAME_MAX_WORDS) {
			nc->start[nc->nwords] = nc->n;
			nc->len[nc->nwords++] = 0;
			in_word = 1;
		}
		if (in_word && nc->nwords > 0 &&
		    nc->start[nc->nwords - 1] + nc->len[nc->nwords - 1] ==
		    nc->n)
			nc->len[nc->nwords - 1]++;
		nc->cp[nc->n++] = c;
	}
}

/* Each word of x against its best match in y, averaged. */
static double
best_words(const struct name_cps *x, const struct name_cps *y)
{
	double sum = 0.0;
	size_t i, j;

	for (i = 0; i < x->nwords; i++) {
		double best = 0.0;

		for (j = 0; j < y->nwords; j++) {
			double s = jaro_winkler(x->cp + x->start[i], x->len[i],
			    y->cp + y->start[j], y->len[j]);

			if (s > best)
				best = s;
		}
		sum += best;
	}
	return x->nwords > 0 ? sum / (double)x->nwords : 0.0;
}

double
crm_identity_name_similarity(const char *a, const char *b)
{
	struct name_cps x, y;
	double whole, by_words;

	if (a == NULL || b == NULL || *a == '\0' || *b == '\0')
		return 0.0;
	if (strcmp(a, b) == 0)
		return 1.0;
	name_split(a, &x);
	name_split(b, &y);
	whole = jaro_winkler(x.cp, x.n, y.cp, y.n);
	if (x.cjk || y.cjk)
		return whole;
	by_words = (best_words(&x, &y) + best_words(&y, &x)) / 2.0;
	return by_words > whole ? by_words : whole;
}

static int
same(const char *a, const char *b)
{
	return a != NULL && b != NULL && *a != '\0' && strcmp(a, b) == 0;
}

static int
differ(const char *a, const char *b)
{
	return a != NULL && b != NULL && *a != '\0' && *b != '\0' &&
	    strcmp(a, b) != 0;
}

static void
evidence(crm_identity_score *sc, const char *text)
{
	if (sc->nevidence < CRM_IDENTITY_EVIDENCE_MAX)
		snprintf(sc->evidence[sc->nevidence++],
		    sizeof(sc->evidence[0]), "%s", text);
}

/* The score of a pair; the evidence only when asked (match scores
 * millions of pairs and writes few). */
static void
score(const crm_identity_keys *a, const crm_identity_keys *b,
    crm_identity_score *sc, int with_evidence)
{
	static const struct {
		size_t off;
		const char *what;
		int points;
	} keys[] = {
		{ offsetof(crm_identity_keys, email), "email", 55 },
		{ offsetof(crm_identity_keys, phone), "phone", 40 },
		{ offsetof(crm_identity_keys, tax_id), "tax_id", 70 },
		{ offsetof(crm_identity_keys, reg_no), "reg_no", 70 },
	};
	char text[40];
	double s;
	int points = 0;
	size_t i;

	sc->confidence = 0;
	sc->nevidence = 0;
	for (i = 0; i < ARRAY_LEN(keys); i++) {
		const char *x = *(const char *const *)
		    (const void *)((const char *)a + keys[i].off);
		const char *y = *(const char *const *)
		    (const void *)((const char *)b + keys[i].off);

		if (same(x, y)) {
			points += keys[i].points;
			if (with_evidence)
				evidence(sc, keys[i].what);
		}
	}
	s = crm_identity_name_similarity(a->name, b->name);
	if (s >= 0.70) {
		const char *where = NULL;

		points += (int)((s - 0.70) / 0.30 * 35.0 + 0.5);
		if (same(a->postcode, b->postcode) &&
		    same(a->street, b->street)) {
			points += 25;
			where = "address";
		} else if (same(a->postcode, b->postcode)) {
			points += 15;
			where = "postcode";
		} else if (same(a->city, b->city)) {
			points += 8;
			where = "city";
		}
		if (with_evidence) {
			snprintf(text, sizeof(text), "name %.2f%s%s", s,
			    where != NULL ? " + " : "",
			    where != NULL ? where : "");
			evidence(sc, text);
		}
	}
	if (differ(a->tax_id, b->tax_id)) {
		points -= 60;
		if (with_evidence)
			evidence(sc, "tax_id conflict");
	}
	if (differ(a->reg_no, b->reg_no)) {
		points -= 60;
		if (with_evidence)
			evidence(sc, "reg_no conflict");
	}
	if (differ(a->email, b->email)) {
		points -= 15;
		if (with_evidence)
			evidence(sc, "email differs");
	}
	sc->confidence = points < 0 ? 0 : points > 100 ? 100 : points;
}

void
crm_identity_score_pair(const crm_identity_keys *a,
    const crm_identity_keys *b, crm_identity_score *sc)
{
	score(a, b, sc, 1);
}

int
crm_identity_confidence(const crm_identity_keys *a,
    const crm_identity_keys *b)
{
	crm_identity_score sc;

	score(a, b, &sc, 0);
	return sc.confidence;
}
