/*
 * pngmarks - count the marks of a chart in a PNG screenshot, for the CLI
 * tests of HTML reports rendered by a real browser.
 *
 * usage: pngmarks [-c] [-t TOL] [-a AREA] FILE.png [COLOUR ...]
 *
 * Without a COLOUR it prints the image's "WIDTH HEIGHT".  A COLOUR is
 * #rrggbb: the pixels within TOL (default 16) of it on every channel;
 * or ~#rrggbb: its tints, the pixels that are the colour laid over
 * white at some opacity of at least 0.1 (fill-opacity, opacity),
 * within TOL.  The marks of a colour are the connected regions of such
 * pixels (8-neighbours) of at least AREA pixels (default 4), so that
 * the anti-aliased fringe of other shapes does not count.  For each
 * COLOUR, in order, it prints one line per mark, "COLOUR X Y W H" (the
 * bounding box, marks ordered by their top then left pixel), or with -c
 * only the number of marks.
 *
 * Reads 8-bit RGB and RGBA PNG, not interlaced (what Chromium writes);
 * alpha is laid over white.  Exit status 0, 64 for a usage error, 65
 * for a file that is not such a PNG, 66 when it cannot be read.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#define EX_USAGE 64
#define EX_DATAERR 65
#define EX_NOINPUT 66

typedef struct image {
	unsigned long w, h;
	unsigned char *rgb;     /* w * h * 3 */
} image;

typedef struct spec {
	const char *text;
	int r, g, b, tint;
} spec;

static const char *prog = "pngmarks";

static unsigned long
be32(const unsigned char *p)
{
	return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 |
	    (unsigned long)p[2] << 8 | (unsigned long)p[3];
}

/* Read all of path; 0, or an exit status after a message. */
static int
slurp(const char *path, unsigned char **datap, size_t *sizep)
{
	FILE *fp = fopen(path, "rb");
	unsigned char *data = NULL, *p;
	size_t n = 0, cap = 0;
	int rc = EX_NOINPUT;

	if (fp == NULL) {
		fprintf(stderr, "%s: %s: %s\n", prog, path, strerror(errno));
		return rc;
	}
	for (;;) {
		if (n == cap) {
			cap = cap > 0 ? 2 * cap : 65536;
			if ((p = realloc(data, cap)) == NULL) {
				fprintf(stderr, "%s: out of memory\n", prog);
				goto out;
			}
			data = p;
		}
		n += fread(data + n, 1, cap - n, fp);
		if (n < cap)
			break;
	}
	if (ferror(fp)) {
		fprintf(stderr, "%s: %s: read error\n", prog, path);
		goto out;
	}
	*datap = data;
	*sizep = n;
	data = NULL;
	rc = 0;
out:
	free(data);
	fclose(fp);
	return rc;
}

static int
paeth(int a, int b, int c)
{
	int p = a + b - c, pa = abs(p - a), pb = abs(p - b), pc = abs(p - c);

	if (pa <= pb && pa <= pc)
		return a;
	return pb <= pc ? b : c;
}

/* Undo the filters of the raw scanlines in place; 0 or -1. */
static int
unfilter(unsigned char *raw, unsigned long w, unsigned long h, size_t bpp)
{
	size_t stride = w * bpp, x;
	unsigned char *line, *prev = NULL;
	unsigned long y;
	int a, b, c;

	for (y = 0; y < h; y++) {
		line = raw + y * (stride + 1) + 1;
		for (x = 0; x < stride; x++) {
			a = x >= bpp ? line[x - bpp] : 0;
			b = prev != NULL ? prev[x] : 0;
			c = x >= bpp && prev != NULL ? prev[x - bpp] : 0;
			switch (line[-1]) {
			case 0: break;
			case 1: line[x] = (unsigned char)(line[x] + a); break;
			case 2: line[x] = (unsigned char)(line[x] + b); break;
			case 3:
				line[x] = (unsigned char)(line[x] +
				    (a + b) / 2);
				break;
			case 4:
				line[x] = (unsigned char)(line[x] +
				    paeth(a, b, c));
				break;
			default: return -1;
			}
		}
		prev = line;
	}
	return 0;
}

/* Decode the PNG of path into img; 0, or an exit status. */
static int
decode(const char *path, image *img)
{
	static const unsigned char sig[8] = { 137, 'P', 'N', 'G', 13, 10,
	    26, 10 };
	unsigned char *file = NULL, *idat = NULL, *raw = NULL, *p, *px;
	size_t size, at = 8, nidat = 0, bpp = 0, i, npx;
	unsigned long len, w = 0, h = 0;
	uLongf rawlen;
	const char *why = "not a PNG";
	int rc, seen_end = 0;

	if ((rc = slurp(path, &file, &size)) != 0)
		return rc;
	rc = EX_DATAERR;
	if (size < 8 || memcmp(file, sig, 8) != 0)
		goto bad;
	while (!seen_end) {
		why = "truncated";
		if (size - at < 12 || (len = be32(file + at)) > size - at - 12)
			goto bad;
		p = file + at + 4;
		why = "bad CRC";
		if (crc32(0, p, (uInt)(len + 4)) != be32(p + 4 + len))
			goto bad;
		if (memcmp(p, "IHDR", 4) == 0) {
			why = "not 8-bit RGB or RGBA, not interlaced";
			if (len != 13 || p[12] != 8 || (p[13] != 2 &&
			    p[13] != 6) || p[14] != 0 || p[15] != 0 ||
			    p[16] != 0)
				goto bad;
			w = be32(p + 4);
			h = be32(p + 8);
			bpp = p[13] == 6 ? 4 : 3;
			why = "too large";
			if (w == 0 || h == 0 || w > 20000 || h > 20000)
				goto bad;
		} else if (memcmp(p, "IDAT", 4) == 0) {
			if ((px = realloc(idat, nidat + len + 1)) == NULL)
				goto nomem;
			idat = px;
			memcpy(idat + nidat, p + 4, len);
			nidat += len;
		} else if (memcmp(p, "IEND", 4) == 0) {
			seen_end = 1;
		}
		at += len + 12;
	}
	why = "no IHDR or IDAT";
	if (bpp == 0 || nidat == 0)
		goto bad;
	rawlen = (uLongf)(h * (w * bpp + 1));
	if ((raw = malloc(rawlen)) == NULL)
		goto nomem;
	why = "bad image data";
	if (uncompress(raw, &rawlen, idat, (uLong)nidat) != Z_OK ||
	    rawlen != h * (w * bpp + 1) || unfilter(raw, w, h, bpp) != 0)
		goto bad;
	npx = (size_t)w * h;
	if ((img->rgb = malloc(npx * 3)) == NULL)
		goto nomem;
	for (i = 0; i < npx; i++) {
		const unsigned char *s = raw + (i / w) * (w * bpp + 1) + 1 +
		    (i % w) * bpp;
		unsigned alpha = bpp == 4 ? s[3] : 255;
		int c;

		for (c = 0; c < 3; c++)
			img->rgb[3 * i + c] = (unsigned char)((s[c] * alpha +
			    255 * (255 - alpha) + 127) / 255);
	}
	img->w = w;
	img->h = h;
	rc = 0;
	goto out;
nomem:
	why = "out of memory";
bad:
	fprintf(stderr, "%s: %s: %s\n", prog, path, why);
out:
	free(file);
	free(idat);
	free(raw);
	return rc;
}

static int
parse_spec(const char *s, spec *sp)
{
	unsigned r, g, b;
	int end = 0;

	sp->text = s;
	sp->tint = *s == '~';
	s += sp->tint;
	if (sscanf(s, "#%2x%2x%2x%n", &r, &g, &b, &end) != 3 || end != 7 ||
	    s[7] != '\0')
		return -1;
	sp->r = (int)r;
	sp->g = (int)g;
	sp->b = (int)b;
	return 0;
}

static int
near(int a, int b, int tol)
{
	return abs(a - b) <= tol;
}

/* Whether pixel px is of the colour of sp. */
static int
matches(const unsigned char *px, const spec *sp, int tol)
{
	int want[3] = { sp->r, sp->g, sp->b }, c, best = 0;
	double op, most = 0;

	if (!sp->tint)
		return near(px[0], sp->r, tol) && near(px[1], sp->g, tol) &&
		    near(px[2], sp->b, tol);
	/* The opacity from the channel furthest from white, checked on all
	 * three. */
	for (c = 0; c < 3; c++)
		if (255 - want[c] > most) {
			most = 255 - want[c];
			best = c;
		}
	if (most == 0)
		return 0;
	op = (255 - px[best]) / most;
	if (op < 0.1 || op > 1.05)
		return 0;
	for (c = 0; c < 3; c++)
		if (!near(px[c], (int)(255 - op * (255 - want[c]) + 0.5), tol))
			return 0;
	return 1;
}

/* The marks of sp: print them (or their number with count); 0 or an
 * exit status. */
static int
marks(const image *img, const spec *sp, int tol, unsigned long area,
    int count)
{
	size_t npx = (size_t)img->w * img->h, i, top, n;
	unsigned char *seen = calloc(npx, 1);
	size_t *stack = malloc(npx * sizeof(*stack));
	unsigned long x, y, x0, y0, x1, y1, nmarks = 0;
	long dx, dy, nx, ny;
	int rc = 1;

	if (seen == NULL || stack == NULL) {
		fprintf(stderr, "%s: out of memory\n", prog);
		goto out;
	}
	for (i = 0; i < npx; i++)
		if (!matches(img->rgb + 3 * i, sp, tol))
			seen[i] = 1;
	for (i = 0; i < npx; i++) {
		if (seen[i])
			continue;
		seen[i] = 1;
		stack[0] = i;
		top = 1;
		n = 0;
		x0 = x1 = i % img->w;
		y0 = y1 = i / img->w;
		while (top > 0) {
			size_t at = stack[--top];

			n++;
			x = at % img->w;
			y = at / img->w;
			x0 = x < x0 ? x : x0;
			x1 = x > x1 ? x : x1;
			y0 = y < y0 ? y : y0;
			y1 = y > y1 ? y : y1;
			for (dy = -1; dy <= 1; dy++)
				for (dx = -1; dx <= 1; dx++) {
					nx = (long)x + dx;
					ny = (long)y + dy;
					if (nx < 0 || ny < 0 ||
					    nx >= (long)img->w ||
					    ny >= (long)img->h)
						continue;
					at = (size_t)ny * img->w + (size_t)nx;
					if (!seen[at]) {
						seen[at] = 1;
						stack[top++] = at;
					}
				}
		}
		if (n < area)
			continue;
		nmarks++;
		if (!count)
			printf("%s %lu %lu %lu %lu\n", sp->text, x0, y0,
			    x1 - x0 + 1, y1 - y0 + 1);
	}
	if (count)
		printf("%lu\n", nmarks);
	rc = 0;
out:
	free(seen);
	free(stack);
	return rc;
}

static int
usage(void)
{
	fprintf(stderr, "usage: %s [-c] [-t TOL] [-a AREA] FILE.png "
	    "[COLOUR ...]\n", prog);
	return EX_USAGE;
}

int
main(int argc, char **argv)
{
	image img = { 0, 0, NULL };
	spec sp;
	unsigned long area = 4;
	int opt, count = 0, tol = 16, i, rc;
	char *end;

	while ((opt = getopt(argc, argv, "ct:a:")) != -1) {
		switch (opt) {
		case 'c':
			count = 1;
			break;
		case 't':
			tol = (int)strtol(optarg, &end, 10);
			if (*end != '\0' || tol < 0 || tol > 255)
				return usage();
			break;
		case 'a':
			area = strtoul(optarg, &end, 10);
			if (*end != '\0' || *optarg == '-')
				return usage();
			break;
		default:
			return usage();
		}
	}
	if (optind >= argc)
		return usage();
	for (i = optind + 1; i < argc; i++)
		if (parse_spec(argv[i], &sp) != 0) {
			fprintf(stderr, "%s: %s: not a colour (#rrggbb or "
			    "~#rrggbb)\n", prog, argv[i]);
			return EX_USAGE;
		}
	if ((rc = decode(argv[optind], &img)) != 0)
		return rc;
	if (optind + 1 == argc)
		printf("%lu %lu\n", img.w, img.h);
	for (i = optind + 1; i < argc && rc == 0; i++) {
		(void)parse_spec(argv[i], &sp);
		rc = marks(&img, &sp, tol, area, count);
	}
	free(img.rgb);
	if (rc == 0 && (fflush(stdout) != 0 || ferror(stdout))) {
		fprintf(stderr, "%s: write error\n", prog);
		rc = 1;
	}
	return rc;
}
