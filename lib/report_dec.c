/*
 * report_dec.c - exact decimals for the group filter: a 128-bit integer
 * and a count of decimal places, so that sums of money or of any decimal
 * field are exact, whatever their number of places.
 */
#include "internal.h"
#include "report_internal.h"

#define DEC_MAX ((__int128)(((unsigned __int128)1 << 127) - 1))

static const __int128 *
powers(void)
{
	static __int128 p[DEC_MAX_SCALE * 2 + 3];
	static int done;
	int i;

	if (!done) {
		p[0] = 1;
		for (i = 1; i < (int)ARRAY_LEN(p); i++)
			p[i] = p[i - 1] * 10;
		done = 1;
	}
	return p;
}

int
dec_parse(const char *s, size_t n, dec *d)
{
	const char *end = s + n;
	__int128 v = 0;
	int neg = 0, scale = 0, digits = 0, frac = 0;
	long exp = 0;
	int eneg = 0, edigits = 0;

	if (s < end && (*s == '-' || *s == '+'))
		neg = *s++ == '-';
	for (; s < end; s++) {
		if (*s >= '0' && *s <= '9') {
			if (v > (DEC_MAX - 9) / 10)
				return -1;
			v = v * 10 + (*s - '0');
			digits++;
			if (frac)
				scale++;
		} else if (*s == '.' && !frac) {
			frac = 1;
		} else {
			break;
		}
	}
	if (digits == 0)
		return -1;
	if (s < end && (*s == 'e' || *s == 'E')) {
		s++;
		if (s < end && (*s == '-' || *s == '+'))
			eneg = *s++ == '-';
		for (; s < end && *s >= '0' && *s <= '9'; s++) {
			if (exp > 1000)
				return -1;
			exp = exp * 10 + (*s - '0');
			edigits++;
		}
		if (edigits == 0)
			return -1;
	}
	if (s != end)
		return -1;
	if (eneg)
		exp = -exp;
	exp = scale - exp;
	while (exp < 0) {
		if (v > DEC_MAX / 10)
			return -1;
		v *= 10;
		exp++;
	}
	if (exp > DEC_MAX_SCALE)
		return -1;
	d->v = neg ? -v : v;
	d->scale = (int)exp;
	return 0;
}

/* a at scale s (>= a's); -1 when it does not fit. */
static int
rescale(dec *a, int s)
{
	__int128 p;

	if (s == a->scale)
		return 0;
	p = powers()[s - a->scale];
	if (a->v > DEC_MAX / p || a->v < -DEC_MAX / p)
		return -1;
	a->v *= p;
	a->scale = s;
	return 0;
}

int
dec_add(dec *sum, dec x)
{
	if (x.scale > sum->scale && rescale(sum, x.scale) != 0)
		return -1;
	if (sum->scale > x.scale && rescale(&x, sum->scale) != 0)
		return -1;
	if ((x.v > 0 && sum->v > DEC_MAX - x.v) ||
	    (x.v < 0 && sum->v < -DEC_MAX - x.v))
		return -1;
	sum->v += x.v;
	return 0;
}

int
dec_cmp(dec a, dec b)
{
	if (a.scale < b.scale && rescale(&a, b.scale) != 0)
		return a.v < 0 ? -1 : 1;
	if (b.scale < a.scale && rescale(&b, a.scale) != 0)
		return b.v < 0 ? 1 : -1;
	return (a.v > b.v) - (a.v < b.v);
}

int
dec_div(dec a, int64_t den, int scale, dec *q)
{
	__int128 r;
	int neg;

	if (den == 0)
		return -1;
	if (scale < a.scale)
		scale = a.scale;
	if (scale > DEC_MAX_SCALE + 2 || rescale(&a, scale) != 0)
		return -1;
	neg = (a.v < 0) != (den < 0);
	q->v = a.v / den;
	r = a.v % den;
	if (r < 0)
		r = -r;
	if (2 * r >= (den < 0 ? -(__int128)den : (__int128)den))
		q->v += neg ? -1 : 1;
	q->scale = scale;
	return 0;
}

int
dec_lerp(dec a, dec b, int num, int den, dec *out)
{
	dec diff = b;
	int s = a.scale > b.scale ? a.scale : b.scale;
	__int128 q, rr, q2, m = 100 / den;

	if (rescale(&a, s) != 0 || rescale(&diff, s) != 0)
		return -1;
	/* b - a overflows only for values of opposite signs near the
	 * limit. */
	if ((a.v < 0 && diff.v > DEC_MAX + a.v) ||
	    (a.v > 0 && diff.v < -DEC_MAX + a.v))
		return -1;
	diff.v -= a.v;
	/* Exact at two more places when that fits ... */
	if (diff.v <= DEC_MAX / 200 && diff.v >= -DEC_MAX / 200 &&
	    a.v <= DEC_MAX / 200 && a.v >= -DEC_MAX / 200) {
		out->v = a.v * 100 + diff.v * num * m;
		out->scale = s + 2;
		return 0;
	}
	/* ... else rounded half away from zero at the values' places
	 * (the result lies between a and b, so it fits). */
	q = diff.v / den;
	rr = diff.v % den * num;
	q2 = rr / den;
	if (2 * (rr % den < 0 ? -(rr % den) : rr % den) >= den)
		q2 += rr < 0 ? -1 : 1;
	out->v = a.v + q * num + q2;
	out->scale = s;
	return 0;
}

char *
dec_format(dec d, int min_scale, char *buf)
{
	__int128 v = d.v < 0 ? -d.v : d.v;
	char digits[64];
	int n = 0, scale = d.scale, i;
	char *p = buf;

	/* Trailing zeros go, down to min_scale places. */
	while (scale > min_scale && v % 10 == 0) {
		v /= 10;
		scale--;
	}
	do {
		digits[n++] = (char)('0' + (int)(v % 10));
		v /= 10;
	} while (v > 0 || n <= scale);
	if (d.v < 0)
		*p++ = '-';
	for (i = n; i > 0; i--) {
		if (i == scale && scale > 0)
			*p++ = '.';
		*p++ = digits[i - 1];
	}
	*p = '\0';
	return buf;
}
