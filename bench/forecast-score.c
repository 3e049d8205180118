/*
 * forecast-score - the accuracy of forecasts against what happened, for
 * bench/forecast.sh: one scorer for crm-forecast and its peers.
 *
 * usage: forecast-score [-m LAG] TRAIN TRUTH NAME=FORECASTS ...
 *
 * TRAIN and TRUTH are points as JSON lines, {"series":"N1402",
 * "period":"1990-01","value":2640}: TRAIN the history each forecast was
 * made from, TRUTH the periods that followed.  Each FORECASTS file has
 * one line per series and period as crm-forecast writes them,
 * {"series":...,"period":...,"forecast":...,"lo80":...,"hi80":...,
 * "lo95":...,"hi95":..., ...} (other fields are ignored; the bounds are
 * optional, but in every line or in none).  It must forecast exactly the
 * series and periods of TRUTH: a row that TRUTH has not, a row twice or
 * a row of TRUTH not forecast is an error (exit 65), as is a forecast
 * that is not a number.
 *
 * Prints a header and one tab-separated line per NAME: the number of
 * series scored, the mean over series of
 *   sMAPE  the mean over the horizon of 200 |y - f| / (|y| + |f|) (the M3
 *          competition's definition; 0 where y and f are both 0),
 *   MASE   the mean over the horizon of |y - f| / s, where s is the mean
 *          of |y[t] - y[t - LAG]| over the series' TRAIN (the in-sample
 *          error of the seasonal naive forecast, Hyndman and Koehler
 *          2006, as in M4; LAG 12 by default),
 * and the share in percent of the TRUTH values inside [lo80, hi80] and
 * [lo95, hi95] (bounds included; a null bound covers nothing), or "-"
 * when the file has no bounds.  Four decimals: the M3 figures are quoted
 * to two.
 *
 * A series' TRAIN is taken in period order (periods as crm writes them,
 * YYYY-MM, YYYY-Www, YYYY-MM-DD, sort as strings) and must have no gaps;
 * a series with no more than LAG train values, or a constant seasonal
 * pattern (s = 0), has no MASE and is an error.
 */
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define EX_USAGE 64
#define EX_DATAERR 65
#define EX_NOINPUT 66
#define EX_SOFTWARE 70
#define EX_IOERR 74

static const char usage_text[] =
	"usage: forecast-score [-m LAG] TRAIN TRUTH NAME=FORECASTS ...\n";

/* A series: its MASE scale and, while one file is scored, its sums. */
struct series {
	char *name;
	double scale;
	size_t rows;		/* TRUTH rows */
	double smape_sum, ae_sum;
};

/* A point of TRAIN or TRUTH. */
struct point {
	size_t series;
	char *period;
	double value;
};

/* An open-addressing hash table of string keys to indexes: series names,
 * and "series\tperiod" for the TRUTH rows (neither holds a tab: crm's
 * keys are JSON strings, and a tab in one is rejected below). */
struct table {
	char **keys;
	size_t *vals;
	size_t cap, n;
};

static const char *prog = "forecast-score";

static void die(int code, const char *fmt, ...)
	__attribute__((format(printf, 2, 3), noreturn));

static void
die(int code, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(code);
}

static void *
xrealloc(void *p, size_t n)
{
	p = realloc(p, n);
	if (p == NULL)
		die(EX_SOFTWARE, "out of memory");
	return p;
}

static char *
xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(xrealloc(NULL, n), s, n);
}

/* The year of a period that starts with four digits. */
static int
atoi_4(const char *s)
{
	return ((s[0] - '0') * 10 + s[1] - '0') * 100 + (s[2] - '0') * 10 +
	    s[3] - '0';
}

/* The weekday of 1 January of year Y, 0 Monday to 6 Sunday (Gauss). */
static int
jan1_weekday(int y)
{
	int c = y - 1;

	return (c + c / 4 - c / 100 + c / 400) % 7;
}

/* The number of ISO weeks in year Y: 53 when it begins on a Thursday, or
 * on a Wednesday in a leap year. */
static int
iso_weeks(int y)
{
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	int d = jan1_weekday(y);

	return d == 3 || (leap && d == 2) ? 53 : 52;
}

/* FNV-1a. */
static uint64_t
hash(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
	return h;
}

/* The slot of KEY: where it is, or the empty one where it would go. */
static size_t
slot(const struct table *t, const char *key)
{
	size_t i = (size_t)hash(key) & (t->cap - 1);

	while (t->keys[i] != NULL && strcmp(t->keys[i], key) != 0)
		i = (i + 1) & (t->cap - 1);
	return i;
}

/* The index of KEY, or SIZE_MAX when it is not there. */
static size_t
lookup(const struct table *t, const char *key)
{
	size_t i;

	if (t->cap == 0)
		return SIZE_MAX;
	i = slot(t, key);
	return t->keys[i] == NULL ? SIZE_MAX : t->vals[i];
}

/* Adds KEY (copied) with VAL; KEY must not be there. */
static void
insert(struct table *t, const char *key, size_t val)
{
	size_t i;

	if (2 * (t->n + 1) > t->cap) {
		struct table old = *t;

		t->cap = old.cap ? 2 * old.cap : 1024;
		t->keys = xrealloc(NULL, t->cap * sizeof(*t->keys));
		t->vals = xrealloc(NULL, t->cap * sizeof(*t->vals));
		memset(t->keys, 0, t->cap * sizeof(*t->keys));
		for (i = 0; i < old.cap; i++) {
			if (old.keys[i] != NULL) {
				size_t j = slot(t, old.keys[i]);

				t->keys[j] = old.keys[i];
				t->vals[j] = old.vals[i];
			}
		}
		free(old.keys);
		free(old.vals);
	}
	i = slot(t, key);
	t->keys[i] = xstrdup(key);
	t->vals[i] = val;
	t->n++;
}

static struct series *series;
static size_t nseries;
static struct table series_index;

/* The place of an error: FILE:LINE. */
static char place[4200];

static void
set_place(const char *file, size_t line)
{
	snprintf(place, sizeof(place), "%s:%zu", file, line);
}

/* The string field NAME of OBJ, which must be there and hold no tab. */
static const char *
need_str(json_t *obj, const char *name)
{
	json_t *v = json_object_get(obj, name);

	if (!json_is_string(v))
		die(EX_DATAERR, "%s: %s: not a string", place, name);
	if (strchr(json_string_value(v), '\t') != NULL)
		die(EX_DATAERR, "%s: %s: has a tab", place, name);
	return json_string_value(v);
}

/* The number field NAME of OBJ, which must be there. */
static double
need_num(json_t *obj, const char *name)
{
	json_t *v = json_object_get(obj, name);

	if (!json_is_number(v))
		die(EX_DATAERR, "%s: %s: not a number", place, name);
	return json_number_value(v);
}

/* Calls EACH with every line of FILE parsed as a JSON object. */
static void
each_object(const char *file, void (*each)(json_t *, void *), void *arg)
{
	FILE *f = fopen(file, "r");
	char *line = NULL;
	size_t cap = 0, lineno = 0;
	ssize_t len;
	json_error_t jerr;

	if (f == NULL)
		die(EX_NOINPUT, "%s: %s", file, strerror(errno));
	while ((len = getline(&line, &cap, f)) != -1) {
		json_t *obj;

		set_place(file, ++lineno);
		obj = json_loadb(line, (size_t)len, 0, &jerr);
		if (!json_is_object(obj))
			die(EX_DATAERR, "%s: %s", place,
			    obj == NULL ? jerr.text : "not an object");
		each(obj, arg);
		json_decref(obj);
	}
	if (ferror(f))
		die(EX_NOINPUT, "%s: %s", file, strerror(errno));
	fclose(f);
	free(line);
}

struct points {
	struct point *p;
	size_t n, cap;
	int add_series;		/* TRAIN: a new series name adds a series */
};

static void
read_point(json_t *obj, void *arg)
{
	struct points *pts = arg;
	const char *name = need_str(obj, "series");
	size_t s = lookup(&series_index, name);

	if (s == SIZE_MAX) {
		if (!pts->add_series)
			die(EX_DATAERR, "%s: series %s: not in the train part",
			    place, name);
		if (nseries % 1024 == 0)
			series = xrealloc(series,
			    (nseries + 1024) * sizeof(*series));
		memset(&series[nseries], 0, sizeof(*series));
		series[nseries].name = xstrdup(name);
		insert(&series_index, name, nseries);
		s = nseries++;
	}
	if (pts->n == pts->cap) {
		pts->cap = pts->cap ? 2 * pts->cap : 4096;
		pts->p = xrealloc(pts->p, pts->cap * sizeof(*pts->p));
	}
	pts->p[pts->n].series = s;
	pts->p[pts->n].period = xstrdup(need_str(obj, "period"));
	pts->p[pts->n].value = need_num(obj, "value");
	pts->n++;
}

static int
by_series_period(const void *a, const void *b)
{
	const struct point *x = a, *y = b;

	if (x->series != y->series)
		return x->series < y->series ? -1 : 1;
	return strcmp(x->period, y->period);
}

/* Whether the N characters at A are digits. */
static int
digits(const char *a, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (a[i] < '0' || a[i] > '9')
			return 0;
	return 1;
}

/* Whether period B follows period A: checked for months (YYYY-MM) and
 * ISO weeks (YYYY-Www), the periods of the benchmark; other periods are
 * taken as they come. */
static int
follows(const char *a, const char *b)
{
	int ya, yb, pa, pb, last;

	if (strlen(a) != strlen(b) || !digits(a, 4) || !digits(b, 4))
		return 1;
	ya = atoi_4(a);
	yb = atoi_4(b);
	if (strlen(a) == 7 && a[4] == '-' && digits(a + 5, 2) &&
	    b[4] == '-' && digits(b + 5, 2)) {
		pa = (a[5] - '0') * 10 + a[6] - '0';
		pb = (b[5] - '0') * 10 + b[6] - '0';
		last = 12;
	} else if (strlen(a) == 8 && strncmp(a + 4, "-W", 2) == 0 &&
	    digits(a + 6, 2) && strncmp(b + 4, "-W", 2) == 0 &&
	    digits(b + 6, 2)) {
		pa = (a[6] - '0') * 10 + a[7] - '0';
		pb = (b[6] - '0') * 10 + b[7] - '0';
		last = iso_weeks(ya);
	} else {
		return 1;
	}
	if (pa < last)
		return yb == ya && pb == pa + 1;
	return yb == ya + 1 && pb == 1;
}

/* Each series' MASE scale from the train points, sorted here. */
static void
scale_series(struct points *train, size_t lag, const char *file)
{
	size_t i, j;

	qsort(train->p, train->n, sizeof(*train->p), by_series_period);
	for (i = 0; i < train->n; i = j) {
		struct series *s = &series[train->p[i].series];
		double sum = 0;

		for (j = i + 1; j < train->n &&
		    train->p[j].series == train->p[i].series; j++) {
			if (strcmp(train->p[j].period,
			    train->p[j - 1].period) == 0)
				die(EX_DATAERR, "%s: series %s: a period twice",
				    file, s->name);
			if (!follows(train->p[j - 1].period,
			    train->p[j].period))
				die(EX_DATAERR, "%s: series %s: a gap after %s",
				    file, s->name, train->p[j - 1].period);
			if (j - i >= lag)
				sum += fabs(train->p[j].value -
				    train->p[j - lag].value);
		}
		if (j - i <= lag)
			die(EX_DATAERR, "%s: series %s: too short for MASE",
			    file, s->name);
		s->scale = sum / (double)(j - i - lag);
		if (!(s->scale > 0))
			die(EX_DATAERR, "%s: series %s: the seasonal naive "
			    "error is 0: no MASE", file, s->name);
	}
}

/* TRUTH: its points, and the table of their "series\tperiod" keys. */
static struct points truth;
static struct table truth_index;
static size_t truth_series;	/* the series with a TRUTH row */

static const char *
row_key(const char *name, const char *period)
{
	static char *key;
	static size_t cap;
	size_t n = strlen(name) + strlen(period) + 2;

	if (n > cap) {
		cap = 2 * n;
		key = xrealloc(key, cap);
	}
	snprintf(key, cap, "%s\t%s", name, period);
	return key;
}

static void
index_truth(const char *file)
{
	size_t i;

	for (i = 0; i < truth.n; i++) {
		struct point *p = &truth.p[i];
		const char *key = row_key(series[p->series].name, p->period);

		if (lookup(&truth_index, key) != SIZE_MAX)
			die(EX_DATAERR, "%s: series %s: a period twice", file,
			    series[p->series].name);
		insert(&truth_index, key, i);
		if (series[p->series].rows++ == 0)
			truth_series++;
	}
}

/* One forecasts file's tallies. */
struct score {
	unsigned char *seen;	/* per TRUTH row */
	size_t rows;
	int bounds;		/* -1 not known yet, 0 none, 1 all rows */
	size_t in80, in95;
};

/* Whether Y lies within the bounds LO and HI of OBJ; a null is no bound. */
static int
covers(json_t *obj, const char *lo, const char *hi, double y)
{
	json_t *l = json_object_get(obj, lo), *h = json_object_get(obj, hi);

	if (json_is_null(l) || json_is_null(h))
		return 0;
	return need_num(obj, lo) <= y && y <= need_num(obj, hi);
}

static void
score_row(json_t *obj, void *arg)
{
	struct score *sc = arg;
	const char *name = need_str(obj, "series");
	const char *period = need_str(obj, "period");
	size_t r = lookup(&truth_index, row_key(name, period));
	double f, y, d;
	struct series *s;
	int bounds;

	if (r == SIZE_MAX)
		die(EX_DATAERR, "%s: series %s: no such period in the truth",
		    place, name);
	if (sc->seen[r])
		die(EX_DATAERR, "%s: series %s: the same period again", place,
		    name);
	sc->seen[r] = 1;
	sc->rows++;
	f = need_num(obj, "forecast");
	y = truth.p[r].value;
	s = &series[truth.p[r].series];
	d = fabs(y - f);
	if (d > 0)
		s->smape_sum += 200 * d / (fabs(y) + fabs(f));
	s->ae_sum += d;

	bounds = json_object_get(obj, "lo80") != NULL;
	if (sc->bounds == -1)
		sc->bounds = bounds;
	else if (sc->bounds != bounds)
		die(EX_DATAERR, "%s: series %s: bounds in some lines only",
		    place, name);
	if (bounds) {
		sc->in80 += (size_t)covers(obj, "lo80", "hi80", y);
		sc->in95 += (size_t)covers(obj, "lo95", "hi95", y);
	}
}

static void
score_file(const char *arg)
{
	const char *eq = strchr(arg, '=');	/* checked by main */
	const char *file = eq + 1;
	struct score sc = { NULL, 0, -1, 0, 0 };
	double smape = 0, mase = 0;
	size_t i;

	for (i = 0; i < nseries; i++)
		series[i].smape_sum = series[i].ae_sum = 0;
	sc.seen = xrealloc(NULL, truth.n);
	memset(sc.seen, 0, truth.n);
	each_object(file, score_row, &sc);
	if (sc.rows != truth.n) {
		for (i = 0; sc.seen[i]; i++)
			continue;
		die(EX_DATAERR, "%s: %zu of the truth's %zu rows not "
		    "forecast, the first: series %s period %s", file,
		    truth.n - sc.rows, truth.n,
		    series[truth.p[i].series].name, truth.p[i].period);
	}
	free(sc.seen);

	/* Every series with a TRUTH row is scored; train-only ones are
	 * not part of the test. */
	for (i = 0; i < nseries; i++) {
		if (series[i].rows == 0)
			continue;
		smape += series[i].smape_sum / (double)series[i].rows;
		mase += series[i].ae_sum / (double)series[i].rows /
		    series[i].scale;
	}
	printf("%.*s\t%zu\t%.4f\t%.4f", (int)(eq - arg), arg, truth_series,
	    smape / (double)truth_series, mase / (double)truth_series);
	if (sc.bounds == 1)
		printf("\t%.4f\t%.4f\n", 100.0 * (double)sc.in80 /
		    (double)truth.n, 100.0 * (double)sc.in95 /
		    (double)truth.n);
	else
		printf("\t-\t-\n");
}

static void
free_points(struct points *pts)
{
	size_t i;

	for (i = 0; i < pts->n; i++)
		free(pts->p[i].period);
	free(pts->p);
}

static void
free_table(struct table *t)
{
	size_t i;

	for (i = 0; i < t->cap; i++)
		free(t->keys[i]);
	free(t->keys);
	free(t->vals);
}

int
main(int argc, char **argv)
{
	struct points train = { NULL, 0, 0, 1 };
	size_t lag = 12, s;
	char *end;
	int c, i;

	while ((c = getopt(argc, argv, "m:")) != -1) {
		switch (c) {
		case 'm':
			errno = 0;
			lag = (size_t)strtoul(optarg, &end, 10);
			if (errno != 0 || *end != '\0' || lag == 0)
				die(EX_USAGE, "-m %s: not a lag", optarg);
			break;
		default:
			fputs(usage_text, stderr);
			return EX_USAGE;
		}
	}
	if (argc - optind < 3) {
		fputs(usage_text, stderr);
		return EX_USAGE;
	}
	for (i = optind + 2; i < argc; i++) {
		const char *eq = strchr(argv[i], '=');

		if (eq == NULL || eq == argv[i] || eq[1] == '\0')
			die(EX_USAGE, "%s: not NAME=FORECASTS", argv[i]);
	}
	each_object(argv[optind], read_point, &train);
	scale_series(&train, lag, argv[optind]);
	free_points(&train);
	truth.add_series = 0;
	each_object(argv[optind + 1], read_point, &truth);
	if (truth.n == 0)
		die(EX_DATAERR, "%s: no rows", argv[optind + 1]);
	index_truth(argv[optind + 1]);
	printf("name\tseries\tsmape\tmase\tcover80\tcover95\n");
	for (i = optind + 2; i < argc; i++)
		score_file(argv[i]);
	free_points(&truth);
	free_table(&truth_index);
	free_table(&series_index);
	for (s = 0; s < nseries; s++)
		free(series[s].name);
	free(series);
	if (fflush(stdout) != 0 || ferror(stdout))
		die(EX_IOERR, "stdout: %s", strerror(errno));
	return 0;
}
