/*
 * replay.c - run a fuzz target over files without libFuzzer, so that
 * the seed corpus runs in make check under any compiler (and under
 * ASan/UBSan in make asan).
 *
 * usage: NAME-run [-v] FILE|DIR ...
 *
 * Each FILE is one input; a DIR stands for every regular file in it, in
 * name order.  Each input is copied into a buffer of exactly its size,
 * as libFuzzer does, so the sanitizers see reads past its end.  Silent
 * on success; -v prints the number of inputs run, -v -v also names each
 * input on stderr before running it (the last one named is the one that
 * crashed).  Exit status 0, or 1 when an input cannot be read, or 64 for
 * a usage error.
 */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *prog = "replay";
static int verbose;
static unsigned long ninputs;

/* Read all of path into a buffer of exactly its size (at least one
 * byte, so that an empty input is not a null pointer). */
static int
read_file(const char *path, unsigned char **datap, size_t *sizep)
{
	FILE *fp = fopen(path, "rb");
	unsigned char *data = NULL, *p;
	size_t n = 0, cap = 0, got;
	int rc = 1;

	if (fp == NULL)
		goto out;
	for (;;) {
		if (n == cap) {
			cap = cap ? cap * 2 : 4096;
			if ((p = realloc(data, cap)) == NULL)
				goto out;
			data = p;
		}
		got = fread(data + n, 1, cap - n, fp);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(fp))
		goto out;
	if ((p = realloc(data, n ? n : 1)) == NULL)
		goto out;
	data = p;
	*datap = data;
	*sizep = n;
	data = NULL;
	rc = 0;
out:
	if (rc != 0)
		fprintf(stderr, "%s: %s: %s\n", prog, path, strerror(errno));
	if (fp != NULL)
		fclose(fp);
	free(data);
	return rc;
}

static int
run_file(const char *path)
{
	unsigned char *data;
	size_t size;

	if (read_file(path, &data, &size) != 0)
		return 1;
	if (verbose > 1)
		fprintf(stderr, "%s: %s\n", prog, path);
	LLVMFuzzerTestOneInput(data, size);
	free(data);
	ninputs++;
	return 0;
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
run_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	struct stat sb;
	char **names = NULL, **p, *path;
	size_t n = 0, i, len;
	int rc = 0;

	if (d == NULL) {
		fprintf(stderr, "%s: %s: %s\n", prog, dir, strerror(errno));
		return 1;
	}
	while ((e = readdir(d)) != NULL) {
		len = strlen(dir) + strlen(e->d_name) + 2;
		if ((path = malloc(len)) == NULL) {
			rc = 1;
			break;
		}
		snprintf(path, len, "%s/%s", dir, e->d_name);
		if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode)) {
			free(path);
			continue;
		}
		if ((p = realloc(names, (n + 1) * sizeof(*p))) == NULL) {
			free(path);
			rc = 1;
			break;
		}
		names = p;
		names[n++] = path;
	}
	closedir(d);
	if (rc != 0)
		fprintf(stderr, "%s: %s: out of memory\n", prog, dir);
	else if (n > 0)
		qsort(names, n, sizeof(*names), by_name);
	for (i = 0; i < n; i++) {
		if (rc == 0)
			rc = run_file(names[i]);
		free(names[i]);
	}
	free(names);
	return rc;
}

int
main(int argc, char **argv)
{
	struct stat sb;
	int c, i, rc = 0;

	if (argc > 0 && argv[0] != NULL) {
		const char *slash = strrchr(argv[0], '/');

		prog = slash ? slash + 1 : argv[0];
	}
	while ((c = getopt(argc, argv, "v")) != -1) {
		if (c != 'v') {
			fprintf(stderr, "usage: %s [-v] FILE|DIR ...\n", prog);
			return 64;
		}
		verbose++;
	}
	for (i = optind; i < argc && rc == 0; i++) {
		if (stat(argv[i], &sb) == 0 && S_ISDIR(sb.st_mode))
			rc = run_dir(argv[i]);
		else
			rc = run_file(argv[i]);
	}
	if (verbose > 0)
		printf("%lu inputs\n", ninputs);
	return rc;
}
